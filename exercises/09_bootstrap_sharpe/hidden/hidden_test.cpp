// Hidden tests for exercise 09: not in the student template. Fresh seeds and
// series per run, thread counts 1, 2, 3, 7 and the hardware's, and the edge
// cases: 1 and 2 returns, constant and nearly constant series, fewer
// resamples than threads, many resamples.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <random>
#include <stdexcept>
#include <string>
#include <vector>

#include "bootstrap_sharpe.hpp"
#include "parlab/testing.hpp"
#include "tests/brute_force.hpp"

namespace {

namespace bs = parlab::bootstrap_sharpe;
using parlab::testing::fresh_seed;
using parlab::testing::hardware_threads;

constexpr double kInf = std::numeric_limits<double>::infinity();

std::vector<unsigned> thread_counts() { return {1U, 2U, 3U, 7U, hardware_threads()}; }

void expect_same(const bs::SharpeInterval& got, const bs::SharpeInterval& expected) {
  EXPECT_EQ(got.estimate, expected.estimate) << "estimate: sharpe_ratio(returns)";
  EXPECT_EQ(got.lower, expected.lower) << "lower end: the ratio of rank lower_rank(R)";
  EXPECT_EQ(got.upper, expected.upper) << "upper end: the ratio of rank upper_rank(R)";
  EXPECT_EQ(got.zero_std_resamples, expected.zero_std_resamples) << "resamples with infinite ratio";
}

// A caller's series: `n` returns, normal or Student-t-like (a normal over a
// random scale), sometimes rounded to whole basis points so that repeats
// are common.
std::vector<double> random_series(std::mt19937_64& gen, std::size_t n) {
  std::normal_distribution<double> z(0.0, 1.0);
  std::uniform_real_distribution<double> drift(-0.001, 0.002);
  const double mu = drift(gen);
  const bool rounded = gen() % 3 == 0;
  std::vector<double> x(n);
  for (double& v : x) {
    const double scale = gen() % 10 == 0 ? 0.03 : 0.01;
    v = mu + scale * z(gen);
    if (rounded) v = std::round(v * 1e4) / 1e4;
  }
  if (n >= 2 && x[0] == x[1] && std::all_of(x.begin(), x.end(), [&](double v) { return v == x[0]; })) x[1] += 1e-4;
  return x;
}

TEST(BootstrapSharpeHidden, ExactAtEveryThreadCountOnTheKitSeries) {
  for (std::uint64_t resamples : {1ULL, 2ULL, 7ULL, 100ULL, 4001ULL}) {
    const std::uint64_t seed = fresh_seed();
    SCOPED_TRACE(testing::Message() << "resamples=" << resamples << " seed=" << seed);
    const std::vector<double> returns = bs::synthetic_returns(seed);
    const bs::SharpeInterval expected = bs::baseline::bootstrap_sharpe(returns, resamples, seed);
    for (unsigned t : thread_counts()) {
      SCOPED_TRACE(testing::Message() << "threads=" << t);
      expect_same(bs::bootstrap_sharpe(returns, resamples, seed, t), expected);
    }
  }
}

TEST(BootstrapSharpeHidden, ExactOnCallersSeriesOfManyLengths) {
  for (std::size_t n : {2UL, 3UL, 5UL, 17UL, 252UL, 257UL, 1000UL}) {
    const std::uint64_t seed = fresh_seed();
    SCOPED_TRACE(testing::Message() << "n=" << n << " seed=" << seed);
    std::mt19937_64 gen(seed);
    const std::vector<double> returns = random_series(gen, n);
    const std::uint64_t resamples = 1 + gen() % 3000;
    const bs::SharpeInterval expected = bs::tests::brute_force_interval(returns, resamples, seed);
    expect_same(bs::baseline::bootstrap_sharpe(returns, resamples, seed), expected);
    for (unsigned t : thread_counts()) {
      SCOPED_TRACE(testing::Message() << "threads=" << t << " resamples=" << resamples);
      expect_same(bs::bootstrap_sharpe(returns, resamples, seed, t), expected);
    }
  }
}

// The ratios themselves, not only the two ends: with R = 40 the ranks are 0
// and 39, the smallest and the largest ratio.
TEST(BootstrapSharpeHidden, TheEndsAreTheExtremeRatiosForFortyResamples) {
  const std::uint64_t seed = fresh_seed();
  SCOPED_TRACE(testing::Message() << "seed=" << seed);
  const std::vector<double> returns = bs::synthetic_returns(seed, 600);
  const std::vector<double> s = bs::tests::sorted_sharpes(returns, 40, seed);
  ASSERT_EQ(bs::lower_rank(40), 0U);
  ASSERT_EQ(bs::upper_rank(40), 39U);
  const bs::SharpeInterval ci = bs::bootstrap_sharpe(returns, 40, seed, 7);
  EXPECT_EQ(ci.lower, s.front());
  EXPECT_EQ(ci.upper, s.back());
}

TEST(BootstrapSharpeHidden, OneReturnOrNoneIsAnInvalidArgument) {
  const std::vector<double> one{0.02};
  const std::vector<double> none;
  for (unsigned t : thread_counts()) {
    EXPECT_THROW((void)bs::bootstrap_sharpe(one, 100, fresh_seed(), t), std::invalid_argument) << t << " threads";
    EXPECT_THROW((void)bs::bootstrap_sharpe(none, 100, fresh_seed(), t), std::invalid_argument) << t << " threads";
  }
}

TEST(BootstrapSharpeHidden, TwoReturnsCountTheZeroSigmaResamples) {
  const std::uint64_t seed = fresh_seed();
  SCOPED_TRACE(testing::Message() << "seed=" << seed);
  std::mt19937_64 gen(seed);
  const double gain = 0.001 + 0.02 * std::uniform_real_distribution<double>(0, 1)(gen);
  const double loss = -0.001 - 0.02 * std::uniform_real_distribution<double>(0, 1)(gen);
  const std::vector<double> returns{gain, loss};
  const std::uint64_t resamples = 2000 + gen() % 1000;
  const bs::SharpeInterval expected = bs::tests::brute_force_interval(returns, resamples, seed);
  for (unsigned t : thread_counts()) {
    SCOPED_TRACE(testing::Message() << "threads=" << t);
    const bs::SharpeInterval ci = bs::bootstrap_sharpe(returns, resamples, seed, t);
    expect_same(ci, expected);
    EXPECT_EQ(ci.lower, -kInf);  // {loss, loss}: mean < 0, sigma = 0
    EXPECT_EQ(ci.upper, kInf);   // {gain, gain}: mean > 0, sigma = 0
  }
  // Brute force over the draws: a resample has sigma = 0 exactly when it drew one index twice.
  std::uint64_t same_twice = 0;
  for (std::uint64_t r = 0; r < resamples; ++r) {
    same_twice += bs::resample_index(seed, r, 0, 2) == bs::resample_index(seed, r, 1, 2) ? 1U : 0U;
  }
  EXPECT_EQ(expected.zero_std_resamples, same_twice);
}

TEST(BootstrapSharpeHidden, ConstantSeriesThrowDomainErrorAtEveryThreadCount) {
  const std::uint64_t seed = fresh_seed();
  SCOPED_TRACE(testing::Message() << "seed=" << seed);
  std::mt19937_64 gen(seed);
  for (std::size_t n : {2UL, 3UL, 2520UL}) {
    const double value = std::uniform_real_distribution<double>(-0.02, 0.02)(gen);
    for (const double v : {value, 0.0, 0.1}) {
      const std::vector<double> flat(n, v);
      for (unsigned t : thread_counts()) {
        SCOPED_TRACE(testing::Message() << "n=" << n << " value=" << v << " threads=" << t);
        try {
          (void)bs::bootstrap_sharpe(flat, 500, seed, t);
          ADD_FAILURE() << "expected std::domain_error for a constant series";
        } catch (const std::domain_error& e) {
          EXPECT_NE(std::string(e.what()).find("constant"), std::string::npos) << e.what();
        }
      }
    }
  }
}

// One outlier among 99 equal returns: about a third of the resamples miss it
// and have sigma = 0 exactly (the shifted sums are exactly 0), so their ratio
// is +infinity, never a huge finite number from rounding noise.
TEST(BootstrapSharpeHidden, NearlyConstantSeriesHaveExactlyZeroSigmaResamples) {
  const std::uint64_t seed = fresh_seed();
  SCOPED_TRACE(testing::Message() << "seed=" << seed);
  std::vector<double> returns(100, 0.1);
  returns[37] = 0.1 + 1e-9;
  const bs::SharpeInterval expected = bs::tests::brute_force_interval(returns, 3000, seed);
  EXPECT_GT(expected.zero_std_resamples, 900U);  // (99/100)^100 = 37% of 3000
  EXPECT_LT(expected.zero_std_resamples, 1300U);
  EXPECT_EQ(expected.upper, kInf);
  for (unsigned t : thread_counts()) {
    SCOPED_TRACE(testing::Message() << "threads=" << t);
    expect_same(bs::bootstrap_sharpe(returns, 3000, seed, t), expected);
  }
}

TEST(BootstrapSharpeHidden, FewerResamplesThanThreads) {
  const std::uint64_t seed = fresh_seed();
  SCOPED_TRACE(testing::Message() << "seed=" << seed);
  const std::vector<double> returns = bs::synthetic_returns(seed, 800);
  for (std::uint64_t resamples = 1; resamples <= 6; ++resamples) {
    const bs::SharpeInterval expected = bs::baseline::bootstrap_sharpe(returns, resamples, seed);
    for (unsigned t : {7U, 16U, hardware_threads() + 3}) {
      SCOPED_TRACE(testing::Message() << "resamples=" << resamples << " threads=" << t);
      expect_same(bs::bootstrap_sharpe(returns, resamples, seed, t), expected);
    }
  }
}

// Many resamples of a short series (200,003 x 20 days) and a year of days
// (30,011 x 252): the ranks are far from the ends, and an unsynchronised
// shared write shows up under ThreadSanitizer.
TEST(BootstrapSharpeHidden, ManyResamples) {
  const std::uint64_t seed = fresh_seed();
  SCOPED_TRACE(testing::Message() << "seed=" << seed);
  const std::vector<double> month = bs::synthetic_returns(seed, 20);
  expect_same(bs::bootstrap_sharpe(month, 200003, seed, 7), bs::baseline::bootstrap_sharpe(month, 200003, seed));
  const std::vector<double> year = bs::synthetic_returns(seed + 1, 252);
  const bs::SharpeInterval ci = bs::bootstrap_sharpe(year, 30011, seed, hardware_threads());
  expect_same(ci, bs::baseline::bootstrap_sharpe(year, 30011, seed));
  EXPECT_LT(ci.lower, ci.upper);
}

TEST(BootstrapSharpeHidden, BadArgumentsAreRejected) {
  const std::vector<double> returns = bs::synthetic_returns(1, 50);
  EXPECT_THROW((void)bs::bootstrap_sharpe(returns, 0, 1, 2), std::invalid_argument) << "zero resamples";
  std::vector<double> with_nan = returns;
  with_nan[10] = std::numeric_limits<double>::quiet_NaN();
  EXPECT_THROW((void)bs::bootstrap_sharpe(with_nan, 10, 1, 2), std::invalid_argument) << "a NaN return";
  EXPECT_NO_THROW((void)bs::bootstrap_sharpe(returns, 10, 1, 0)) << "threads = 0 counts as 1";
}

}  // namespace
