// The kit's sequential baseline. The grader times your price_calls() against
// THIS function, never against your own code with one thread.
#include <algorithm>
#include <cmath>

#include "option_strikes.hpp"
#include "parlab/random.hpp"

namespace parlab::option_strikes::baseline {

namespace {

double price_one_call(const MarketParams& m, double strike, std::uint64_t paths,
                      std::uint64_t seed) {
  if (paths == 0) return 0.0;
  const double drift = (m.rate - 0.5 * m.volatility * m.volatility) * m.maturity;
  const double diffusion = m.volatility * std::sqrt(m.maturity);
  double payoff_sum = 0.0;
  for (std::uint64_t j = 0; j < paths; ++j) {
    const double terminal = m.spot * std::exp(drift + diffusion * rng::standard_normal(seed, j));
    payoff_sum += std::max(terminal - strike, 0.0);
  }
  return std::exp(-m.rate * m.maturity) * (payoff_sum / static_cast<double>(paths));
}

}  // namespace

std::vector<double> price_calls(const MarketParams& market, std::span<const double> strikes,
                                std::uint64_t paths, std::uint64_t seed) {
  std::vector<double> prices;
  prices.reserve(strikes.size());
  for (const double strike : strikes) prices.push_back(price_one_call(market, strike, paths, seed));
  return prices;
}

}  // namespace parlab::option_strikes::baseline
