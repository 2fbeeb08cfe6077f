// The kit's resampling and statistic code: the same functions for the
// baseline, the stub, every solution and the tests, so the exercise is about
// running the resamples in parallel, not about re-deriving the formulas.
#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <limits>
#include <stdexcept>
#include <string>

#include "bootstrap_sharpe.hpp"
#include "parlab/detail/lanes.hpp"
#include "parlab/detail/philox_lanes.hpp"

namespace parlab::bootstrap_sharpe {

void resample_indices(std::uint64_t seed, std::uint64_t r, std::uint32_t n, std::uint64_t first,
                      std::span<std::uint32_t> out) {
  const std::size_t count = out.size();
  std::size_t j = 0;
  for (; j < count && ((first + j) & 3U) != 0; ++j) out[j] = resample_index(seed, r, first + j, n);  // head
  // Whole counters, four draws each, counter (r << 32) | (k / 4) for k = first + j, first + j + 4, ...
  // (k / 4 < 2^30, so adding c never carries into r). No branch inside: the
  // compiler runs several Philox calls per SIMD instruction.
  const std::size_t counters = (count - j) / 4;
  const std::uint64_t base = (r << 32) | ((first + j) >> 2);
  std::uint32_t* to = out.data() + j;
  std::size_t c = 0;
#if PARLAB_LANES_SIMD
  // kRegs registers of kWidth counters at a time (AVX2: 8 counters, 32
  // draws), the kit's Philox lanes: the same words as rng::draw(), bit for bit.
  using rng::detail::RawU;
  constexpr std::size_t kRegs = 2;
  constexpr std::size_t kCounters = kRegs * lanes::kWidth;
  if (counters >= kCounters) {
    const rng::detail::PhiloxKeys keys(seed);
    const RawU times_n = lanes::raw_set1(std::uint64_t{n});
    for (; c + kCounters <= counters; c += kCounters) {
      RawU w[4][kRegs];
      rng::detail::philox_lanes<kRegs>(base + c, 3U, keys, w);
      // (w * n) >> 32 in every lane: the index sits in the high half of the 64-bit product.
      alignas(64) std::uint64_t product[4][kCounters];
      for (std::size_t q = 0; q < 4; ++q) {
        for (std::size_t g = 0; g < kRegs; ++g) {
          const RawU p = lanes::raw_mul_lo32(w[q][g], times_n);
          std::memcpy(&product[q][g * lanes::kWidth], &p, sizeof p);  // one vector store
        }
      }
      for (std::size_t l = 0; l < kCounters; ++l) {  // counter l's four words are draws 4l .. 4l + 3
        for (std::size_t q = 0; q < 4; ++q) to[4 * (c + l) + q] = static_cast<std::uint32_t>(product[q][l] >> 32);
      }
    }
  }
#endif
  for (; c < counters; ++c) {
    const rng::Counter w = rng::draw(seed, base + c, 3U);
    for (std::size_t q = 0; q < 4; ++q) to[4 * c + q] = static_cast<std::uint32_t>((std::uint64_t{w[q]} * n) >> 32);
  }
  for (j += 4 * counters; j < count; ++j) out[j] = resample_index(seed, r, first + j, n);  // tail
}

void draw_resample(std::span<const double> returns, std::uint64_t seed, std::uint64_t r, std::span<double> sample) {
  const auto n = static_cast<std::uint32_t>(returns.size());
  std::array<std::uint32_t, 256> index{};
  for (std::size_t k = 0; k < sample.size(); k += index.size()) {
    const std::size_t m = std::min(index.size(), sample.size() - k);
    resample_indices(seed, r, n, k, std::span(index.data(), m));
    for (std::size_t j = 0; j < m; ++j) sample[k + j] = returns[index[j]];
  }
}

double sharpe_ratio(std::span<const double> values) {
  SharpeSums sums(values[0]);
  for (const double x : values) sums.add(x);
  return sums.sharpe(values.size());
}

void check_inputs(std::span<const double> returns, std::uint64_t resamples) {
  if (returns.size() < 2) {
    throw std::invalid_argument("bootstrap_sharpe: need at least 2 returns to estimate a standard deviation, got " +
                                std::to_string(returns.size()));
  }
  if (returns.size() > std::numeric_limits<std::uint32_t>::max()) {
    throw std::invalid_argument("bootstrap_sharpe: at most 2^32 - 1 returns");
  }
  for (std::size_t t = 0; t < returns.size(); ++t) {
    if (!std::isfinite(returns[t])) {
      throw std::invalid_argument("bootstrap_sharpe: return #" + std::to_string(t) + " is not finite");
    }
  }
  if (resamples == 0 || resamples > (std::uint64_t{1} << 32)) {
    throw std::invalid_argument("bootstrap_sharpe: resamples must be between 1 and 2^32, got " +
                                std::to_string(resamples));
  }
  const double first = returns[0];
  if (std::all_of(returns.begin(), returns.end(), [first](double x) { return x == first; })) {
    char value[32];
    std::snprintf(value, sizeof value, "%.17g", first);
    throw std::domain_error(std::string("bootstrap_sharpe: the returns are constant (every one is ") + value +
                            "): their standard deviation is 0, so the Sharpe ratio is undefined");
  }
}

}  // namespace parlab::bootstrap_sharpe
