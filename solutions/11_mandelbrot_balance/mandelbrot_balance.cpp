// Reference solution, exercise 11: dynamic scheduling of rows with an atomic
// counter and std::jthreads.
//
// The rows' costs differ by a factor of hundreds (a row inside the set costs
// width * max_iter iterations, one outside a few per pixel), and which rows
// are expensive depends on the view. So no split fixed in advance is right
// for every view and every thread count. Instead every worker takes the next
// unclaimed row from a shared counter when it is done with its last one: a
// thread that drew cheap rows simply takes more of them, and all threads
// finish within about one row of each other.
//
// One row per fetch_add is fine-grained enough: a row is 512 pixels, at least
// a few microseconds of work even far outside the set, against some tens of
// nanoseconds for the atomic increment. The rows are written into disjoint
// slices of `counts`, so no two threads touch the same element; joining the
// jthreads publishes them to the caller.
#include <algorithm>
#include <atomic>
#include <thread>

#include "mandelbrot_balance.hpp"

namespace parlab::mandelbrot_balance {

std::vector<std::uint32_t> render(const View& view, std::size_t width, std::size_t height, unsigned threads) {
  if (width == 0 || height == 0) return {};
  std::vector<std::uint32_t> counts(width * height);
  // More workers than rows would have nothing to do.
  const std::size_t workers = std::min<std::size_t>(std::max(1U, threads), height);

  // Relaxed order is enough: fetch_add alone hands each row to exactly one
  // worker; the counts are published by the joins, not by this counter.
  std::atomic<std::size_t> next_row{0};
  auto work = [&] {
    for (std::size_t row = next_row.fetch_add(1, std::memory_order_relaxed); row < height;
         row = next_row.fetch_add(1, std::memory_order_relaxed)) {
      escape_row(view, width, height, row, std::span(counts).subspan(row * width, width));
    }
  };
  {
    std::vector<std::jthread> pool;
    pool.reserve(workers - 1);
    for (std::size_t w = 1; w < workers; ++w) pool.emplace_back(work);
    work();  // the calling thread is a worker too instead of waiting idle
  }  // jthreads join here: every row is written and visible
  return counts;
}

}  // namespace parlab::mandelbrot_balance
