// Shared by the public and hidden tests: bit-for-bit comparison of two P&L
// tables, and the header's definition of one cell computed directly, with no
// kit kernel, so a test can check the kernels against the text of the contract.
#pragma once

#include <gtest/gtest.h>

#include <bit>
#include <cstddef>
#include <cmath>
#include <cstdint>
#include <iomanip>
#include <span>
#include <vector>

#include "backtest_grid.hpp"

namespace parlab::backtest_grid::tests {

inline bool same_bits(double a, double b) { return std::bit_cast<std::uint64_t>(a) == std::bit_cast<std::uint64_t>(b); }

inline bool same_row(const CellResult& a, const CellResult& b) {
  return a.short_window == b.short_window && a.long_window == b.long_window && a.days == b.days &&
         a.days_in_market == b.days_in_market && same_bits(a.pnl, b.pnl) && same_bits(a.sharpe, b.sharpe) &&
         same_bits(a.spread, b.spread);
}

// Equal bits, not just equal values (-0.0 is not 0.0 here, and NaN fails).
// Reports the first differing row and how many differ, not thousands.
inline void expect_same_table(const std::vector<CellResult>& got, const std::vector<CellResult>& expected) {
  ASSERT_EQ(got.size(), expected.size()) << "one row per cell of cells_of(grid), in that order";
  std::size_t first = expected.size();
  std::size_t differing = 0;
  for (std::size_t k = 0; k < expected.size(); ++k) {
    if (same_row(got[k], expected[k])) continue;
    if (differing++ == 0) first = k;
  }
  if (differing == 0) return;
  const CellResult& g = got[first];
  const CellResult& e = expected[first];
  ADD_FAILURE() << std::setprecision(17) << differing << " of " << expected.size() << " rows differ; the first is row " << first
                << ".\n  expected: cell (" << e.short_window << ", " << e.long_window << ") days " << e.days
                << " in market " << e.days_in_market << " pnl " << e.pnl << " sharpe " << e.sharpe << " spread " << e.spread
                << "\n  got:      cell (" << g.short_window << ", " << g.long_window << ") days " << g.days
                << " in market " << g.days_in_market << " pnl " << g.pnl << " sharpe " << g.sharpe << " spread " << g.spread
                << "\n(rows follow cells_of(grid); each cell's sums run in day order, on one thread;\n the means are the kit's rolling_mean: a running sum differs in its last bits)";
}

// The header's definitions, literally: MA by its window sum, position,
// P&L and squares in day order, Sharpe with 0.0 when var <= 0.
inline CellResult cell_by_definition(std::span<const double> p, std::uint32_t s, std::uint32_t l) {
  auto ma = [&](std::uint32_t w, std::size_t t) {
    double sum = 0.0;
    for (std::size_t k = t + 1 - w; k <= t; ++k) sum += p[k];
    return sum / static_cast<double>(w);
  };
  // r and q first, stored: a product kept in memory cannot be fused with
  // the addition below into one FMA by any compiler.
  std::vector<double> r(p.size(), 0.0);
  std::vector<double> q(p.size(), 0.0);
  for (std::size_t t = 1; t < p.size(); ++t) r[t] = p[t] / p[t - 1] - 1.0;
  for (std::size_t t = 0; t < p.size(); ++t) q[t] = r[t] * r[t];
  CellResult out{.short_window = s, .long_window = l};
  double pnl = 0.0;
  double sumsq = 0.0;
  for (std::size_t t = l; t < p.size(); ++t) {
    ++out.days;
    if (ma(s, t - 1) > ma(l, t - 1)) {
      ++out.days_in_market;
      pnl += r[t];
      sumsq += q[t];
    } else {
      pnl += 0.0;
      sumsq += 0.0;
    }
  }
  out.pnl = pnl;
  if (p.size() >= l && !p.empty()) out.spread = ma(s, p.size() - 1) - ma(l, p.size() - 1);
  if (out.days > 0) {
    const auto n = static_cast<double>(out.days);
    const double mean = pnl / n;
    const double var = std::fma(-mean, mean, sumsq / n);
    if (var > 0.0) out.sharpe = mean / std::sqrt(var) * std::sqrt(252.0);
  }
  return out;
}

}  // namespace parlab::backtest_grid::tests
