// Public tests for exercise 10. The grader also runs hidden tests: other
// seeds, numbers of assets that are not multiples of the panel width, 0 or
// 1 window, fewer windows than threads, odd thread counts and more series
// without variance. Passing these is necessary, not sufficient.
#include <gtest/gtest.h>

#include <cmath>
#include <stdexcept>
#include <vector>

#include "correlation_matrix.hpp"
#include "parlab/detail/lanes.hpp"
#include "parlab/testing.hpp"
#include "tests/matrix_checks.hpp"

namespace {

namespace cm = parlab::correlation_matrix;
using cm::tests::expect_same_bits;
using cm::tests::expect_same_windows;
using cm::tests::expect_symmetric_with_unit_diagonal;
using parlab::testing::hardware_threads;

constexpr cm::Windows kSmall{.count = 6, .length = 60, .step = 7};

TEST(RollingCorrelations, MatchBaselineBitForBitForEveryThreadCount) {
  const cm::Returns r = cm::synthetic_returns(61, kSmall.days_needed(), 2025);
  std::vector<cm::CorrelationMatrix> expected_m;
  const auto expected = cm::baseline::rolling_correlations(r, kSmall, &expected_m);
  for (unsigned t : {1U, 2U, 3U, 7U, 8U, hardware_threads()}) {
    SCOPED_TRACE(testing::Message() << "with " << t << " threads");
    std::vector<cm::CorrelationMatrix> got_m;
    const auto got = cm::rolling_correlations(r, kSmall, t, &got_m);
    expect_same_windows(got, got_m, expected, expected_m);
    EXPECT_EQ(cm::rolling_correlations(r, kSmall, t), expected) << "the same summaries without `matrices`";
  }
}

TEST(RollingCorrelations, EachMatrixIsSymmetricWithADiagonalOfOne) {
  const cm::Returns r = cm::synthetic_returns(37, kSmall.days_needed(), 7);
  std::vector<cm::CorrelationMatrix> m;
  (void)cm::rolling_correlations(r, kSmall, 3, &m);
  ASSERT_EQ(m.size(), kSmall.count);
  for (const cm::CorrelationMatrix& one : m) expect_symmetric_with_unit_diagonal(one);
}

// The contract: standardise over the window's days, then the dot product
// in day order with madd. Computed here the slow way, one cell at a time.
TEST(RollingCorrelations, EachCellIsTheContractsDotProduct) {
  const cm::Returns r = cm::synthetic_returns(14, kSmall.days_needed(), 99);
  std::vector<cm::CorrelationMatrix> m;
  (void)cm::rolling_correlations(r, kSmall, 2, &m);
  for (std::size_t w = 0; w < kSmall.count; ++w) {
    std::vector<std::vector<double>> z(r.assets, std::vector<double>(kSmall.length));
    for (std::size_t a = 0; a < r.assets; ++a) {
      ASSERT_TRUE(cm::standardize_series(r.series(a).subspan(kSmall.first_day(w), kSmall.length), z[a].data()));
    }
    for (std::size_t i = 0; i < r.assets; ++i) {
      for (std::size_t j = i + 1; j < r.assets; ++j) {
        double acc = 0.0;
        for (std::size_t k = 0; k < kSmall.length; ++k) acc = parlab::lanes::madd(z[i][k], z[j][k], acc);
        ASSERT_EQ(m[w](i, j), acc) << "window " << w << ", cell (" << i << ", " << j << ")";
      }
    }
  }
}

// Standardise-then-dot-product is the textbook Pearson correlation, up to rounding.
TEST(RollingCorrelations, AgreeWithTheTextbookFormulaOverEachWindow) {
  const cm::Returns r = cm::synthetic_returns(20, kSmall.days_needed(), 5);
  std::vector<cm::CorrelationMatrix> m;
  (void)cm::rolling_correlations(r, kSmall, 2, &m);
  for (std::size_t w = 0; w < kSmall.count; ++w) {
    for (std::size_t i = 0; i < r.assets; ++i) {
      for (std::size_t j = 0; j < r.assets; ++j) {
        const double expected = cm::tests::pearson(r.series(i).subspan(kSmall.first_day(w), kSmall.length),
                                                   r.series(j).subspan(kSmall.first_day(w), kSmall.length));
        EXPECT_NEAR(m[w](i, j), expected, 1e-13) << "window " << w << ", (" << i << ", " << j << ")";
      }
    }
  }
}

// Asset 17 is constant over window 2's days only (windows 1 and 3 overlap
// them but also see other days).
TEST(RollingCorrelations, AConstantSeriesInAWindowIsReportedNotAnswered) {
  cm::Returns r = cm::synthetic_returns(30, kSmall.days_needed(), 3);
  for (std::size_t k = 0; k < kSmall.length; ++k) r.values[17 * r.days + kSmall.first_day(2) + k] = 0.1;
  try {
    (void)cm::rolling_correlations(r, kSmall, 4);
    FAIL() << "a constant series must throw ConstantSeriesError, not give a row of NaN or garbage";
  } catch (const cm::ConstantSeriesError& e) {
    EXPECT_EQ(e.asset(), 17U);
    EXPECT_EQ(e.window(), 2U);
  }
}

TEST(RollingCorrelations, NoWindowsGiveNothingAndTooFewDaysAreRejected) {
  const cm::Returns r = cm::synthetic_returns(10, 90, 1);
  EXPECT_TRUE(cm::rolling_correlations(r, cm::Windows{.count = 0}, 2).empty());
  EXPECT_THROW((void)cm::rolling_correlations(r, kSmall, 2), std::invalid_argument) << "6 windows need 95 days";
  std::vector<cm::CorrelationMatrix> m;
  EXPECT_EQ(cm::rolling_correlations(r, {.count = 5, .length = 60, .step = 7}, 2, &m).size(), 5U) << "88 days";
}

// The lecture's 500 assets on four threads, each window with tens of millions
// of multiply-adds: an unsynchronised shared write shows up under ThreadSanitizer.
TEST(RollingCorrelations, TheLecturesFiveHundredAssetsOnFourThreads) {
  const cm::Windows windows{.count = 3, .length = 50, .step = 21};
  const cm::Returns r = cm::synthetic_returns(500, windows.days_needed(), 31337);
  EXPECT_EQ(cm::rolling_correlations(r, windows, 4), cm::baseline::rolling_correlations(r, windows));
}

}  // namespace
