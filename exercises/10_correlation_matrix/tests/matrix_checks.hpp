// Checks shared by the public and hidden tests of exercise 10.
#pragma once

#include <gtest/gtest.h>

#include <bit>
#include <cmath>
#include <cstdint>
#include <span>
#include <vector>

#include "correlation_matrix.hpp"

namespace parlab::correlation_matrix::tests {

// Bit for bit: every cell is one sum in a fixed order (the header's
// contract), so there is nothing to tolerate. Reports the first few cells
// that differ, with their (i, j).
inline void expect_same_bits(const CorrelationMatrix& got, const CorrelationMatrix& expected) {
  ASSERT_EQ(got.n, expected.n) << "one row and one column per asset";
  ASSERT_EQ(got.cells.size(), expected.n * expected.n) << "cells holds n * n values, row-major";
  int shown = 0;
  std::size_t wrong = 0;
  for (std::size_t c = 0; c < expected.cells.size(); ++c) {
    if (std::bit_cast<std::uint64_t>(got.cells[c]) == std::bit_cast<std::uint64_t>(expected.cells[c])) continue;
    ++wrong;
    if (shown++ < 5) {
      ADD_FAILURE() << "cell (" << c / expected.n << ", " << c % expected.n << "): got " << got.cells[c]
                    << ", the baseline has " << expected.cells[c]
                    << " (every cell i < j from correlate_panel, its copy at (j, i), 1.0 on the diagonal)";
    }
  }
  EXPECT_EQ(wrong, 0U) << "cells differing from the baseline";
}

// A diagonal of exactly 1 and an exactly symmetric matrix.
inline void expect_symmetric_with_unit_diagonal(const CorrelationMatrix& m) {
  ASSERT_EQ(m.cells.size(), m.n * m.n);
  for (std::size_t i = 0; i < m.n; ++i) {
    EXPECT_EQ(m(i, i), 1.0) << "diagonal cell " << i << " is 1.0 exactly, not a computed dot product";
    for (std::size_t j = i + 1; j < m.n; ++j) {
      ASSERT_EQ(std::bit_cast<std::uint64_t>(m(i, j)), std::bit_cast<std::uint64_t>(m(j, i)))
          << "cells (" << i << ", " << j << ") and (" << j << ", " << i << ") differ: copy the upper triangle";
    }
  }
}

// Every window's matrix bit for bit, and the summaries equal (exactly).
inline void expect_same_windows(const std::vector<WindowSummary>& got, const std::vector<CorrelationMatrix>& got_m,
                                const std::vector<WindowSummary>& expected,
                                const std::vector<CorrelationMatrix>& expected_m) {
  ASSERT_EQ(got.size(), expected.size()) << "one summary per window";
  ASSERT_EQ(got_m.size(), expected_m.size()) << "*matrices holds one matrix per window";
  for (std::size_t w = 0; w < expected.size(); ++w) {
    SCOPED_TRACE(::testing::Message() << "window " << w);
    expect_same_bits(got_m[w], expected_m[w]);
    EXPECT_EQ(got[w].digest, expected[w].digest) << "summary: call summarize() on the finished matrix";
    EXPECT_EQ(got[w], expected[w]);
  }
}

// The textbook Pearson correlation, computed independently in long double.
inline double pearson(std::span<const double> x, std::span<const double> y) {
  using L = long double;
  L mx = 0;
  L my = 0;
  for (std::size_t k = 0; k < x.size(); ++k) {
    mx += static_cast<L>(x[k]);
    my += static_cast<L>(y[k]);
  }
  mx /= static_cast<L>(x.size());
  my /= static_cast<L>(y.size());
  L sxy = 0;
  L sxx = 0;
  L syy = 0;
  for (std::size_t k = 0; k < x.size(); ++k) {
    const L dx = static_cast<L>(x[k]) - mx;
    const L dy = static_cast<L>(y[k]) - my;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  }
  return static_cast<double>(sxy / std::sqrt(sxx * syy));
}

}  // namespace parlab::correlation_matrix::tests
