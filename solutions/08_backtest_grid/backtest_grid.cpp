// Reference solution, exercise 08: both loops of the backtest as
// tbb::parallel_for inside a tbb::task_arena of `threads` threads.
//
// The tasks are independent but NOT equal: rolling_mean(w) costs w additions
// a day (window 200 is 40 times window 5), and a cell costs D - long days. A
// static split (thread 0 the first half of the windows, thread 1 the second)
// leaves thread 0 idle for most of loop 1, because its half is the cheap one.
// TBB instead splits a range only as far as it must and lets an idle thread
// steal the not-yet-started half of a busy thread's range: the work is handed
// out dynamically, as an atomic counter over tasks would do by hand.
//
// Every task writes only its own slot (means[i], table[k]), each cell is
// computed start to end by the one thread that runs it, and the kit kernels
// sum in day order: the table is bit for bit the baseline's, whatever the
// schedule. parallel_for returns only when all its tasks are done, and that
// return orders their writes before the code after it: loop 2 sees every mean.
#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>
#include <tbb/partitioner.h>
#include <tbb/task_arena.h>

#include <algorithm>

#include "backtest_grid.hpp"

namespace parlab::backtest_grid {

namespace {

// Cells per chunk of loop 2: a cell is D - long days of about 1 ns each
// (~3 us on ten years of data), so 16 cells make a chunk of ~50 us, big
// enough that scheduling it costs nothing, and the lecture's 7830 cells
// still give hundreds of chunks to balance with.
constexpr std::size_t kCellsPerChunk = 16;

}  // namespace

std::vector<CellResult> backtest_grid(std::span<const double> prices, const Grid& grid, unsigned threads) {
  const std::vector<Cell> cells = cells_of(grid);
  const std::vector<std::uint32_t> windows = windows_of(cells);
  const Returns returns = daily_returns(prices);  // D divisions: not worth a thread
  std::vector<std::vector<double>> means(windows.size());
  std::vector<CellResult> table(cells.size());

  // At most `threads` threads take part in what runs inside this arena.
  tbb::task_arena arena(static_cast<int>(std::max(1U, threads)));
  arena.execute([&] {
    // Loop 1: one task per window. simple_partitioner with grain 1 makes
    // every window a task of its own: the costs differ 40-fold (window 5 is
    // ~8 us on ten years of data, window 200 ~300 us), and 196 such tasks
    // cost nothing to schedule.
    tbb::parallel_for(
        tbb::blocked_range<std::size_t>(0, windows.size(), 1),
        [&](const tbb::blocked_range<std::size_t>& r) {
          for (std::size_t i = r.begin(); i != r.end(); ++i) means[i] = rolling_mean(prices, windows[i]);
        },
        tbb::simple_partitioner{});

    // Loop 2: the cells, in chunks of about kCellsPerChunk; the default
    // (auto) partitioner splits further when a thread runs dry.
    tbb::parallel_for(tbb::blocked_range<std::size_t>(0, cells.size(), kCellsPerChunk),
                      [&](const tbb::blocked_range<std::size_t>& r) {
                        for (std::size_t k = r.begin(); k != r.end(); ++k) {
                          const Cell c = cells[k];
                          table[k] = backtest_cell(returns, means[window_index(windows, c.short_window)],
                                                   means[window_index(windows, c.long_window)], c);
                        }
                      });
  });
  return table;
}

}  // namespace parlab::backtest_grid
