// Reference solution, exercise 06: tbb::parallel_reduce, the C++ prange.
//
// Two independent ideas, in two layers:
//  1. estimate_pi(): the parallelism. parallel_reduce splits [0, samples)
//     into chunks, runs them on TBB's worker threads, and adds up the
//     chunks' hit counts. This is all the exercise asks for.
//  2. rng::count_in_unit_circle(): the speed of one core, from the kit. It
//     draws the samples of a chunk 256 at a time with rng::PointBlock, the
//     kit's SIMD generator (the same points as rng::uniform_point(seed, i)),
//     as the baseline does. A chunk may start and end anywhere, odd indices
//     included.
#include <tbb/blocked_range.h>
#include <tbb/parallel_reduce.h>

#include <cstddef>
#include <functional>

#include "parallel_pi.hpp"
#include "parlab/random.hpp"

namespace parlab::parallel_pi {

namespace {

// TBB splits a range only while it holds more than this many samples, so no
// chunk is smaller than ~32768 samples, about 0.05 ms of work at ~1.5 ns a
// sample. Big enough that the cost of scheduling a chunk (well under a
// microsecond) vanishes; small enough that 100M samples can still be cut into
// thousands of chunks, so the partitioner can balance the load when a core is
// busy.
constexpr std::uint64_t kGrainSamples = 65536;

}  // namespace

PiEstimate estimate_pi(std::uint64_t samples, std::uint64_t seed) {
  // The functional form of parallel_reduce: (range, identity, body, join).
  // - The default auto_partitioner splits the range only as far as it must
  //   to keep every thread busy: a few chunks per thread to start with, more
  //   when an idle thread steals work; a range of kGrainSamples or fewer is
  //   never split.
  // - The body counts one chunk, starting from a running total that belongs
  //   to the thread running it, and returns the new total.
  // - The join adds two totals once both are final.
  // No value is ever touched by two threads at once, so there is no lock and
  // no atomic: TBB's scheduler orders each join after the work it joins.
  const std::uint64_t hits = tbb::parallel_reduce(
      tbb::blocked_range<std::uint64_t>(0, samples, kGrainSamples), std::uint64_t{0},
      [seed](const tbb::blocked_range<std::uint64_t>& chunk, std::uint64_t hits_so_far) {
        return hits_so_far + rng::count_in_unit_circle(seed, chunk.begin(), chunk.end());
      },
      std::plus<>{});
  return {hits, samples};
}

}  // namespace parlab::parallel_pi
