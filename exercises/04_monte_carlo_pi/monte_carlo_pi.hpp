// Exercise 04 — Monte Carlo π with std::thread.  DO NOT EDIT: the grader
// builds your monte_carlo_pi.cpp against this header as it is here.
#pragma once

#include <cstdint>

namespace parlab::monte_carlo_pi {

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
// The work must be split across `threads` std::threads (threads >= 1).
// Because sample i does not depend on which thread draws it, the hit count
// is exact: the same for every thread count and every way of splitting.
PiEstimate estimate_pi(std::uint64_t samples, unsigned threads, std::uint64_t seed);

namespace baseline {
// The kit's sequential version (baseline.cpp): what your speedup is measured against.
PiEstimate estimate_pi(std::uint64_t samples, std::uint64_t seed);
}  // namespace baseline

}  // namespace parlab::monte_carlo_pi
