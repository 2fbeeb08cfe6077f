// Exercise 03 — a shared counter.  DO NOT EDIT: the grader builds your
// race_counter.cpp against this header as it is here.
#pragma once

#include <cstdint>

namespace parlab::race_counter {

namespace detail {
// The splitmix64 finaliser: a cheap, well-mixed 64-bit hash.
constexpr std::uint64_t mix64(std::uint64_t x) {
  x ^= x >> 30;
  x *= 0xBF58476D1CE4E5B9ULL;
  x ^= x >> 27;
  x *= 0x94D049BB133111EBULL;
  return x ^ (x >> 31);
}
}  // namespace detail

// Item i is an "event" (think: a trade that breached its risk limit) for
// about 30% of items: 77 of every 256 hash values, pseudo-randomly placed.
// The test is cheap on purpose, a couple of nanoseconds per item, so that the
// cost of sharing one counter between threads shows clearly; the hash is
// nonlinear, so the optimiser cannot fold the loop into a formula.
constexpr bool is_event(std::uint64_t seed, std::uint64_t i) {
  return (detail::mix64(seed + 0x9E3779B97F4A7C15ULL * (i + 1)) & 0xFFU) < 77U;
}

// Counts the i in [0, n) for which is_event(seed, i) holds, each i checked
// exactly once, using `threads` std::threads (threads >= 1). The count must
// equal the sequential one exactly, for every thread count.
std::uint64_t count_events(std::uint64_t n, unsigned threads, std::uint64_t seed);

namespace baseline {
// The kit's sequential version (baseline.cpp): what your speedup is measured against.
std::uint64_t count_events(std::uint64_t n, std::uint64_t seed);
}  // namespace baseline

}  // namespace parlab::race_counter
