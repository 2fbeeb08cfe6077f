// Exercise 08 — backtesting a grid of moving-average crossover strategies.
// DO NOT EDIT: the grader builds your backtest_grid.cpp against this header
// as it is here.
//
// The exact definitions (every sum in a fixed order, so every result is the
// same double on any thread count):
//
//   prices    p[0], ..., p[D-1], one per trading day (D = prices.size()).
//   returns   r[t] = p[t] / p[t-1] - 1 for t >= 1 (r[0] = 0.0, never used),
//             and their squares q[t] = r[t] * r[t].
//   MA_w[t]   for t >= w - 1: (p[t-w+1] + p[t-w+2] + ... + p[t]) / w, the
//             window's prices added left to right: a pure function of those
//             w prices, whoever computes it. Costs w additions per day.
//   cell      (short, long) with short < long. From day long - 1 on, when
//             both averages exist, the position is LONG-OR-FLAT:
//               position(t) = 1 if MA_short[t] > MA_long[t], else 0.
//   P&L       day t = long, ..., D-1 (days = max(D - long, 0) days):
//               x_t = r[t] if position(t-1) == 1, else 0.0,
//             pnl = x_long + x_{long+1} + ... (in day order, from 0.0),
//             sumsq likewise over y_t = q[t] if position(t-1) == 1, else 0.0.
//   Sharpe    mean = pnl / days, var = std::fma(-mean, mean, sumsq / days)
//             (population variance), and
//               sharpe = mean / sqrt(var) * sqrt(252)   if var > 0,
//               sharpe = 0.0                             otherwise (no days, never
//                                                        in the market, no variation):
//             never NaN, never infinite.
//   spread    MA_short[D-1] - MA_long[D-1], today's signal, when D >= long;
//             0.0 otherwise.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

namespace parlab::backtest_grid {

// The windows to try, in days. Every (short, long) pair with short < long is
// a cell; pairs with short >= long are not cells at all. Windows are >= 1;
// either list may be empty, unsorted, or hold repeats.
struct Grid {
  std::vector<std::uint32_t> shorts;
  std::vector<std::uint32_t> longs;
};

// The lecture's grid: short windows 5, 6, ..., 50 and long windows 20, 21,
// ..., 200: 7830 cells, 196 distinct window lengths.
Grid lecture_grid();

struct Cell {
  std::uint32_t short_window = 0;
  std::uint32_t long_window = 0;
};

// One row of the P&L table.
struct CellResult {
  std::uint32_t short_window = 0;
  std::uint32_t long_window = 0;
  std::uint64_t days = 0;            // P&L days: max(D - long, 0)
  std::uint64_t days_in_market = 0;  // of those, days with position(t-1) == 1
  double pnl = 0.0;                  // sum of the daily P&L, in day order
  double sharpe = 0.0;               // annualised; 0.0 when var <= 0 (see above)
  double spread = 0.0;               // MA_short - MA_long on the last day (see above)
};

// Backtests every cell of `grid` on `prices` and returns the P&L table:
// table[k] is the result of cells_of(grid)[k] (short-major order), exactly as
// backtest_cell() computes it from rolling_mean() and daily_returns().
//
// Each rolling mean is computed once (one array per distinct window length,
// windows_of()), not once per cell; each cell is computed by ONE thread, from
// start to end, so its sums keep the day order. The work is done by at most
// `threads` threads at a time (threads >= 1).
std::vector<CellResult> backtest_grid(std::span<const double> prices, const Grid& grid, unsigned threads);

// ---- kit code (kernels.cpp): the pieces of the definition above ----------

// The cells of a grid in table order: for each short window in grid.shorts
// (in its order), for each long window in grid.longs (in its order), the pair
// if short < long.
std::vector<Cell> cells_of(const Grid& grid);

// The distinct window lengths the cells use (short and long), ascending.
std::vector<std::uint32_t> windows_of(std::span<const Cell> cells);

// Where window w sits in windows_of()'s answer (w must be one of them).
inline std::size_t window_index(std::span<const std::uint32_t> windows, std::uint32_t w) {
  return static_cast<std::size_t>(std::lower_bound(windows.begin(), windows.end(), w) - windows.begin());
}

// r[t] and q[t] as defined above, each the same length as prices.
struct Returns {
  std::vector<double> r;
  std::vector<double> q;
};
Returns daily_returns(std::span<const double> prices);

// MA_w[t] as defined above, for every t >= w - 1; the same length as prices,
// with 0.0 before day w - 1 (never read). ONE task: about w * D additions,
// so a long window costs far more than a short one (window 200: 40 times
// window 5).
std::vector<double> rolling_mean(std::span<const double> prices, std::uint32_t window);

// ONE cell: its P&L and Sharpe ratio as defined above, from the returns and
// the cell's two rolling means (all of the same length D). About D - long
// days of work, two additions a day.
CellResult backtest_cell(const Returns& returns, std::span<const double> short_mean,
                         std::span<const double> long_mean, Cell cell);

// Ten years of synthetic daily prices is 2520 days.
inline constexpr std::uint64_t kDaysPerYear = 252;

// `days` daily prices of a geometric random walk (8% drift, 20% volatility a
// year): p[0] = 100 and p[t] = p[t-1] * exp(std::fma(sigma_d, z_t, mu_d)) with
// z_t = rng::standard_normal(seed, t), mu_d = (0.08 - 0.2^2 / 2) / 252 and
// sigma_d = 0.2 / sqrt(252). A pure function of (days, seed).
std::vector<double> synthetic_prices(std::uint64_t days, std::uint64_t seed);

namespace baseline {
// The kit's sequential version (baseline.cpp): what your speedup is measured against.
std::vector<CellResult> backtest_grid(std::span<const double> prices, const Grid& grid);
}  // namespace baseline

}  // namespace parlab::backtest_grid
