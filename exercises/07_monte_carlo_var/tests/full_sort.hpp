// The VaR definition, straight from the header, for the public and hidden
// tests: every return, all of them sorted, the tail summed smallest first.
#pragma once

#include <algorithm>
#include <cstdint>
#include <vector>

#include "monte_carlo_var.hpp"

namespace parlab::monte_carlo_var::testing {

inline VarResult by_full_sort(const std::vector<Asset>& portfolio, std::uint64_t n, std::uint64_t seed) {
  if (n == 0) return {};
  std::vector<double> returns(n);
  simulate_returns(portfolio, seed, 0, returns);
  std::sort(returns.begin(), returns.end());
  const std::uint64_t k = n / 20;
  double sum = 0.0;
  for (std::uint64_t i = 0; i <= k; ++i) sum += returns[i];
  return {.var = -returns[k], .cvar = -(sum / static_cast<double>(k + 1)), .tail = k + 1};
}

}  // namespace parlab::monte_carlo_var::testing
