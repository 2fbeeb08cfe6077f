// Reference solution, exercise 02: std::thread with a private sum per thread.
//
// Each thread adds up one contiguous block of [first, last) in a local
// variable (a register), then writes its total once into its own slot. The
// threads share nothing while they work: no lock, no atomic, no cache line
// that two cores write to, so the speedup is limited only by the cores.
#include <algorithm>
#include <thread>
#include <vector>

#include "slow_sum.hpp"

namespace parlab::slow_sum {

std::uint64_t sum_terms(std::uint64_t first, std::uint64_t last, unsigned threads) {
  if (last <= first) return 0;
  threads = std::max(1U, threads);
  const std::uint64_t count = last - first;
  // Block t starts `count/T * t + min(t, count%T)` items in: the first
  // count%T blocks get one extra item. Unlike `count * t / T` or
  // `(first*(T-t) + last*t) / T`, no intermediate value exceeds `count`, so
  // nothing overflows even for windows that end at UINT64_MAX.
  const auto block_begin = [&](unsigned t) {
    return first + count / threads * t + std::min<std::uint64_t>(t, count % threads);
  };
  std::vector<std::uint64_t> partial(threads, 0);
  const auto sum_block = [&](unsigned t) {
    const std::uint64_t end = block_begin(t + 1);
    std::uint64_t local = 0;  // NOT partial[t] += ...: see README, "false sharing"
    for (std::uint64_t i = block_begin(t); i < end; ++i) local += term(i);
    partial[t] = local;  // the one write this thread makes to shared memory
  };
  {
    std::vector<std::jthread> workers;
    workers.reserve(threads - 1);
    for (unsigned t = 1; t < threads; ++t) workers.emplace_back(sum_block, t);
    sum_block(0);  // the calling thread takes block 0 instead of idling
  }  // jthreads join here; joining makes their writes to `partial` visible
  std::uint64_t total = 0;
  for (const std::uint64_t s : partial) total += s;  // wraps mod 2^64, like the sequential sum
  return total;
}

}  // namespace parlab::slow_sum
