// The public and hidden tests' own Monte Carlo estimate of one call price and
// its standard error (included by tests/public_test.cpp and
// hidden/hidden_test.cpp): what a price may honestly differ by from the exact
// Black–Scholes value.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstdint>

#include "option_strikes.hpp"
#include "parlab/random.hpp"

namespace parlab::option_strikes::tests {

struct Estimate {
  double price;
  double standard_error;
};

// The Monte Carlo estimate of one strike and its standard error, computed
// here from the sample payoffs.
inline Estimate estimate_with_error(const MarketParams& m, double strike, std::uint64_t paths,
                                    std::uint64_t seed) {
  const double drift = (m.rate - 0.5 * m.volatility * m.volatility) * m.maturity;
  const double diffusion = m.volatility * std::sqrt(m.maturity);
  const double discount = std::exp(-m.rate * m.maturity);
  // The payoffs are summed in path order, as the contract asks, so the mean
  // below is the very number price_calls() must return. The variance comes
  // from the sum of squares; little cancels, since the payoffs' spread is of
  // the order of their mean.
  double sum = 0.0;
  double sum_sq = 0.0;
  for (std::uint64_t j = 0; j < paths; ++j) {
    const double terminal =
        m.spot * std::exp(drift + diffusion * parlab::rng::standard_normal(seed, j));
    const double payoff = std::max(terminal - strike, 0.0);
    sum += payoff;
    sum_sq += payoff * payoff;
  }
  const auto n = static_cast<double>(paths);
  const double mean = sum / n;
  const double variance = std::max(sum_sq - sum * mean, 0.0) / (n - 1.0);
  return {discount * mean, discount * std::sqrt(variance / n)};
}

}  // namespace parlab::option_strikes::tests
