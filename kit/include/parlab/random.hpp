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
#pragma once

#include <cmath>
#include <cstdint>
#include <numbers>

#include "parlab/philox.hpp"

namespace parlab::rng {

// A double in [0, 1) built from 53 random bits.
constexpr double unit_from_bits(std::uint32_t hi, std::uint32_t lo) {
  const std::uint64_t bits = (std::uint64_t{hi} << 21) ^ (std::uint64_t{lo} >> 11);
  return static_cast<double>(bits & ((std::uint64_t{1} << 53) - 1)) * 0x1.0p-53;
}

struct Point {
  double x;
  double y;
};

// Sample `index` of the unit square.
constexpr Point uniform_point(std::uint64_t seed, std::uint64_t index) {
  const Counter r = draw(seed, index);
  return {unit_from_bits(r[0], r[1]), unit_from_bits(r[2], r[3])};
}

constexpr bool inside_unit_circle(Point p) { return p.x * p.x + p.y * p.y < 1.0; }

// Standard normal number `index`, by the Box-Muller transform of one draw.
inline double standard_normal(std::uint64_t seed, std::uint64_t index) {
  const Counter r = draw(seed, index, 1U);
  const double u1 = 1.0 - unit_from_bits(r[0], r[1]);  // in (0, 1]: log(u1) is finite
  const double u2 = unit_from_bits(r[2], r[3]);
  return std::sqrt(-2.0 * std::log(u1)) * std::cos(2.0 * std::numbers::pi * u2);
}

// A 64-bit hash of (seed, index), for workloads that need integers.
constexpr std::uint64_t hash64(std::uint64_t seed, std::uint64_t index) {
  const Counter r = draw(seed, index, 2U);
  return (std::uint64_t{r[0]} << 32) | r[1];
}

}  // namespace parlab::rng
