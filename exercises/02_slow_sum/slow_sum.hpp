// Exercise 02 — the lecture's slow_sum on every core.  DO NOT EDIT: the
// grader builds your slow_sum.cpp against this header as it is here.
#pragma once

#include <cstdint>

namespace parlab::slow_sum {

// One term of the sum: the lecture's cpu_demo summand `i * i % 1000`, with
// Python's answer for every i. Python's integers never overflow, but i * i in
// 64 bits wraps once i >= 2^32, so square the remainder instead:
// (i*i) mod 1000 == ((i mod 1000)^2) mod 1000, and (i mod 1000)^2 < 10^6.
// Why not the lecture's plain `total += i * i`: compilers recognise a sum of
// squares and replace the whole loop by a formula, leaving nothing to
// parallelise. The remainders keep the loop a loop.
constexpr std::uint64_t term(std::uint64_t i) {
  const std::uint64_t r = i % 1000;
  return r * r % 1000;
}

// Returns the sum of term(i) for every i in [first, last), modulo 2^64 (as
// std::uint64_t arithmetic wraps). An empty range (first >= last) sums to 0.
// Any 64-bit window is valid, including windows that cross 2^32 or end at
// UINT64_MAX. The work must be split across `threads` std::threads
// (threads >= 1); the result is exact, the same for every thread count.
std::uint64_t sum_terms(std::uint64_t first, std::uint64_t last, unsigned threads);

namespace baseline {
// The kit's sequential version (baseline.cpp): what your speedup is measured against.
std::uint64_t sum_terms(std::uint64_t first, std::uint64_t last);
}  // namespace baseline

}  // namespace parlab::slow_sum
