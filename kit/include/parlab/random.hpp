// Reproducible parallel random numbers for the Monte Carlo exercises.
//
// Every function here is a pure function of (seed, index): sample i is the
// same number on every thread, in every partition, on every run. Give each
// sample its own index and the parallel result equals the sequential one,
// bit for bit, however the indices are split across threads.
//
// Contrast the two classic bugs this avoids:
//   * one std::mt19937 shared by all threads: a data race (TSan reports it),
//     and even with a lock the result depends on scheduling;
//   * one generator per thread, each seeded alike: every thread draws the
//     same numbers, so N threads do the work of one.
//
// Two ways to ask for the same numbers:
//   * one at a time: uniform_point(seed, i), standard_normal(seed, i);
//   * a block at a time: PointBlock / NormalBlock::fill(seed, first, last)
//     draws up to 256 consecutive samples in one call, several per
//     instruction where the machine has SIMD (AVX2: four lanes). The block
//     holds exactly the numbers the one-at-a-time calls return (kit/tests
//     check it bit for bit), 13x faster per core than calling
//     uniform_point() in a loop with AVX2, 4x with SSE2. The kit's
//     sequential baselines use blocks.
//
// The generator is Philox4x32-10 (parlab/philox.hpp): one call gives 128
// random bits, and every draw below spends them carefully:
//   * a point of the unit square takes 64 bits, 32 per coordinate, so one
//     Philox call gives two samples (2k and 2k+1 share counter k). Of each
//     32-bit word the top 25 bits pick one of 2^25 equal cells, and the
//     coordinate is the cell's midpoint (2m + 1) / 2^26. Such coordinates have
//     26 significant bits, so x*x + y*y is computed exactly in double (no
//     rounding at all, fused multiply-add or not, on any machine), and the
//     cells are far finer than any Monte Carlo error: see the lesson in
//     exercises/04_monte_carlo_pi/README.md;
//   * a standard normal pair takes one call: a radius from 53 bits (tails out
//     to 8.6 standard deviations) and an angle from 32 bits, by Box-Muller
//     with both its cosine and its sine: normals 2k and 2k+1 share counter k.
#pragma once

#include <algorithm>
#include <array>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <numbers>

#include "parlab/detail/lanes.hpp"
#include "parlab/detail/philox_lanes.hpp"
#include "parlab/math.hpp"
#include "parlab/philox.hpp"

namespace parlab::rng {

// A double in [0, 1) built from 53 random bits.
constexpr double unit_from_bits(std::uint32_t hi, std::uint32_t lo) {
  const std::uint64_t bits = (std::uint64_t{hi} << 21) ^ (std::uint64_t{lo} >> 11);
  return static_cast<double>(bits & ((std::uint64_t{1} << 53) - 1)) * 0x1.0p-53;
}

// The midpoint of cell w >> 7 of 2^25 equal cells of (0, 1): (2m + 1) / 2^26.
// Every step is exact, so any compiler on any machine gets the same double.
constexpr double unit_from_word(std::uint32_t w) {
  return static_cast<double>(w >> 7) * 0x1.0p-25 + 0x1.0p-26;
}

struct Point {
  double x;
  double y;
};

// Sample `index` of the unit square: one half of Philox counter index / 2
// (words 0 and 1 for an even index, 2 and 3 for an odd one), stream 0.
constexpr Point uniform_point(std::uint64_t seed, std::uint64_t index) {
  const Counter r = draw(seed, index >> 1);
  const std::size_t h = (index & 1U) != 0 ? 2 : 0;
  return {unit_from_word(r[h]), unit_from_word(r[h + 1])};
}

// Exact for the kit's points: x*x and y*y have at most 52 significant bits
// and their sum at most 53, so nothing is rounded.
constexpr bool inside_unit_circle(Point p) { return p.x * p.x + p.y * p.y < 1.0; }

namespace detail {

// Radius of the Box-Muller transform from 53 random bits: sqrt(-2 ln u1)
// with u1 = 1 - unit_from_bits(hi, lo) in (0, 1], so the log is finite.
inline double box_muller_radius(std::uint32_t hi, std::uint32_t lo) {
  const double u1 = 1.0 - unit_from_bits(hi, lo);
  return std::sqrt(-2.0 * math::detail::log(u1));
}

// pi / 2^31: turns a signed count of 2^-32 turns into radians.
inline constexpr double kRadiansPerStep = std::numbers::pi * 0x1.0p-31;

// cos and sin of 2 pi (w + 1/2) / 2^32. The angle is reduced exactly, in
// integers: the nearest quarter turn q, then the rest, at most pi/4.
inline void cos_sin_of_turn(std::uint32_t w, double& c, double& s) {
  const std::uint32_t t = w + (std::uint32_t{1} << 29);
  const std::uint32_t q = t >> 30;
  const double steps = static_cast<double>(t & 0x3fffffffU) - (0x1.0p29 - 0.5);  // exact
  double sin_r = 0;
  double cos_r = 0;
  math::detail::sincos_kernel(steps * kRadiansPerStep, sin_r, cos_r);
  switch (q) {
    case 0: c = cos_r; s = sin_r; break;
    case 1: c = -sin_r; s = cos_r; break;
    case 2: c = -cos_r; s = -sin_r; break;
    default: c = sin_r; s = -cos_r; break;
  }
}

}  // namespace detail

// Standard normal number `index`: Box-Muller on Philox counter index / 2 of
// stream 1; an even index takes the cosine, an odd one the sine.
inline double standard_normal(std::uint64_t seed, std::uint64_t index) {
  const Counter r = draw(seed, index >> 1, 1U);
  double c = 0;
  double s = 0;
  detail::cos_sin_of_turn(r[2], c, s);
  return detail::box_muller_radius(r[0], r[1]) * ((index & 1U) != 0 ? s : c);
}

// A 64-bit hash of (seed, index), for workloads that need integers.
constexpr std::uint64_t hash64(std::uint64_t seed, std::uint64_t index) {
  const Counter r = draw(seed, index, 2U);
  return (std::uint64_t{r[0]} << 32) | r[1];
}

// Up to 256 consecutive points of the unit square, drawn in one call.
//
//   rng::PointBlock block;
//   for (std::uint64_t i = begin; i < end; i += block.size()) {
//     block.fill(seed, i, end);  // samples i, i+1, ... (at most 256, not past end)
//     for (std::size_t j = 0; j < block.size(); ++j) hits += rng::inside_unit_circle(block[j]) ? 1 : 0;
//   }
//
// After fill(seed, first, last), block[j] == uniform_point(seed, first + j)
// for every j < size(), bit for bit. 4 KiB: it stays in the L1 cache.
class PointBlock {
 public:
  static constexpr std::size_t kCapacity = 256;

  // Draws samples [first, min(last, first + kCapacity)); none if last <= first.
  void fill(std::uint64_t seed, std::uint64_t first, std::uint64_t last);

  [[nodiscard]] std::size_t size() const { return size_; }
  [[nodiscard]] Point operator[](std::size_t j) const { return {x_[j], y_[j]}; }
  [[nodiscard]] const double* x() const { return x_.data(); }
  [[nodiscard]] const double* y() const { return y_.data(); }

 private:
  void fill_one(std::uint64_t seed, std::uint64_t index, std::size_t j) {
    const Point p = uniform_point(seed, index);
    x_[j] = p.x;
    y_[j] = p.y;
  }

  std::size_t size_ = 0;
  alignas(64) std::array<double, kCapacity> x_;
  alignas(64) std::array<double, kCapacity> y_;
};

// How many of samples [first, last) of `seed` fall inside the unit circle:
// the loop above, the sequential kernel of Monte Carlo pi. The kit's
// baselines time it on one core; a parallel solution runs it on each
// thread's (or each TBB chunk's) own range. Being a pure function of the
// range, the counts of any split of [0, n) add up to the count of [0, n).
inline std::uint64_t count_in_unit_circle(std::uint64_t seed, std::uint64_t first, std::uint64_t last) {
  std::uint64_t hits = 0;
  PointBlock block;
  for (std::uint64_t i = first; i < last; i += block.size()) {
    block.fill(seed, i, last);
    for (std::size_t j = 0; j < block.size(); ++j) hits += inside_unit_circle(block[j]) ? 1U : 0U;
  }
  return hits;
}

// Up to 256 consecutive standard normals, drawn in one call. After
// fill(seed, first, last), block[j] == standard_normal(seed, first + j) for
// every j < size(), bit for bit.
class NormalBlock {
 public:
  static constexpr std::size_t kCapacity = 256;

  // Draws normals [first, min(last, first + kCapacity)); none if last <= first.
  void fill(std::uint64_t seed, std::uint64_t first, std::uint64_t last);

  [[nodiscard]] std::size_t size() const { return size_; }
  [[nodiscard]] double operator[](std::size_t j) const { return z_[j]; }
  [[nodiscard]] const double* data() const { return z_.data(); }

 private:
  std::size_t size_ = 0;
  alignas(64) std::array<double, kCapacity> z_;
};

// ---- implementation ------------------------------------------------------

namespace detail {

#if PARLAB_LANES_SIMD
using lanes::RawU;

// Counter k holds the x of samples 2k and 2k+1 in its words 0 and 2: put
// each register's word-2 values next to its word-0 values, so that the low
// 32-bit halves read in order give the words of consecutive samples.
// Then unit_from_word() of each, exactly, stored at out[0 .. 2 * kWidth).
#if PARLAB_LANES_AVX2
inline void store_units_in_order(RawU even, RawU odd, double* out) {
  const __m256i words = _mm256_blend_epi32(even, _mm256_slli_epi64(odd, 32), 0xAA);
  const __m256i m = _mm256_srli_epi32(words, 7);
  const __m256d scale = _mm256_set1_pd(0x1.0p-25);
  const __m256d half_cell = _mm256_set1_pd(0x1.0p-26);
  _mm256_storeu_pd(out, _mm256_fmadd_pd(_mm256_cvtepi32_pd(_mm256_castsi256_si128(m)), scale, half_cell));
  _mm256_storeu_pd(out + 4, _mm256_fmadd_pd(_mm256_cvtepi32_pd(_mm256_extracti128_si256(m, 1)), scale, half_cell));
}
// Normals 2k (cosines, `even`) and 2k+1 (sines, `odd`) of the register's
// counters, stored in index order.
inline void store_pairs_in_order(__m256d even, __m256d odd, double* out) {
  const __m256d lo = _mm256_unpacklo_pd(even, odd);
  const __m256d hi = _mm256_unpackhi_pd(even, odd);
  _mm256_storeu_pd(out, _mm256_permute2f128_pd(lo, hi, 0x20));
  _mm256_storeu_pd(out + 4, _mm256_permute2f128_pd(lo, hi, 0x31));
}
#else  // SSE2
inline void store_units_in_order(RawU even, RawU odd, double* out) {
  const __m128i words = _mm_unpacklo_epi32(_mm_shuffle_epi32(even, 0x08), _mm_shuffle_epi32(odd, 0x08));
  const __m128i m = _mm_srli_epi32(words, 7);
  const __m128d scale = _mm_set1_pd(0x1.0p-25);
  const __m128d half_cell = _mm_set1_pd(0x1.0p-26);
  _mm_storeu_pd(out, _mm_add_pd(_mm_mul_pd(_mm_cvtepi32_pd(m), scale), half_cell));
  _mm_storeu_pd(out + 2, _mm_add_pd(_mm_mul_pd(_mm_cvtepi32_pd(_mm_shuffle_epi32(m, 0x0E)), scale), half_cell));
}
inline void store_pairs_in_order(__m128d even, __m128d odd, double* out) {
  _mm_storeu_pd(out, _mm_unpacklo_pd(even, odd));
  _mm_storeu_pd(out + 2, _mm_unpackhi_pd(even, odd));
}
#endif

// Registers of counters in flight in the point kernel: two hide most of the
// latency of a round; three or more run out of registers and spill.
inline constexpr std::size_t kPointRegisters = 2;
#endif  // PARLAB_LANES_SIMD

}  // namespace detail

inline void PointBlock::fill(std::uint64_t seed, std::uint64_t first, std::uint64_t last) {
  const std::size_t n = last > first ? static_cast<std::size_t>(std::min<std::uint64_t>(kCapacity, last - first)) : 0;
  size_ = n;
  std::size_t j = 0;
  if (n == 0) return;
  if ((first & 1U) != 0) {  // odd start: the second half of a counter
    fill_one(seed, first, 0);
    j = 1;
  }
  // From here first + j is even: whole counters, two samples each.
#if PARLAB_LANES_SIMD
  constexpr std::size_t kStep = 2 * lanes::kWidth;  // samples per register of counters
  if (n - j >= kStep) {
    const detail::PhiloxKeys keys(seed);
    constexpr std::size_t kRegs = detail::kPointRegisters;
    for (; n - j >= kRegs * kStep; j += kRegs * kStep) {
      detail::RawU w[4][kRegs];
      detail::philox_lanes<kRegs>((first + j) >> 1, 0U, keys, w);
      for (std::size_t g = 0; g < kRegs; ++g) {
        const std::size_t at = j + g * kStep;
        detail::store_units_in_order(w[0][g], w[2][g], x_.data() + at);
        detail::store_units_in_order(w[1][g], w[3][g], y_.data() + at);
      }
    }
    for (; n - j >= kStep; j += kStep) {
      detail::RawU w[4][1];
      detail::philox_lanes<1>((first + j) >> 1, 0U, keys, w);
      detail::store_units_in_order(w[0][0], w[2][0], x_.data() + j);
      detail::store_units_in_order(w[1][0], w[3][0], y_.data() + j);
    }
  }
#endif
  for (; n - j >= 2; j += 2) {  // one counter, both samples
    const Counter r = draw(seed, (first + j) >> 1);
    x_[j] = unit_from_word(r[0]);
    y_[j] = unit_from_word(r[1]);
    x_[j + 1] = unit_from_word(r[2]);
    y_[j + 1] = unit_from_word(r[3]);
  }
  if (j < n) fill_one(seed, first + j, j);
}

inline void NormalBlock::fill(std::uint64_t seed, std::uint64_t first, std::uint64_t last) {
  const std::size_t n = last > first ? static_cast<std::size_t>(std::min<std::uint64_t>(kCapacity, last - first)) : 0;
  size_ = n;
  std::size_t j = 0;
  if (n == 0) return;
  if ((first & 1U) != 0) {  // odd start: the sine of a pair
    z_[0] = standard_normal(seed, first);
    j = 1;
  }
#if PARLAB_LANES_SIMD
  constexpr std::size_t kStep = 2 * lanes::kWidth;  // normals per register of counters
  if (n - j >= kStep) {
    using detail::RawU;
    using lanes::DV;
    using lanes::UV;
    const detail::PhiloxKeys keys(seed);
    constexpr std::uint64_t kLow32 = 0xffffffffULL;
    constexpr std::uint64_t kTwoTo52 = 0x4330000000000000ULL;  // the bits of 2^52
    // Normals 2k and 2k+1 of one register of counters, from its words.
    auto store_normals = [&](RawU w0, RawU w1, RawU w2, double* out) {
      // u1 = 1 - unit_from_bits(w0, w1), exactly: the bits of 2^52 with an
      // integer v below 2^32 in the low bits are the double 2^52 + v.
      const DV hi = lanes::from_bits((UV(w0) & kLow32) | kTwoTo52);
      const DV lo = lanes::from_bits(lanes::shr<11>(UV(w1) & kLow32) | kTwoTo52);
      const DV u = lanes::madd(hi, 0x1.0p-32, -0x1.0p20) + lanes::madd(lo, 0x1.0p-53, -0.5);
      const DV radius = lanes::sqrt(DV(-2.0) * math::detail::log(DV(1.0) - u));
      // detail::cos_sin_of_turn(w2), a register at a time.
      const UV t = (UV(w2) & kLow32) + (std::uint64_t{1} << 29);
      const UV q = lanes::shr<30>(t) & 3U;
      const DV steps = (lanes::from_bits((t & 0x3fffffffU) | kTwoTo52) - DV(0x1.0p52 + 0x1.0p29)) + 0.5;
      DV sin_r;
      DV cos_r;
      math::detail::sincos_kernel(steps * detail::kRadiansPerStep, sin_r, cos_r);
      // Quarter turn q: odd q swaps cos and sin; q = 1, 2 negate the cosine,
      // q = 2, 3 the sine.
      const UV swap = lanes::shl<63>(q);
      const DV c = lanes::from_bits(lanes::to_bits(lanes::select_by_sign(swap, cos_r, sin_r)) ^
                                    lanes::shl<62>((q + 1U) & 2U));
      const DV s = lanes::from_bits(lanes::to_bits(lanes::select_by_sign(swap, sin_r, cos_r)) ^
                                    lanes::shl<62>(q & 2U));
      detail::store_pairs_in_order((radius * c).v, (radius * s).v, out);
    };
    // Two registers per step: the long chain (Philox, log, sqrt) of one
    // overlaps with the other's.
    for (; n - j >= 2 * kStep; j += 2 * kStep) {
      RawU w[4][2];
      detail::philox_lanes<2>((first + j) >> 1, 1U, keys, w);
      store_normals(w[0][0], w[1][0], w[2][0], z_.data() + j);
      store_normals(w[0][1], w[1][1], w[2][1], z_.data() + j + kStep);
    }
    for (; n - j >= kStep; j += kStep) {
      RawU w[4][1];
      detail::philox_lanes<1>((first + j) >> 1, 1U, keys, w);
      store_normals(w[0][0], w[1][0], w[2][0], z_.data() + j);
    }
  }
#endif
  for (; n - j >= 2; j += 2) {  // one counter, both normals
    const Counter r = draw(seed, (first + j) >> 1, 1U);
    double c = 0;
    double s = 0;
    detail::cos_sin_of_turn(r[2], c, s);
    const double radius = detail::box_muller_radius(r[0], r[1]);
    z_[j] = radius * c;
    z_[j + 1] = radius * s;
  }
  if (j < n) z_[j] = standard_normal(seed, first + j);
}

}  // namespace parlab::rng
