// Public tests for exercise 05. The grader also runs hidden tests: wider,
// with random seeds, random markets and strike sets, and odd thread counts.
// Passing these is necessary, not sufficient.
#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include "option_strikes.hpp"
#include "parlab/testing.hpp"
#include "tests/pricing_error.hpp"

namespace {

namespace os = parlab::option_strikes;

// Prices are compared within 1e-12 relative: the same sums in the same order
// agree exactly, and this leaves room only for rounding (for example a
// compiler fusing a multiply-add), never for a different set of paths.
void expect_same_prices(const std::vector<double>& got, const std::vector<double>& expected) {
  ASSERT_EQ(got.size(), expected.size()) << "one price per strike, in the strikes' order";
  for (std::size_t k = 0; k < expected.size(); ++k) {
    EXPECT_NEAR(got[k], expected[k], 1e-12 * std::abs(expected[k]))
        << "strike #" << k << ": path j must use rng::standard_normal(seed, j) for every strike";
  }
}

using parlab::testing::hardware_threads;
using os::tests::Estimate;
using os::tests::estimate_with_error;

TEST(PriceCalls, MatchesTheSequentialPricesForEveryThreadCount) {
  const os::MarketParams market;
  const std::vector<double> strikes = os::lecture_strikes();
  const auto expected = os::baseline::price_calls(market, strikes, 20000, 2025);
  for (unsigned t : {1U, 2U, 3U, 7U, 8U, 16U, hardware_threads()}) {
    SCOPED_TRACE(testing::Message() << "with " << t << " threads");
    expect_same_prices(os::price_calls(market, strikes, 20000, 2025, t), expected);
  }
}

TEST(PriceCalls, AgreesWithBlackScholesWithinFourStandardErrors) {
  const os::MarketParams market;
  const std::vector<double> strikes = os::lecture_strikes();
  constexpr std::uint64_t kPaths = 200000;
  constexpr std::uint64_t kSeed = 42;
  const auto prices = os::price_calls(market, strikes, kPaths, kSeed, 4);
  ASSERT_EQ(prices.size(), strikes.size());
  for (std::size_t k = 0; k < strikes.size(); ++k) {
    const Estimate est = estimate_with_error(market, strikes[k], kPaths, kSeed);
    EXPECT_NEAR(prices[k], est.price, 1e-12 * est.price) << "strike " << strikes[k];
    EXPECT_NEAR(prices[k], os::black_scholes_call(market, strikes[k]), 4.0 * est.standard_error)
        << "strike " << strikes[k];
  }
}

// With common random numbers every path's payoff falls as the strike rises,
// so the prices fall too, exactly, however few paths there are. Independent
// draws per strike (as in the lecture's Python) would not guarantee this.
TEST(PriceCalls, PricesFallAsTheStrikeRises) {
  const std::vector<double> strikes = os::lecture_strikes();
  const auto prices = os::price_calls({}, strikes, 50000, 7, 3);
  ASSERT_EQ(prices.size(), strikes.size());
  for (std::size_t k = 1; k < prices.size(); ++k) {
    EXPECT_GT(prices[k - 1], prices[k]) << "strikes " << strikes[k - 1] << " and " << strikes[k];
  }
}

TEST(PriceCalls, AnEmptyStrikeListGivesNoPrices) {
  EXPECT_TRUE(os::price_calls({}, {}, 1000, 1, 4).empty());
}

TEST(PriceCalls, OneStrikeIsPricedLikeTheSameStrikeInTheStrip) {
  const std::vector<double> strikes = os::lecture_strikes();
  const auto strip = os::price_calls({}, strikes, 30000, 11, 2);
  ASSERT_EQ(strip.size(), strikes.size());
  const std::vector<double> one{strikes[5]};
  expect_same_prices(os::price_calls({}, one, 30000, 11, 2), {strip[5]});
}

TEST(PriceCalls, HandlesMoreThreadsThanStrikes) {
  const std::vector<double> strikes{90, 100, 110};
  expect_same_prices(os::price_calls({}, strikes, 10000, 5, 16),
                     os::baseline::price_calls({}, strikes, 10000, 5));
}

// Gives each of four threads millions of paths: a shared result vector or a
// shared task counter without synchronisation is then reported by
// ThreadSanitizer on practically every run.
TEST(PriceCalls, PricesSixteenStrikesOnFourThreads) {
  std::vector<double> strikes;
  for (int k = 0; k < 16; ++k) strikes.push_back(76.0 + 3.0 * k);
  expect_same_prices(os::price_calls({}, strikes, 250000, 31337, 4),
                     os::baseline::price_calls({}, strikes, 250000, 31337));
}

}  // namespace
