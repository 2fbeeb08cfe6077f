// The kit's sequential baseline. The grader times your estimate_pi() against
// THIS function, never against your own code with one thread.
#include "monte_carlo_pi.hpp"
#include "parlab/random.hpp"

namespace parlab::monte_carlo_pi::baseline {

PiEstimate estimate_pi(std::uint64_t samples, std::uint64_t seed) {
  std::uint64_t hits = 0;
  for (std::uint64_t i = 0; i < samples; ++i) {
    if (rng::inside_unit_circle(rng::uniform_point(seed, i))) ++hits;
  }
  return {hits, samples};
}

}  // namespace parlab::monte_carlo_pi::baseline
