// The kit's sequential baseline. The grader times your estimate_pi() against
// THIS function, never against your own code with one thread.
//
// It draws the samples in blocks (rng::PointBlock: up to 256 points per call,
// several per SIMD instruction), the fastest way the kit offers to draw them
// on one core. Your speedup over it is therefore the parallel part alone.
#include "monte_carlo_pi.hpp"
#include "parlab/random.hpp"

namespace parlab::monte_carlo_pi::baseline {

PiEstimate estimate_pi(std::uint64_t samples, std::uint64_t seed) {
  std::uint64_t hits = 0;
  rng::PointBlock block;
  for (std::uint64_t i = 0; i < samples; i += block.size()) {
    block.fill(seed, i, samples);  // samples i, i+1, ... (at most 256, none past `samples`)
    for (std::size_t j = 0; j < block.size(); ++j) hits += rng::inside_unit_circle(block[j]) ? 1U : 0U;
  }
  return {hits, samples};
}

}  // namespace parlab::monte_carlo_pi::baseline
