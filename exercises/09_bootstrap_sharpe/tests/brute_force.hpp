// The bootstrap the slow, obvious way, for the tests: every draw from
// resample_index() one at a time (not the kit's block functions), every
// resample's ratio kept, all of them sorted.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <span>
#include <vector>

#include "bootstrap_sharpe.hpp"

namespace parlab::bootstrap_sharpe::tests {

// Resample r's annualised Sharpe ratio, as the header defines it.
inline double brute_force_sharpe(std::span<const double> returns, std::uint64_t seed, std::uint64_t r) {
  const auto n = static_cast<std::uint32_t>(returns.size());
  SharpeSums sums(returns[resample_index(seed, r, 0, n)]);
  for (std::uint32_t k = 0; k < n; ++k) sums.add(returns[resample_index(seed, r, k, n)]);
  return sums.sharpe(n);
}

// All R ratios, sorted.
inline std::vector<double> sorted_sharpes(std::span<const double> returns, std::uint64_t resamples,
                                          std::uint64_t seed) {
  std::vector<double> s(resamples);
  for (std::uint64_t r = 0; r < resamples; ++r) s[r] = brute_force_sharpe(returns, seed, r);
  std::sort(s.begin(), s.end());
  return s;
}

// The interval the header defines, from the sorted ratios.
inline SharpeInterval brute_force_interval(std::span<const double> returns, std::uint64_t resamples,
                                           std::uint64_t seed) {
  const std::vector<double> s = sorted_sharpes(returns, resamples, seed);
  SharpeInterval ci;
  ci.estimate = sharpe_ratio(returns);
  ci.lower = s[lower_rank(resamples)];
  ci.upper = s[upper_rank(resamples)];
  ci.zero_std_resamples =
      static_cast<std::uint64_t>(std::count_if(s.begin(), s.end(), [](double x) { return std::isinf(x); }));
  return ci;
}

}  // namespace parlab::bootstrap_sharpe::tests
