// Exercise 06 — Monte Carlo π with oneTBB.  This is the file you edit.
//
// The starting point is the lecture's @njit version WITHOUT parallel=True:
// compiled, fast, and on one core. It is correct, but it leaves the other
// cores idle. Its points come in blocks of up to 256 (rng::PointBlock), the
// same points as rng::uniform_point(seed, i), drawn several per SIMD
// instruction: that is the kit's baseline too.
//
// TODO: replace the loop by tbb::parallel_reduce over a
// tbb::blocked_range<std::uint64_t>(0, samples): the C++ counterpart of
// Numba's prange (see README.md). The headers you need are included.
#include <tbb/blocked_range.h>
#include <tbb/parallel_reduce.h>

#include "parallel_pi.hpp"
#include "parlab/random.hpp"

namespace parlab::parallel_pi {

PiEstimate estimate_pi(std::uint64_t samples, std::uint64_t seed) {
  std::uint64_t hits = 0;
  rng::PointBlock block;
  for (std::uint64_t i = 0; i < samples; i += block.size()) {
    block.fill(seed, i, samples);  // samples i, i+1, ... (at most 256, none past `samples`)
    for (std::size_t j = 0; j < block.size(); ++j) hits += rng::inside_unit_circle(block[j]) ? 1U : 0U;
  }
  return {hits, samples};
}

}  // namespace parlab::parallel_pi
