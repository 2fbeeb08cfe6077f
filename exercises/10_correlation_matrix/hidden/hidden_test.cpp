// Hidden tests for exercise 10: not in the student template. Fresh seeds per
// run; 1, 2, 13, 25 ... assets (not multiples of the panel width); 0, 1 and
// fewer windows than threads; thread counts 1, 2, 3, 7 and all the
// hardware's; series without variance in any window and at panel edges.
#include <gtest/gtest.h>

#include <cmath>
#include <random>
#include <vector>

#include "correlation_matrix.hpp"
#include "parlab/testing.hpp"
#include "tests/matrix_checks.hpp"

namespace {

namespace cm = parlab::correlation_matrix;
using cm::tests::expect_same_windows;
using cm::tests::expect_symmetric_with_unit_diagonal;
using parlab::testing::fresh_seed;
using parlab::testing::hardware_threads;

const std::vector<unsigned> kThreadCounts = {1U, 2U, 3U, 7U, hardware_threads()};

void expect_like_baseline(const cm::Returns& r, const cm::Windows& windows) {
  std::vector<cm::CorrelationMatrix> expected_m;
  const auto expected = cm::baseline::rolling_correlations(r, windows, &expected_m);
  for (unsigned t : kThreadCounts) {
    SCOPED_TRACE(testing::Message() << t << " threads");
    std::vector<cm::CorrelationMatrix> got_m;
    const auto got = cm::rolling_correlations(r, windows, t, &got_m);
    expect_same_windows(got, got_m, expected, expected_m);
    for (const cm::CorrelationMatrix& m : got_m) expect_symmetric_with_unit_diagonal(m);
    EXPECT_EQ(cm::rolling_correlations(r, windows, t), expected) << "the same summaries without `matrices`";
  }
}

TEST(RollingCorrelationsHidden, MatchTheBaselineForManySizesAndThreadCounts) {
  for (std::size_t assets : {1U, 2U, 3U, 5U, 11U, 12U, 13U, 25U, 47U}) {
    for (std::size_t count : {0U, 1U, 2U, 5U, 9U}) {
      const std::uint64_t seed = fresh_seed();
      const cm::Windows windows{.count = count, .length = 33, .step = 5};
      SCOPED_TRACE(testing::Message() << assets << " assets, " << count << " windows, seed " << seed);
      expect_like_baseline(cm::synthetic_returns(assets, windows.days_needed() + 3, seed), windows);
    }
  }
}

TEST(RollingCorrelationsHidden, TheLecturesWindowsOfAYearSteppingAMonth) {
  const std::uint64_t seed = fresh_seed();
  SCOPED_TRACE(testing::Message() << "seed " << seed);
  const cm::Windows windows{.count = 4};  // 250 days, step 21
  expect_like_baseline(cm::synthetic_returns(97, windows.days_needed(), seed), windows);
}

TEST(RollingCorrelationsHidden, FewerWindowsThanThreads) {
  const cm::Windows windows{.count = 2, .length = 40, .step = 21};
  const cm::Returns r = cm::synthetic_returns(29, windows.days_needed(), fresh_seed());
  const auto expected = cm::baseline::rolling_correlations(r, windows);
  for (unsigned t : {3U, 7U, 16U}) EXPECT_EQ(cm::rolling_correlations(r, windows, t), expected) << t << " threads";
}

TEST(RollingCorrelationsHidden, TwoAssetsOnTwoDaysArePerfectlyAnticorrelated) {
  const cm::Returns r{2, 2, {0.01, 0.03, 0.02, -0.05}};
  std::vector<cm::CorrelationMatrix> m;
  (void)cm::rolling_correlations(r, {.count = 1, .length = 2, .step = 1}, 2, &m);
  ASSERT_EQ(m.size(), 1U);
  ASSERT_EQ(m[0].n, 2U);
  EXPECT_NEAR(m[0](0, 1), -1.0, 1e-15);
  EXPECT_EQ(m[0](0, 1), m[0](1, 0));
  EXPECT_EQ(m[0](0, 0), 1.0);
  EXPECT_EQ(m[0](1, 1), 1.0);
}

// Random values of random scales, shifted far from zero, so the mean and the
// order of the sums really matter.
TEST(RollingCorrelationsHidden, MatchTheBaselineOnRawRandomSeries) {
  const std::uint64_t seed = fresh_seed();
  SCOPED_TRACE(testing::Message() << "seed " << seed);
  std::mt19937_64 gen(seed);
  const cm::Windows windows{.count = 6, .length = 101, .step = 17};
  cm::Returns r{29, windows.days_needed(), std::vector<double>(29 * windows.days_needed())};
  for (std::size_t a = 0; a < r.assets; ++a) {
    const double scale = std::ldexp(1.0, static_cast<int>(gen() % 40) - 20);
    const double shift = static_cast<double>(gen() % 1000);
    for (std::size_t k = 0; k < r.days; ++k) {
      r.values[a * r.days + k] = shift + scale * std::uniform_real_distribution<double>(-1, 1)(gen);
    }
  }
  expect_like_baseline(r, windows);
}

// The kit's panel fill (12 series in SIMD lanes) is standardize_series bit for bit.
TEST(RollingCorrelationsHidden, PanelFillIsTheContractsStandardisation) {
  const std::uint64_t seed = fresh_seed();
  SCOPED_TRACE(testing::Message() << "seed " << seed);
  std::mt19937_64 gen(seed);
  cm::Returns r{29, 140, std::vector<double>(29 * 140)};
  for (double& v : r.values) v = 500.0 + std::ldexp(std::uniform_real_distribution<double>(-1, 1)(gen), -7);
  cm::Standardized z(r.assets, 97);
  std::vector<double> expected(97);
  for (std::size_t p = 0; p < z.panels(); ++p) ASSERT_EQ(z.fill_panel(r, 31, p), r.assets);
  for (std::size_t a = 0; a < r.assets; ++a) {
    ASSERT_TRUE(cm::standardize_series(r.series(a).subspan(31, 97), expected.data()));
    for (std::size_t k = 0; k < 97; ++k) {
      ASSERT_EQ(z.panel(a / cm::kPanel)[k * cm::kPanel + a % cm::kPanel], expected[k]) << "asset " << a << ", day " << k;
    }
  }
}

void expect_no_variance_at(const cm::Returns& r, const cm::Windows& windows, std::size_t asset, std::size_t window) {
  for (unsigned t : kThreadCounts) {
    try {
      (void)cm::rolling_correlations(r, windows, t);
      ADD_FAILURE() << "asset " << asset << " has no variance in window " << window << ": ConstantSeriesError expected ("
                    << t << " threads)";
    } catch (const cm::ConstantSeriesError& e) {
      EXPECT_EQ(e.window(), window) << "the LOWEST window with a series without variance (" << t << " threads)";
      EXPECT_EQ(e.asset(), asset) << "the LOWEST such asset in that window (" << t << " threads)";
    }
  }
}

void make_constant(cm::Returns& r, const cm::Windows& windows, std::size_t asset, std::size_t window, double v) {
  for (std::size_t k = 0; k < windows.length; ++k) r.values[asset * r.days + windows.first_day(window) + k] = v;
}

TEST(RollingCorrelationsHidden, ASeriesWithoutVarianceNamesTheLowestWindowAndAsset) {
  const std::uint64_t seed = fresh_seed();
  SCOPED_TRACE(testing::Message() << "seed " << seed);
  const cm::Windows windows{.count = 8, .length = 30, .step = 11};
  for (std::size_t bad : {0U, 11U, 12U, 25U, 26U}) {
    for (std::size_t window : {0U, 3U, 7U}) {
      cm::Returns r = cm::synthetic_returns(27, windows.days_needed(), seed);
      make_constant(r, windows, bad, window, 0.3);
      expect_no_variance_at(r, windows, bad, window);
    }
  }
  // Two windows: the later one's asset is lower; still the lowest window.
  cm::Returns r = cm::synthetic_returns(40, windows.days_needed(), seed);
  make_constant(r, windows, 33, 5, -0.02);
  make_constant(r, windows, 6, 6, 1e-3);
  expect_no_variance_at(r, windows, 33, 5);
  // Two assets in one window: the lower asset.
  make_constant(r, windows, 20, 2, 0.1);
  make_constant(r, windows, 14, 2, 0.1);
  expect_no_variance_at(r, windows, 14, 2);
}

TEST(RollingCorrelationsHidden, WindowsShorterThanTwoDaysLeaveNoVariance) {
  const cm::Returns r = cm::synthetic_returns(5, 10, fresh_seed());
  expect_no_variance_at(r, {.count = 3, .length = 1, .step = 2}, 0, 0);
  expect_no_variance_at(r, {.count = 3, .length = 0, .step = 2}, 0, 0);
  // No assets: nothing to reject, one empty matrix per window.
  const auto none = cm::rolling_correlations(cm::synthetic_returns(0, 10, 1), {.count = 3, .length = 4, .step = 3}, 2);
  ASSERT_EQ(none.size(), 3U);
}

TEST(RollingCorrelationsHidden, OneWindowOfOneAssetIsItsOwnPerfectCorrelation) {
  for (unsigned t : kThreadCounts) {
    std::vector<cm::CorrelationMatrix> m;
    (void)cm::rolling_correlations(cm::synthetic_returns(1, 17, fresh_seed()), {.count = 1, .length = 17}, t, &m);
    ASSERT_EQ(m.size(), 1U);
    ASSERT_EQ(m[0].cells.size(), 1U);
    EXPECT_EQ(m[0].cells[0], 1.0);
  }
}

TEST(RollingCorrelationsHidden, TooFewDaysAreRejected) {
  const cm::Windows windows{.count = 3, .length = 20, .step = 5};
  const cm::Returns r = cm::synthetic_returns(4, windows.days_needed() - 1, fresh_seed());
  for (unsigned t : {1U, 3U}) EXPECT_THROW((void)cm::rolling_correlations(r, windows, t), std::invalid_argument);
}

// 500 assets, 5 windows on 7 threads, each window millions of multiply-adds:
// a race on the shared matrix or a shared counter is seen by ThreadSanitizer.
TEST(RollingCorrelationsHidden, FiveHundredAssetsOnSevenThreads) {
  const std::uint64_t seed = fresh_seed();
  SCOPED_TRACE(testing::Message() << "seed " << seed);
  const cm::Windows windows{.count = 5, .length = 40, .step = 21};
  const cm::Returns r = cm::synthetic_returns(500, windows.days_needed(), seed);
  EXPECT_EQ(cm::rolling_correlations(r, windows, 7), cm::baseline::rolling_correlations(r, windows));
}

}  // namespace
