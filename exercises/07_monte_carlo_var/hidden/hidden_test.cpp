// Hidden tests for exercise 07: not in the student template. Random seeds and
// portfolios (drawn per run), sizes around every multiple of 20 that moves
// the VaR index, fewer simulations than threads, zero simulations, a single
// asset, ties, and odd thread counts, so a submission that reads the wrong
// order statistic, sums the tail in another order, drops simulations at a
// slice boundary or hard-codes the lecture's portfolio fails.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <numbers>
#include <random>
#include <vector>

#include "monte_carlo_var.hpp"
#include "tests/full_sort.hpp"
#include "parlab/random.hpp"
#include "parlab/testing.hpp"

namespace {

namespace mv = parlab::monte_carlo_var;

using parlab::testing::fresh_seed;
using parlab::testing::hardware_threads;

void expect_same(const mv::VarResult& got, const mv::VarResult& expected) {
  EXPECT_EQ(got.tail, expected.tail);
  EXPECT_EQ(got.var, expected.var);
  EXPECT_EQ(got.cvar, expected.cvar);
}

double uniform(std::mt19937_64& gen, double lo, double hi) {
  return std::uniform_real_distribution<double>(lo, hi)(gen);
}

// 1 to `max_assets` assets, long and short, with daily means and volatilities.
std::vector<mv::Asset> random_portfolio(std::mt19937_64& gen, std::size_t max_assets) {
  std::vector<mv::Asset> p(1 + gen() % max_assets);
  for (mv::Asset& a : p) {
    a = {.weight = uniform(gen, -0.5, 1.0), .mu = uniform(gen, -0.001, 0.002), .sigma = uniform(gen, 0.002, 0.05)};
  }
  return p;
}

using mv::testing::by_full_sort;  // tests/full_sort.hpp

TEST(CalculateVarHidden, MatchesTheFullSortForRandomPortfoliosSizesAndThreadCounts) {
  for (std::uint64_t n : {1ULL, 2ULL, 19ULL, 20ULL, 21ULL, 39ULL, 40ULL, 41ULL, 999ULL, 12347ULL, 100003ULL}) {
    const std::uint64_t seed = fresh_seed();
    SCOPED_TRACE(testing::Message() << "n_sims=" << n << " seed=" << seed);
    std::mt19937_64 gen(seed);
    const auto portfolio = random_portfolio(gen, 6);
    const auto expected = by_full_sort(portfolio, n, seed);
    expect_same(mv::baseline::calculate_var(portfolio, n, seed), expected);
    for (unsigned t : {1U, 2U, 3U, 7U, hardware_threads()}) {
      SCOPED_TRACE(testing::Message() << "threads=" << t);
      expect_same(mv::calculate_var(portfolio, n, seed, t), expected);
    }
  }
}

TEST(CalculateVarHidden, ZeroSimulationsGiveZeroOnAnyThreadCount) {
  std::mt19937_64 gen(fresh_seed());
  const auto portfolio = random_portfolio(gen, 5);
  for (unsigned t : {1U, 2U, 3U, 7U, hardware_threads()}) {
    const auto got = mv::calculate_var(portfolio, 0, fresh_seed(), t);
    EXPECT_EQ(got.var, 0.0);
    EXPECT_EQ(got.cvar, 0.0);
    EXPECT_EQ(got.tail, 0U);
  }
}

TEST(CalculateVarHidden, FewerSimulationsThanThreads) {
  const std::uint64_t seed = fresh_seed();
  SCOPED_TRACE(testing::Message() << "seed=" << seed);
  std::mt19937_64 gen(seed);
  const auto portfolio = random_portfolio(gen, 4);
  for (std::uint64_t n = 1; n <= 9; ++n) {
    for (unsigned t : {8U, 16U, 64U, hardware_threads() + 1}) {
      SCOPED_TRACE(testing::Message() << "n_sims=" << n << " threads=" << t);
      expect_same(mv::calculate_var(portfolio, n, seed, t), by_full_sort(portfolio, n, seed));
    }
  }
}

// One asset: its return is monotone in its normal (rising for a long
// position, falling for a short one), so the VaR is the asset's return at
// the (k+1)-th smallest normal, or at the (k+1)-th largest.
TEST(CalculateVarHidden, ASingleAssetIsItsOwnNormalQuantile) {
  const std::uint64_t seed = fresh_seed();
  SCOPED_TRACE(testing::Message() << "seed=" << seed);
  constexpr std::uint64_t kN = 20011;
  std::vector<double> z(kN);
  for (std::uint64_t s = 0; s < kN; ++s) z[s] = parlab::rng::standard_normal(seed, s);
  std::sort(z.begin(), z.end());
  const std::uint64_t k = kN / 20;
  for (const double weight : {0.7, -0.7}) {
    const std::vector<mv::Asset> one{{.weight = weight, .mu = 0.0004, .sigma = 0.02}};
    const double z_at = weight > 0 ? z[k] : z[kN - 1 - k];
    const double worst = std::fma(weight, std::fma(0.02, z_at, 0.0004), 0.0);
    for (unsigned t : {1U, 3U, 7U}) {
      const auto got = mv::calculate_var(one, kN, seed, t);
      EXPECT_EQ(got.var, -worst) << "weight " << weight << ", threads " << t;
      EXPECT_EQ(got.tail, k + 1);
    }
    expect_same(mv::calculate_var(one, kN, seed, 2), by_full_sort(one, kN, seed));
  }
}

// Every return equal (no volatility): ties everywhere, the tail holds copies
// of one value. An empty portfolio returns 0.0 in every simulation.
TEST(CalculateVarHidden, TiesAndAnEmptyPortfolio) {
  const std::vector<mv::Asset> flat{{.weight = 0.5, .mu = 0.001, .sigma = 0.0}, {.weight = 0.5, .mu = -0.003, .sigma = 0.0}};
  for (unsigned t : {1U, 2U, 7U}) {
    expect_same(mv::calculate_var(flat, 4001, 3, t), by_full_sort(flat, 4001, 3));
    const auto empty = mv::calculate_var({}, 1001, 3, t);
    EXPECT_EQ(empty.var, 0.0);
    EXPECT_EQ(empty.cvar, 0.0);
    EXPECT_EQ(empty.tail, 51U);
  }
}

// More than 256 assets: the kit's simulation then draws one normal at a time.
TEST(CalculateVarHidden, AWidePortfolio) {
  const std::uint64_t seed = fresh_seed();
  SCOPED_TRACE(testing::Message() << "seed=" << seed);
  std::mt19937_64 gen(seed);
  std::vector<mv::Asset> wide(300);
  for (mv::Asset& a : wide) a = {.weight = uniform(gen, 0, 0.01), .mu = 0.0003, .sigma = uniform(gen, 0.01, 0.03)};
  expect_same(mv::calculate_var(wide, 503, seed, 3), by_full_sort(wide, 503, seed));
}

// Fresh paths on every run: 6 standard errors keep a correct submission's
// chance of a false failure far below one in a million.
TEST(CalculateVarHidden, RandomPortfoliosAgreeWithTheNormalDistribution) {
  constexpr double kN = 400000;
  constexpr double kZ = -1.6448536269514722;
  const double density = std::exp(-kZ * kZ / 2) / std::sqrt(2 * std::numbers::pi);
  for (int round = 0; round < 3; ++round) {
    const std::uint64_t seed = fresh_seed();
    SCOPED_TRACE(testing::Message() << "seed=" << seed);
    std::mt19937_64 gen(seed);
    const auto portfolio = random_portfolio(gen, 5);
    double mean = 0;
    double variance = 0;
    for (const mv::Asset& a : portfolio) {
      mean += a.weight * a.mu;
      variance += a.weight * a.weight * a.sigma * a.sigma;
    }
    const double sd = std::sqrt(variance);
    const double var_se = sd * std::sqrt(0.05 * 0.95 / kN) / density;
    const double tail_var = 1 - kZ * density / 0.05 - (density / 0.05) * (density / 0.05);
    const double gap = kZ + density / 0.05;
    const double cvar_se = sd * std::sqrt((tail_var + 0.95 * gap * gap) / (0.05 * kN));
    const auto got = mv::calculate_var(portfolio, static_cast<std::uint64_t>(kN), seed, 3);
    EXPECT_NEAR(got.var, -(mean + kZ * sd), 6 * var_se);
    EXPECT_NEAR(got.cvar, -(mean - sd * density / 0.05), 6 * cvar_se);
    EXPECT_GE(got.cvar, got.var);
  }
}

// Seven threads on 700,001 simulations: uneven slices, each thread with
// enough work that a race on shared state shows up under ThreadSanitizer.
TEST(CalculateVarHidden, SevenThreadsOnUnevenSlices) {
  const std::uint64_t seed = fresh_seed();
  SCOPED_TRACE(testing::Message() << "seed=" << seed);
  std::mt19937_64 gen(seed);
  const auto portfolio = random_portfolio(gen, 5);
  expect_same(mv::calculate_var(portfolio, 700001, seed, 7), mv::baseline::calculate_var(portfolio, 700001, seed));
}

}  // namespace
