// Exercise 11 — escape-time images of the Mandelbrot set, rows of very
// unequal cost.
// DO NOT EDIT: the grader builds your mandelbrot_balance.cpp against this
// header as it is here.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "parlab/random.hpp"

namespace parlab::mandelbrot_balance {

// A rectangle of the complex plane, c = re + i*im, and the iteration cap.
struct View {
  double re_min = -2.0;  // left edge
  double re_max = 0.6;   // right edge
  double im_min = -1.2;  // bottom edge
  double im_max = 0.3;   // top edge
  std::uint32_t max_iter = 2000;
};

// The two views the grader times (README.md): in both, the set fills the
// top of the image and the bottom escapes in a few iterations, so a row
// near the top costs up to max_iter iterations a pixel and a row near the
// bottom a handful.
//   the set seen from above: the main cardioid and the bulb at -1 fill the
//   top third, the bottom is outside.
inline View set_from_above() { return {.re_min = -2.0, .re_max = 0.6, .im_min = -1.2, .im_max = 0.3}; }
//   a zoom on the lower edge of the main cardioid.
inline View cardioid_edge() { return {.re_min = -0.3, .re_max = 0.45, .im_min = -1.0, .im_max = -0.25}; }

// `view` moved by at most 0.5% of its width and height in each direction,
// a pure function of (seed, index) (kit's counter-based uniform points), so
// that every grading run renders a slightly different image.
inline View shifted(const View& view, std::uint64_t seed, std::uint64_t index) {
  const rng::Point u = rng::uniform_point(seed, index);
  View v = view;
  const double dx = (u.x - 0.5) * 0.01 * (view.re_max - view.re_min);
  const double dy = (u.y - 0.5) * 0.01 * (view.im_max - view.im_min);
  v.re_min += dx;
  v.re_max += dx;
  v.im_min += dy;
  v.im_max += dy;
  return v;
}

// THE TASK. The escape times of a `width` x `height` image of `view`,
// row-major: counts[row * width + column], row 0 at the top (im_max).
// Row `row` of the result is EXACTLY what the kit's escape_row() writes for
// that row, so compute every row with escape_row(): which thread computes
// which row is yours to decide, the numbers are not. Any split gives the
// same integers as the baseline.
// width == 0 or height == 0 gives an empty vector. At most `threads`
// threads work at once (threads >= 1).
std::vector<std::uint32_t> render(const View& view, std::size_t width, std::size_t height, unsigned threads);

// ---- kit code (escape_time.cpp) -------------------------------------------

// ONE row of the image: out[column] for column = 0..width-1
// (out.size() must be width; nothing else is touched, so different rows may
// be computed by different threads at once).
//
// Pixel (column, row) samples the centre of its cell:
//   re = re_min + (column + 0.5) * (re_max - re_min) / width
//   im = im_max - (row + 0.5) * (im_max - im_min) / height
// and its escape time is the first n in 1..max_iter with |z_n| > 2, where
// z_0 = 0, z_{n+1} = z_n^2 + c, or max_iter if there is none (c is in the
// set as far as max_iter iterations can tell). Every multiply-add is one
// parlab::lanes::madd (a fused multiply-add on an FMA machine), so there is
// nothing left for a compiler to contract; the baseline and your code call
// this same compiled function, so their counts agree bit for bit anyway.
// A pixel costs its escape time in iterations (~2 ns each): a row inside
// the set costs up to width * max_iter of them, a row far outside a few per
// pixel.
void escape_row(const View& view, std::size_t width, std::size_t height, std::size_t row,
                std::span<std::uint32_t> out);

namespace baseline {
// The kit's sequential version (baseline.cpp): what your speedup is measured against.
std::vector<std::uint32_t> render(const View& view, std::size_t width, std::size_t height);
}  // namespace baseline

}  // namespace parlab::mandelbrot_balance
