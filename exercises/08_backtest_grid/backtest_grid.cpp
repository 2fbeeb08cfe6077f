// Exercise 08 — the parameter grid of a moving-average crossover.  This is
// the file you edit.
//
// The starting point is the lecture's loop before ProcessPoolExecutor: every
// rolling mean, then every cell, one after another on one core. It is
// correct, but `threads` is ignored. Run the tasks of both loops in parallel,
// at most `threads` at a time, and hand them out dynamically: they are not
// of equal size (see README.md).

#include "backtest_grid.hpp"

namespace parlab::backtest_grid {

std::vector<CellResult> backtest_grid(std::span<const double> prices, const Grid& grid, unsigned threads) {
  (void)threads;  // TODO: use them
  const std::vector<Cell> cells = cells_of(grid);
  const std::vector<std::uint32_t> windows = windows_of(cells);
  const Returns returns = daily_returns(prices);

  // Loop 1: one rolling mean per distinct window (window w costs w additions a day).
  std::vector<std::vector<double>> means;
  for (const std::uint32_t w : windows) means.push_back(rolling_mean(prices, w));

  // Loop 2: one backtest per cell, reading the two means it needs.
  std::vector<CellResult> table;
  for (const Cell& c : cells) {
    table.push_back(backtest_cell(returns, means[window_index(windows, c.short_window)],
                                  means[window_index(windows, c.long_window)], c));
  }
  return table;
}

}  // namespace parlab::backtest_grid
