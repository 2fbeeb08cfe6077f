// Public tests for exercise 07. The grader also runs hidden tests: wider,
// with random seeds and portfolios, odd sizes and odd thread counts. Passing
// these is necessary, not sufficient.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <numbers>
#include <vector>

#include "monte_carlo_var.hpp"
#include "tests/full_sort.hpp"
#include "parlab/testing.hpp"

namespace {

namespace mv = parlab::monte_carlo_var;

using parlab::testing::hardware_threads;

// Bit for bit: the same order statistic and the same tail, summed in the same order.
void expect_same(const mv::VarResult& got, const mv::VarResult& expected) {
  EXPECT_EQ(got.tail, expected.tail) << "tail = n_sims / 20 + 1";
  EXPECT_EQ(got.var, expected.var) << "var must be -(the (k+1)-th smallest return), k = n_sims / 20";
  EXPECT_EQ(got.cvar, expected.cvar)
      << "cvar must be -(sum of the tail smallest returns, smallest first) / tail";
}

using mv::testing::by_full_sort;  // tests/full_sort.hpp

TEST(CalculateVar, MatchesTheBaselineExactlyForEveryThreadCount) {
  const auto portfolio = mv::lecture_portfolio();
  const auto expected = mv::baseline::calculate_var(portfolio, 100003, 2025);
  for (unsigned t : {1U, 2U, 3U, 7U, 8U, 16U, hardware_threads()}) {
    SCOPED_TRACE(testing::Message() << "with " << t << " threads");
    expect_same(mv::calculate_var(portfolio, 100003, 2025, t), expected);
  }
}

TEST(CalculateVar, IsTheOrderStatisticOfTheSortedReturns) {
  const auto portfolio = mv::lecture_portfolio();
  for (std::uint64_t n : {1000ULL, 1019ULL, 1020ULL, 1021ULL}) {
    SCOPED_TRACE(testing::Message() << "n_sims=" << n);
    expect_same(mv::calculate_var(portfolio, n, 99, 3), by_full_sort(portfolio, n, 99));
  }
}

// Independent normal assets make the portfolio return normal, with mean
// sum(w mu) and variance sum(w^2 sigma^2): the 5% VaR and CVaR are then
// known exactly, and 10^6 simulations must land within a few standard errors.
TEST(CalculateVar, AgreesWithTheNormalDistribution) {
  const auto portfolio = mv::lecture_portfolio();
  double mean = 0;
  double variance = 0;
  for (const mv::Asset& a : portfolio) {
    mean += a.weight * a.mu;
    variance += a.weight * a.weight * a.sigma * a.sigma;
  }
  const double sd = std::sqrt(variance);
  constexpr double kZ = -1.6448536269514722;  // the standard normal's 5% quantile
  const double density = std::exp(-kZ * kZ / 2) / std::sqrt(2 * std::numbers::pi);
  const double var = -(mean + kZ * sd);
  const double cvar = -(mean - sd * density / 0.05);
  constexpr double kN = 1e6;
  // Standard errors of a sample quantile and of a sample expected shortfall.
  const double var_se = sd * std::sqrt(0.05 * 0.95 / kN) / density;
  const double tail_var = 1 - kZ * density / 0.05 - (density / 0.05) * (density / 0.05);
  const double gap = kZ + density / 0.05;
  const double cvar_se = sd * std::sqrt((tail_var + 0.95 * gap * gap) / (0.05 * kN));

  const auto got = mv::calculate_var(portfolio, 1000000, 42, 4);
  EXPECT_NEAR(got.var, var, 5 * var_se);
  EXPECT_NEAR(got.cvar, cvar, 5 * cvar_se);
  EXPECT_GT(got.cvar, got.var) << "the tail's mean loss exceeds its smallest loss";
}

TEST(CalculateVar, FewerThanTwentySimulationsTakeTheWorstReturn) {
  const auto portfolio = mv::lecture_portfolio();
  for (std::uint64_t n = 1; n < 20; ++n) {
    std::vector<double> returns(n);
    mv::simulate_returns(portfolio, 5, 0, returns);
    const double worst = *std::min_element(returns.begin(), returns.end());
    const auto got = mv::calculate_var(portfolio, n, 5, 2);
    EXPECT_EQ(got.tail, 1U) << "n_sims=" << n;
    EXPECT_EQ(got.var, -worst) << "n_sims=" << n;
    EXPECT_EQ(got.cvar, -worst) << "n_sims=" << n;
  }
}

TEST(CalculateVar, ZeroSimulationsGiveZero) {
  const auto got = mv::calculate_var(mv::lecture_portfolio(), 0, 1, 4);
  EXPECT_EQ(got.var, 0.0);
  EXPECT_EQ(got.cvar, 0.0);
  EXPECT_EQ(got.tail, 0U);
}

TEST(CalculateVar, HandlesMoreThreadsThanSimulations) {
  const auto portfolio = mv::lecture_portfolio();
  for (std::uint64_t n : {1ULL, 2ULL, 5ULL, 21ULL}) {
    expect_same(mv::calculate_var(portfolio, n, 17, 16), mv::baseline::calculate_var(portfolio, n, 17));
  }
}

// A million simulations on four threads: a shared array written out of
// bounds, a shared counter or a shared sum without synchronisation is then
// reported by ThreadSanitizer on practically every run.
TEST(CalculateVar, SimulatesAMillionOnFourThreads) {
  const auto portfolio = mv::lecture_portfolio();
  expect_same(mv::calculate_var(portfolio, 1000000, 31337, 4),
              mv::baseline::calculate_var(portfolio, 1000000, 31337));
}

}  // namespace
