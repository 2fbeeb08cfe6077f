// Reference solution, exercise 04: std::thread with a private count per thread.
//
// Each thread draws a contiguous block of sample indices and counts its hits
// in a local variable (a register), then writes its total once into its own
// slot. No locks, no atomics in the loop, no shared cache line: the threads
// never talk to each other until the final sum, so the speedup is limited only
// by the cores.
//
// Inside a thread, rng::count_in_unit_circle counts its range with the
// points drawn 256 at a time by rng::PointBlock, the kit's SIMD generator
// (the same points as rng::uniform_point(seed, i)); a thread's range may
// start and end anywhere, odd indices included.
#include <algorithm>
#include <thread>
#include <vector>

#include "monte_carlo_pi.hpp"
#include "parlab/random.hpp"

namespace parlab::monte_carlo_pi {

PiEstimate estimate_pi(std::uint64_t samples, unsigned threads, std::uint64_t seed) {
  threads = std::max(1U, threads);
  std::vector<std::uint64_t> hits_per_thread(threads, 0);
  // Block t starts samples/T * t + min(t, samples % T) samples in: sizes
  // differ by at most one, and nothing overflows for any 64-bit count.
  const auto block_begin = [&](unsigned t) {
    return samples / threads * t + std::min<std::uint64_t>(t, samples % threads);
  };
  auto count_block = [&](unsigned t) {
    // One write per thread, at the end: no false sharing to speak of.
    hits_per_thread[t] = rng::count_in_unit_circle(seed, block_begin(t), block_begin(t + 1));
  };
  {
    std::vector<std::jthread> workers;
    workers.reserve(threads - 1);
    for (unsigned t = 1; t < threads; ++t) workers.emplace_back(count_block, t);
    count_block(0);  // the calling thread takes block 0 instead of idling
  }  // jthreads join here
  std::uint64_t hits = 0;
  for (const std::uint64_t h : hits_per_thread) hits += h;
  return {hits, samples};
}

}  // namespace parlab::monte_carlo_pi
