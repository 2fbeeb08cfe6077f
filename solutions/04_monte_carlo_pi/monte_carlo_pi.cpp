// Reference solution, exercise 04: std::thread with a private count per thread.
//
// Each thread draws a contiguous block of sample indices and counts its hits
// in a local variable (a register), then writes its total once into its own
// slot. No locks, no atomics in the loop, no shared cache line: the threads
// never talk to each other until the final sum, so the speedup is limited only
// by the cores.
#include <algorithm>
#include <thread>
#include <vector>

#include "monte_carlo_pi.hpp"
#include "parlab/random.hpp"

namespace parlab::monte_carlo_pi {

PiEstimate estimate_pi(std::uint64_t samples, unsigned threads, std::uint64_t seed) {
  threads = std::max(1U, threads);
  std::vector<std::uint64_t> hits_per_thread(threads, 0);
  auto count_block = [&](unsigned t) {
    // Block t is [samples*t/T, samples*(t+1)/T): sizes differ by at most one.
    const std::uint64_t begin = samples * t / threads;
    const std::uint64_t end = samples * (t + 1) / threads;
    std::uint64_t hits = 0;
    for (std::uint64_t i = begin; i < end; ++i) {
      hits += rng::inside_unit_circle(rng::uniform_point(seed, i)) ? 1U : 0U;
    }
    hits_per_thread[t] = hits;  // one write per thread: no false sharing to speak of
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
