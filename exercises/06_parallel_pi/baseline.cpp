// The kit's sequential baseline. The grader times your estimate_pi() against
// THIS function, never against your own code on one thread.
#include "parallel_pi.hpp"
#include "parlab/random.hpp"

namespace parlab::parallel_pi::baseline {

PiEstimate estimate_pi(std::uint64_t samples, std::uint64_t seed) {
  std::uint64_t hits = 0;
  for (std::uint64_t i = 0; i < samples; ++i) {
    if (rng::inside_unit_circle(rng::uniform_point(seed, i))) ++hits;
  }
  return {hits, samples};
}

}  // namespace parlab::parallel_pi::baseline
