// Exercise 12 — tiny tasks: the overhead trap and chunking.
// DO NOT EDIT: the grader builds your tiny_tasks.cpp against this header as
// it is here.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

namespace parlab::tiny_tasks {

// The work of ONE item (kit code, item.cpp): the lecture's add_one(x), made
// heavy enough to measure. It starts from rng::hash64(seed, i) and runs
// kItemSteps rounds of a 64-bit LCG step followed by an xor-shift, one chain
// of dependent multiplies that no compiler can shorten or fold: about 0.1
// microsecond (100 ns) on one core, less than one task of a thread pool
// costs. A pure function of (seed, i): the same value on every thread, in
// every order.
inline constexpr int kItemSteps = 64;
std::uint64_t item_value(std::uint64_t seed, std::uint64_t i);

// The lecture's executor.map(add_one, range(n)): out[i] = item_value(seed, i)
// for every i in [0, n), each computed exactly once; n == 0 gives an empty
// vector. At most `threads` threads compute items at the same time
// (threads >= 1). The values are integers, so the result is the same, bit for
// bit, for every thread count and every split of the range.
std::vector<std::uint64_t> map_items(std::uint64_t n, std::uint64_t seed, unsigned threads);

// An order-sensitive 64-bit digest of a result (kit code, item.cpp): how the
// grader's timer reports map_items() in one token. Two results with a value
// moved, swapped, missing or extra get different digests (except with odds
// of about 2^-64).
std::uint64_t digest(std::span<const std::uint64_t> values);

namespace baseline {
// The kit's sequential version (baseline.cpp): what your speedup is measured against.
std::vector<std::uint64_t> map_items(std::uint64_t n, std::uint64_t seed);
}  // namespace baseline

}  // namespace parlab::tiny_tasks
