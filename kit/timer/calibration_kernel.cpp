#include "calibration_kernel.hpp"

#include <algorithm>
#include <thread>
#include <vector>

#include "parlab/random.hpp"

namespace parlab::timer {

std::uint64_t calibration_kernel(std::uint64_t units, unsigned threads, std::uint64_t seed) {
  threads = std::max(1U, threads);
  // One slot per thread, each on its own cache line: no false sharing, so the
  // kernel measures the cores and not the coherence traffic.
  struct alignas(64) Slot {
    std::uint64_t sum = 0;
  };
  std::vector<Slot> partial(threads);
  auto work = [&](unsigned t) {
    const std::uint64_t begin = units * t / threads;
    const std::uint64_t end = units * (t + 1) / threads;
    std::uint64_t sum = 0;
    for (std::uint64_t i = begin; i < end; ++i) sum += rng::hash64(seed, i);
    partial[t].sum = sum;
  };
  std::vector<std::jthread> pool;
  for (unsigned t = 1; t < threads; ++t) pool.emplace_back(work, t);
  work(0);
  pool.clear();  // joins
  std::uint64_t total = 0;
  for (const Slot& s : partial) total += s.sum;
  return total;
}

}  // namespace parlab::timer
