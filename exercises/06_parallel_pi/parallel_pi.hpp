// Exercise 06 — Monte Carlo π with oneTBB.  DO NOT EDIT: the grader builds
// your parallel_pi.cpp against this header as it is here.
#pragma once

#include <cstdint>

namespace parlab::parallel_pi {

struct PiEstimate {
  std::uint64_t hits = 0;     // samples that fell inside the quarter circle
  std::uint64_t samples = 0;  // samples drawn
  [[nodiscard]] double pi() const {
    return samples == 0 ? 0.0 : 4.0 * static_cast<double>(hits) / static_cast<double>(samples);
  }
};

// Estimates π from `samples` points of the unit square. Sample i MUST be
// parlab::rng::uniform_point(seed, i) for every i in [0, samples), counted
// once, and it is a hit when parlab::rng::inside_unit_circle() says so.
// The work MUST be done by tbb::parallel_reduce over a
// tbb::blocked_range<std::uint64_t>. There is no thread-count argument: TBB
// decides how many of its threads take part, and a caller can cap that with
// tbb::global_control (the grader and the tests do). The hit count is exact:
// the same for every number of threads and every way TBB splits the range.
PiEstimate estimate_pi(std::uint64_t samples, std::uint64_t seed);

namespace baseline {
// The kit's sequential version (baseline.cpp): what your speedup is measured against.
PiEstimate estimate_pi(std::uint64_t samples, std::uint64_t seed);
}  // namespace baseline

}  // namespace parlab::parallel_pi
