// Explore time against thread count, and see why a static split loses:
//   build/release/bin/08_backtest_grid/exercise/bench --benchmark_counters_tabular=true
// BM_Split/<threads>/<how> runs the two loops of the backtest by hand with
// std::jthread, each thread timing its own work:
//   how 0 = static:  thread i gets the i-th contiguous block of windows, then of cells;
//   how 1 = cyclic:  thread i gets windows i, i+T, i+2T, ... (and cells likewise);
//   how 2 = dynamic: each thread takes the next task from an atomic counter.
// Counters: loop1_max/loop1_min = the CPU time of the busiest and of the
// idlest thread in loop 1 (the rolling means), loop2_max/loop2_min the same
// for the cells. CPU time is the work a thread was given, even on a busy
// machine; on an idle one, a loop's wall time is its busiest thread's.
#include <benchmark/benchmark.h>
#include <time.h>

#include <algorithm>
#include <atomic>
#include <thread>
#include <vector>

#include "backtest_grid.hpp"
#include "parlab/bench.hpp"

namespace {

namespace bg = parlab::backtest_grid;

constexpr std::uint64_t kDays = 10 * bg::kDaysPerYear;  // the lecture's ten years

const std::vector<double>& prices() {
  static const std::vector<double> p = bg::synthetic_prices(kDays, 1);
  return p;
}

void set_rate(benchmark::State& state) {
  state.counters["cells/s"] = benchmark::Counter(7830.0, benchmark::Counter::kIsIterationInvariantRate);
}

void BM_Baseline(benchmark::State& state) {
  const bg::Grid grid = bg::lecture_grid();
  for (auto _ : state) benchmark::DoNotOptimize(bg::baseline::backtest_grid(prices(), grid));
  set_rate(state);
}
BENCHMARK(BM_Baseline)->Unit(benchmark::kMillisecond)->UseRealTime();

void BM_BacktestGrid(benchmark::State& state) {
  const auto threads = static_cast<unsigned>(state.range(0));
  const bg::Grid grid = bg::lecture_grid();
  for (auto _ : state) benchmark::DoNotOptimize(bg::backtest_grid(prices(), grid, threads));
  set_rate(state);
}
// Wall time is what parallelism buys, so measure real time, not CPU time.
BENCHMARK(BM_BacktestGrid)
    ->Apply(parlab::bench::threads<1, 2, 3, 4, 8>)
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();

enum class How { kStatic = 0, kCyclic = 1, kDynamic = 2 };

// CPU time of the calling thread, in ms (POSIX).
double thread_cpu_ms() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return 1e3 * static_cast<double>(ts.tv_sec) + 1e-6 * static_cast<double>(ts.tv_nsec);
}

// Runs task(i) for i in [0, n) on `threads` jthreads split as `how` says;
// busy[w] = the CPU time thread w spent in its tasks.
template <class Task>
void run_split(std::size_t n, unsigned threads, How how, std::vector<double>& busy, const Task& task) {
  std::atomic<std::size_t> next{0};
  auto worker = [&](unsigned w) {
    const double start = thread_cpu_ms();
    if (how == How::kStatic) {
      const std::size_t first = n * w / threads;
      const std::size_t last = n * (w + 1) / threads;
      for (std::size_t i = first; i < last; ++i) task(i);
    } else if (how == How::kCyclic) {
      for (std::size_t i = w; i < n; i += threads) task(i);
    } else {
      for (std::size_t i = next.fetch_add(1); i < n; i = next.fetch_add(1)) task(i);
    }
    busy[w] = thread_cpu_ms() - start;
  };
  std::vector<std::jthread> pool;
  for (unsigned w = 1; w < threads; ++w) pool.emplace_back(worker, w);
  worker(0);
}

void BM_Split(benchmark::State& state) {
  const auto threads = static_cast<unsigned>(state.range(0));
  const auto how = static_cast<How>(state.range(1));
  const bg::Grid grid = bg::lecture_grid();
  const auto cells = bg::cells_of(grid);
  const auto windows = bg::windows_of(cells);
  const auto returns = bg::daily_returns(prices());
  std::vector<double> busy1(threads);
  std::vector<double> busy2(threads);
  double max1 = 0;
  double min1 = 0;
  double max2 = 0;
  double min2 = 0;
  for (auto _ : state) {
    std::vector<std::vector<double>> means(windows.size());
    std::vector<bg::CellResult> table(cells.size());
    run_split(windows.size(), threads, how, busy1,
              [&](std::size_t i) { means[i] = bg::rolling_mean(prices(), windows[i]); });
    run_split(cells.size(), threads, how, busy2, [&](std::size_t k) {
      table[k] = bg::backtest_cell(returns, means[bg::window_index(windows, cells[k].short_window)],
                                   means[bg::window_index(windows, cells[k].long_window)], cells[k]);
    });
    benchmark::DoNotOptimize(table.data());
    max1 += *std::max_element(busy1.begin(), busy1.end());
    min1 += *std::min_element(busy1.begin(), busy1.end());
    max2 += *std::max_element(busy2.begin(), busy2.end());
    min2 += *std::min_element(busy2.begin(), busy2.end());
  }
  const auto runs = static_cast<double>(state.iterations());
  state.counters["loop1_max_ms"] = max1 / runs;
  state.counters["loop1_min_ms"] = min1 / runs;
  state.counters["loop2_max_ms"] = max2 / runs;
  state.counters["loop2_min_ms"] = min2 / runs;
}
BENCHMARK(BM_Split)
    ->ArgsProduct({{1, 2, 3}, {0, 1, 2}})
    ->ArgNames({"threads", "how"})
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();

}  // namespace
