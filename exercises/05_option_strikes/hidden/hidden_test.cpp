// Hidden tests for exercise 05: not in the student template. Random seeds,
// markets and strike sets (drawn per run), odd path counts and thread counts,
// so a submission that prices fewer paths, mixes up the strikes' order or
// hard-codes the lecture's market fails.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <random>
#include <vector>

#include "option_strikes.hpp"
#include "parlab/testing.hpp"
#include "tests/pricing_error.hpp"

namespace {

namespace os = parlab::option_strikes;

using parlab::testing::hardware_threads;

// Seeds everything random in one test; printed on failure so a run can be replayed.
using parlab::testing::fresh_seed;

double uniform(std::mt19937_64& gen, double lo, double hi) {
  return std::uniform_real_distribution<double>(lo, hi)(gen);
}

// A sensible market: spot 50-150, maturity 3 months to 2 years, rate 0-8%,
// volatility 10-50%.
os::MarketParams random_market(std::mt19937_64& gen) {
  return {.spot = uniform(gen, 50, 150),
          .maturity = uniform(gen, 0.25, 2.0),
          .rate = uniform(gen, 0.0, 0.08),
          .volatility = uniform(gen, 0.1, 0.5)};
}

// `count` strikes in no particular order, within +-`width` standard deviations
// of the forward price in log terms, so each has a real chance to pay off.
std::vector<double> random_strikes(std::mt19937_64& gen, const os::MarketParams& m,
                                   std::size_t count, double width) {
  const double forward = m.spot * std::exp(m.rate * m.maturity);
  const double spread = m.volatility * std::sqrt(m.maturity);
  std::vector<double> strikes(count);
  for (double& k : strikes) k = forward * std::exp(spread * uniform(gen, -width, width));
  return strikes;
}

void expect_same_prices(const std::vector<double>& got, const std::vector<double>& expected) {
  ASSERT_EQ(got.size(), expected.size()) << "one price per strike, in the strikes' order";
  for (std::size_t k = 0; k < expected.size(); ++k) {
    EXPECT_NEAR(got[k], expected[k], 1e-12 * std::abs(expected[k])) << "strike #" << k;
  }
}

using os::tests::Estimate;
using os::tests::estimate_with_error;

TEST(PriceCallsHidden, MatchesTheBaselineForRandomMarketsPathsAndThreadCounts) {
  for (std::uint64_t paths : {0ULL, 1ULL, 2ULL, 17ULL, 1000ULL, 40009ULL}) {
    const std::uint64_t seed = fresh_seed();
    SCOPED_TRACE(testing::Message() << "paths=" << paths << " seed=" << seed);
    std::mt19937_64 gen(seed);
    const os::MarketParams market = random_market(gen);
    const auto strikes = random_strikes(gen, market, 1 + gen() % 12, 2.0);
    const auto expected = os::baseline::price_calls(market, strikes, paths, seed);
    for (unsigned t : {1U, 2U, 3U, 7U, 8U, 16U, hardware_threads()}) {
      SCOPED_TRACE(testing::Message() << "threads=" << t);
      expect_same_prices(os::price_calls(market, strikes, paths, seed, t), expected);
    }
  }
}

TEST(PriceCallsHidden, ZeroPathsPriceEveryStrikeAtZero) {
  const std::vector<double> strikes = os::lecture_strikes();
  for (const double price : os::price_calls({}, strikes, 0, fresh_seed(), 3)) {
    EXPECT_EQ(price, 0.0);
  }
}

// The tolerance is 5 standard errors here, not the public test's 4: these
// checks see fresh random paths on every run, and 5 keeps a correct
// submission's chance of a false failure below one in a million per check.
TEST(PriceCallsHidden, RandomMarketsAgreeWithBlackScholes) {
  constexpr std::uint64_t kPaths = 200000;
  for (int round = 0; round < 3; ++round) {
    const std::uint64_t seed = fresh_seed();
    std::mt19937_64 gen(seed);
    const os::MarketParams market = random_market(gen);
    const auto strikes = random_strikes(gen, market, 6, 1.5);
    SCOPED_TRACE(testing::Message() << "seed=" << seed << " spot=" << market.spot
                                    << " T=" << market.maturity << " r=" << market.rate
                                    << " sigma=" << market.volatility);
    const auto prices = os::price_calls(market, strikes, kPaths, seed, 3);
    ASSERT_EQ(prices.size(), strikes.size());
    for (std::size_t k = 0; k < strikes.size(); ++k) {
      const Estimate est = estimate_with_error(market, strikes[k], kPaths, seed);
      EXPECT_NEAR(prices[k], est.price, 1e-12 * est.price) << "strike " << strikes[k];
      EXPECT_NEAR(prices[k], os::black_scholes_call(market, strikes[k]), 5.0 * est.standard_error)
          << "strike " << strikes[k];
    }
  }
}

// Pathwise, a higher strike never pays more, so with common random numbers the
// prices never rise with the strike, exactly, even in floating point.
TEST(PriceCallsHidden, PricesNeverRiseWithTheStrike) {
  const std::uint64_t seed = fresh_seed();
  SCOPED_TRACE(testing::Message() << "seed=" << seed);
  std::mt19937_64 gen(seed);
  const os::MarketParams market = random_market(gen);
  auto strikes = random_strikes(gen, market, 10, 2.0);
  std::sort(strikes.begin(), strikes.end());
  const auto prices = os::price_calls(market, strikes, 5000, seed, 7);
  ASSERT_EQ(prices.size(), strikes.size());
  for (std::size_t k = 1; k < prices.size(); ++k) EXPECT_GE(prices[k - 1], prices[k]);
}

// Shuffled strikes with a repeat: prices[k] must belong to strikes[k], and a
// strike is worth the same alone as in the strip.
TEST(PriceCallsHidden, EachPriceBelongsToItsOwnStrike) {
  const std::uint64_t seed = fresh_seed();
  SCOPED_TRACE(testing::Message() << "seed=" << seed);
  std::mt19937_64 gen(seed);
  const os::MarketParams market = random_market(gen);
  auto strikes = random_strikes(gen, market, 7, 2.0);
  strikes.push_back(strikes[2]);
  std::shuffle(strikes.begin(), strikes.end(), gen);
  const auto prices = os::price_calls(market, strikes, 3001, seed, 3);
  ASSERT_EQ(prices.size(), strikes.size());
  for (std::size_t k = 0; k < strikes.size(); ++k) {
    const std::vector<double> alone{strikes[k]};
    expect_same_prices({prices[k]}, os::price_calls(market, alone, 3001, seed, 2));
  }
}

TEST(PriceCallsHidden, MoreThreadsThanStrikes) {
  const std::uint64_t seed = fresh_seed();
  SCOPED_TRACE(testing::Message() << "seed=" << seed);
  std::mt19937_64 gen(seed);
  const os::MarketParams market = random_market(gen);
  for (std::size_t count = 0; count < 9; ++count) {
    const auto strikes = random_strikes(gen, market, count, 2.0);
    expect_same_prices(os::price_calls(market, strikes, 2000, seed, 8),
                       os::baseline::price_calls(market, strikes, 2000, seed));
    EXPECT_EQ(os::price_calls(market, strikes, 2000, seed, 16).size(), count);
  }
}

// More tasks than threads, unevenly divided: 23 strikes on 7 threads, each
// thread pricing about half a million paths, so an unsynchronised shared
// counter or result vector shows up under ThreadSanitizer.
TEST(PriceCallsHidden, TwentyThreeStrikesOnSevenThreads) {
  const std::uint64_t seed = fresh_seed();
  SCOPED_TRACE(testing::Message() << "seed=" << seed);
  std::mt19937_64 gen(seed);
  const os::MarketParams market = random_market(gen);
  const auto strikes = random_strikes(gen, market, 23, 2.0);
  expect_same_prices(os::price_calls(market, strikes, 150001, seed, 7),
                     os::baseline::price_calls(market, strikes, 150001, seed));
}

}  // namespace
