// Exercise 04 — Monte Carlo π.  This is the file you edit.
//
// The starting point is the lecture's slow version: one loop on one core.
// It is correct, but `threads` is ignored. Split the samples across
// `threads` std::threads so that every core draws its share (see README.md).
#include "monte_carlo_pi.hpp"
#include "parlab/random.hpp"

namespace parlab::monte_carlo_pi {

PiEstimate estimate_pi(std::uint64_t samples, unsigned threads, std::uint64_t seed) {
  (void)threads;  // TODO: use them
  std::uint64_t hits = 0;
  for (std::uint64_t i = 0; i < samples; ++i) {
    if (rng::inside_unit_circle(rng::uniform_point(seed, i))) ++hits;
  }
  return {hits, samples};
}

}  // namespace parlab::monte_carlo_pi
