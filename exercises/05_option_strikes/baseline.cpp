// The kit's sequential baseline. The grader times your price_calls() against
// THIS function, never against your own code with one thread.

#include "option_strikes.hpp"

namespace parlab::option_strikes::baseline {

std::vector<double> price_calls(const MarketParams& market, std::span<const double> strikes,
                                std::uint64_t paths, std::uint64_t seed) {
  std::vector<double> prices;
  prices.reserve(strikes.size());
  for (const double strike : strikes) prices.push_back(price_call(market, strike, paths, seed));
  return prices;
}

}  // namespace parlab::option_strikes::baseline
