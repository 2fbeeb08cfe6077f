// Exercise 05 — pricing a strip of European calls, one task per strike.
// DO NOT EDIT: the grader builds your option_strikes.cpp against this header
// as it is here.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

namespace parlab::option_strikes {

// The lecture's market: spot S0, maturity T in years, risk-free rate r and
// volatility sigma, all annualised.
struct MarketParams {
  double spot = 100;
  double maturity = 1.0;
  double rate = 0.05;
  double volatility = 0.2;
};

// The lecture's exercise: strikes 80, 85, ..., 115.
inline std::vector<double> lecture_strikes() { return {80, 85, 90, 95, 100, 105, 110, 115}; }

// Monte Carlo prices of European calls, prices[k] for strikes[k].
//
// Path j, for j in [0, paths), uses Z = parlab::rng::standard_normal(seed, j)
// for EVERY strike (common random numbers), with
//   S_T = S0 * exp((r - sigma^2/2) * T + sigma * sqrt(T) * Z)
//   price = exp(-r * T) * mean over j of max(S_T - K, 0)
// and 0.0 for every strike when paths == 0.
//
// Each strike is one task: its payoffs are summed in path order j = 0, 1, ...
// inside that task, so each price equals the sequential one bit for bit.
// At most `threads` tasks run at once (threads >= 1). An empty strike list
// gives an empty result.
std::vector<double> price_calls(const MarketParams& market, std::span<const double> strikes,
                                std::uint64_t paths, std::uint64_t seed, unsigned threads);

// ONE task: the Monte Carlo price of one call (kit code, pricing.cpp), the
// lecture's price_european_call with the kit's random numbers. Path j uses
// standard_normal(seed, j) and payoffs are summed in path order, so the same
// arguments give the same price bit for bit, on any thread. 0.0 when paths == 0.
double price_call(const MarketParams& market, double strike, std::uint64_t paths, std::uint64_t seed);

// The exact Black–Scholes price of the same call (kit code, black_scholes.cpp):
// what the Monte Carlo prices converge to as paths grow.
double black_scholes_call(const MarketParams& market, double strike);

namespace baseline {
// The kit's sequential version (baseline.cpp): what your speedup is measured against.
std::vector<double> price_calls(const MarketParams& market, std::span<const double> strikes,
                                std::uint64_t paths, std::uint64_t seed);
}  // namespace baseline

}  // namespace parlab::option_strikes
