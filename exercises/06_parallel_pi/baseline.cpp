// The kit's sequential baseline. The grader times your estimate_pi() against
// THIS function, never against your own code on one thread.
//
// It counts the samples with rng::count_in_unit_circle: points drawn in
// blocks (rng::PointBlock: up to 256 points per call, several per SIMD
// instruction), the fastest way the kit offers to draw them on one core.
// Your speedup over it is therefore the parallel part alone.
#include "parallel_pi.hpp"
#include "parlab/random.hpp"

namespace parlab::parallel_pi::baseline {

PiEstimate estimate_pi(std::uint64_t samples, std::uint64_t seed) {
  return {rng::count_in_unit_circle(seed, 0, samples), samples};
}

}  // namespace parlab::parallel_pi::baseline
