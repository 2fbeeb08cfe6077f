// The kit's per-item work and the result digest (tiny_tasks.hpp). Compiled
// apart from every caller, so the baseline, the stub and every solution call
// the very same code, and no caller's loop can be vectorised across items.
#include <cstdint>
#include <span>

#include "parlab/random.hpp"
#include "tiny_tasks.hpp"

namespace parlab::tiny_tasks {

std::uint64_t item_value(std::uint64_t seed, std::uint64_t i) {
  std::uint64_t x = rng::hash64(seed, i);
  // Each step needs the one before: a multiply (3-4 cycles), an add, a
  // shift and an xor, about 6 cycles (2 ns) a step: 64 steps ~ 0.1 us.
  // The xor-shift makes the chain non-linear, so it cannot be collapsed
  // into one multiply-add the way a pure LCG could.
  for (int step = 0; step < kItemSteps; ++step) {
    x = x * 6364136223846793005ULL + 1442695040888963407ULL;
    x ^= x >> 29;
  }
  return x;
}

std::uint64_t digest(std::span<const std::uint64_t> values) {
  // A sum of one mixed word per (index, value): every value is mixed with its
  // position, so order matters, and the terms do not depend on each other, so
  // the loop runs at the multiplier's throughput (under a nanosecond a value)
  // rather than its latency. The digest is computed on one core outside
  // map_items(), in the timed run of the baseline and of yours alike.
  std::uint64_t h = 0x9e3779b97f4a7c15ULL * (values.size() + 1);
  for (std::size_t i = 0; i < values.size(); ++i) {
    std::uint64_t t = (values[i] ^ (0xd1b54a32d192ed03ULL * (i + 1))) * 0xbf58476d1ce4e5b9ULL;
    h += t ^ (t >> 31);
  }
  return h;
}

}  // namespace parlab::tiny_tasks
