// The closed-form Black–Scholes price of a European call: the exact answer
// the Monte Carlo prices estimate. Tests use it to check the simulation, not
// just its agreement with the baseline.
#include <algorithm>
#include <cmath>
#include <numbers>

#include "option_strikes.hpp"

namespace parlab::option_strikes {

namespace {

// Standard normal CDF. erfc keeps full relative precision deep in the left
// tail, where 1 + erf(x) would cancel to zero.
double normal_cdf(double x) { return 0.5 * std::erfc(-x / std::numbers::sqrt2); }

}  // namespace

double black_scholes_call(const MarketParams& m, double strike) {
  const double discounted_strike = strike * std::exp(-m.rate * m.maturity);
  const double spread = m.volatility * std::sqrt(m.maturity);
  // No randomness left (T = 0 or sigma = 0): the payoff is known today.
  if (!(spread > 0.0)) return std::max(m.spot - discounted_strike, 0.0);
  const double d1 = (std::log(m.spot / strike) + m.rate * m.maturity) / spread + 0.5 * spread;
  const double d2 = d1 - spread;
  return m.spot * normal_cdf(d1) - discounted_strike * normal_cdf(d2);
}

}  // namespace parlab::option_strikes
