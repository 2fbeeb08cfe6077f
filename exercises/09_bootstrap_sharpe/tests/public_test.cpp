// Public tests for exercise 09. The grader also runs hidden tests: other
// seeds, series and sizes, odd thread counts and the edge cases. Passing
// these is necessary, not sufficient.
#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <stdexcept>
#include <string>
#include <vector>

#include "bootstrap_sharpe.hpp"
#include "parlab/testing.hpp"
#include "tests/brute_force.hpp"

namespace {

namespace bs = parlab::bootstrap_sharpe;
using parlab::testing::hardware_threads;

// Exact equality, infinities included: the header defines every sum's
// order, so any thread count gives the same doubles bit for bit.
void expect_same(const bs::SharpeInterval& got, const bs::SharpeInterval& expected) {
  EXPECT_EQ(got.estimate, expected.estimate) << "estimate: sharpe_ratio(returns)";
  EXPECT_EQ(got.lower, expected.lower) << "lower end: the ratio of rank lower_rank(R)";
  EXPECT_EQ(got.upper, expected.upper) << "upper end: the ratio of rank upper_rank(R)";
  EXPECT_EQ(got.zero_std_resamples, expected.zero_std_resamples) << "resamples with infinite ratio";
}

TEST(BootstrapSharpe, TheRanksAreExactOrderStatistics) {
  EXPECT_EQ(bs::lower_rank(10000), 249U);
  EXPECT_EQ(bs::upper_rank(10000), 9750U);
  EXPECT_EQ(bs::lower_rank(1), 0U);
  EXPECT_EQ(bs::upper_rank(1), 0U);
  EXPECT_EQ(bs::lower_rank(2), 0U);
  EXPECT_EQ(bs::upper_rank(2), 1U);
  EXPECT_EQ(bs::lower_rank(1001), 25U);  // 0.025 * 1000 exactly
  EXPECT_EQ(bs::upper_rank(1001), 975U);
}

// The kit's statistic is numpy's sample.mean() / sample.std() * sqrt(252):
// checked against the textbook two-pass formula in long double.
TEST(KitStatistic, IsMeanOverPopulationStdAnnualised) {
  const std::vector<double> x = bs::synthetic_returns(11, 1000);
  long double mean = 0;
  for (const double v : x) mean += static_cast<long double>(v);
  mean /= static_cast<long double>(x.size());
  long double var = 0;
  for (const double v : x) var += (static_cast<long double>(v) - mean) * (static_cast<long double>(v) - mean);
  var /= static_cast<long double>(x.size());
  const double textbook = static_cast<double>(mean / std::sqrt(var)) * std::sqrt(252.0);
  EXPECT_NEAR(bs::sharpe_ratio(x), textbook, 1e-12 * std::abs(textbook));
}

// resample_indices() is resample_index() for every start and length, and
// draw_resample() reads the returns at those indices.
TEST(KitResampling, BlocksEqualOneDrawAtATime) {
  const std::vector<double> returns = bs::synthetic_returns(3, 37);
  const auto n = static_cast<std::uint32_t>(returns.size());
  std::vector<std::uint32_t> block(300);
  for (std::uint64_t first : {0ULL, 1ULL, 2ULL, 3ULL, 5ULL, 250ULL}) {
    for (std::size_t len : {0UL, 1UL, 3UL, 4UL, 9UL, 300UL}) {
      bs::resample_indices(8, 5, n, first, std::span(block.data(), len));
      for (std::size_t j = 0; j < len; ++j) {
        ASSERT_EQ(block[j], bs::resample_index(8, 5, first + j, n)) << "first " << first << " j " << j;
        ASSERT_LT(block[j], n);
      }
    }
  }
  std::vector<double> sample(n);
  bs::draw_resample(returns, 8, 5, sample);
  for (std::uint32_t k = 0; k < n; ++k) EXPECT_EQ(sample[k], returns[bs::resample_index(8, 5, k, n)]);
}

TEST(BootstrapSharpe, MatchesTheBaselineForEveryThreadCount) {
  const std::vector<double> returns = bs::synthetic_returns(2025);
  const bs::SharpeInterval expected = bs::baseline::bootstrap_sharpe(returns, 2000, 2025);
  for (unsigned t : {1U, 2U, 3U, 7U, 8U, hardware_threads()}) {
    SCOPED_TRACE(testing::Message() << "with " << t << " threads");
    expect_same(bs::bootstrap_sharpe(returns, 2000, 2025, t), expected);
  }
}

TEST(BootstrapSharpe, IsTheIntervalOfTheSortedResampledRatios) {
  const std::vector<double> returns = bs::synthetic_returns(99, 300);
  expect_same(bs::bootstrap_sharpe(returns, 999, 7, 3), bs::tests::brute_force_interval(returns, 999, 7));
}

// Ten years at the lecture's 10,000 resamples: the estimate lies inside its
// interval, and the interval is as wide as ten years of data allow (about
// +-0.7 around a Sharpe ratio near 0.6).
TEST(BootstrapSharpe, TenYearsTenThousandResamples) {
  const std::vector<double> returns = bs::synthetic_returns(42);
  const bs::SharpeInterval ci = bs::bootstrap_sharpe(returns, 10000, 42, 2);
  expect_same(ci, bs::baseline::bootstrap_sharpe(returns, 10000, 42));
  EXPECT_LT(ci.lower, ci.estimate);
  EXPECT_GT(ci.upper, ci.estimate);
  EXPECT_GT(ci.upper - ci.lower, 0.8);
  EXPECT_LT(ci.upper - ci.lower, 2.0);
  EXPECT_EQ(ci.zero_std_resamples, 0U);
}

TEST(BootstrapSharpe, FewerResamplesThanThreads) {
  const std::vector<double> returns = bs::synthetic_returns(5, 500);
  for (std::uint64_t resamples : {1ULL, 2ULL, 3ULL}) {
    SCOPED_TRACE(testing::Message() << resamples << " resamples");
    expect_same(bs::bootstrap_sharpe(returns, resamples, 5, 8), bs::baseline::bootstrap_sharpe(returns, resamples, 5));
  }
}

// Two returns: a resample draws both (a finite ratio) or one of them twice
// (sigma = 0: +infinity for a gain, -infinity for a loss), never NaN.
TEST(BootstrapSharpe, TwoReturnsGiveInfiniteEndsNotNaN) {
  const std::vector<double> returns{0.01, -0.02};
  const bs::SharpeInterval ci = bs::bootstrap_sharpe(returns, 1000, 3, 4);
  EXPECT_EQ(ci.lower, -std::numeric_limits<double>::infinity());
  EXPECT_EQ(ci.upper, std::numeric_limits<double>::infinity());
  EXPECT_FALSE(std::isnan(ci.estimate));
  EXPECT_EQ(ci.zero_std_resamples, bs::tests::brute_force_interval(returns, 1000, 3).zero_std_resamples);
  EXPECT_GT(ci.zero_std_resamples, 400U);  // about half of them
  EXPECT_LT(ci.zero_std_resamples, 600U);
}

TEST(BootstrapSharpe, AConstantSeriesIsAnErrorThatSaysSo) {
  const std::vector<double> flat(250, 0.001);
  try {
    (void)bs::bootstrap_sharpe(flat, 1000, 1, 2);
    FAIL() << "a constant series has sigma = 0: expected std::domain_error";
  } catch (const std::domain_error& e) {
    EXPECT_NE(std::string(e.what()).find("constant"), std::string::npos) << e.what();
  }
}

TEST(BootstrapSharpe, OneReturnIsAnError) {
  const std::vector<double> one{0.01};
  EXPECT_THROW((void)bs::bootstrap_sharpe(one, 100, 1, 2), std::invalid_argument);
}

// Four threads, 4000 resamples of 2520 days each: an unsynchronised shared
// result vector, counter or index buffer is reported by ThreadSanitizer.
TEST(BootstrapSharpe, FourThreadsShareNothingButTheInput) {
  const std::vector<double> returns = bs::synthetic_returns(31337);
  expect_same(bs::bootstrap_sharpe(returns, 4000, 31337, 4), bs::baseline::bootstrap_sharpe(returns, 4000, 31337));
}

}  // namespace
