// Explore time against thread count, and the two ways to split the work:
//   build/release/bin/10_correlation_matrix/exercise/bench --benchmark_counters_tabular=true
// 500 assets, 32 windows of 250 days. GFLOP/s counts 2 flops per day and
// cell (i < j).
//   BM_Generation        the synthetic returns alone (not timed work)
//   BM_Baseline          the kit's sequential baseline
//   BM_PanelBands/T      inside each window, panels in T contiguous bands:
//                        band 0 holds the cheap panels, the last band the
//                        dear ones (the triangle). "imbalance" = the slowest
//                        thread's kernel time / the mean.
//   BM_PanelsDynamic/T   inside each window, panels from an atomic counter,
//                        most expensive first (std::jthreads started per window)
//   BM_PanelsTbb/T       the same with tbb::parallel_for (a pool, no starts)
//   BM_Rolling/T         your rolling_correlations
#include <benchmark/benchmark.h>
#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>
#include <tbb/task_arena.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <thread>
#include <vector>

#include "correlation_matrix.hpp"
#include "parlab/bench.hpp"

namespace {

namespace cm = parlab::correlation_matrix;

constexpr std::size_t kAssets = 500;
constexpr cm::Windows kWindows{.count = 32};

const cm::Returns& market() {
  static const cm::Returns r = cm::synthetic_returns(kAssets, kWindows.days_needed(), 1);
  return r;
}

void set_rate(benchmark::State& state) {
  const double cells = kAssets * (kAssets - 1) / 2.0;
  state.counters["GFLOP/s"] = benchmark::Counter(2.0 * cells * kWindows.length * kWindows.count * 1e-9,
                                                 benchmark::Counter::kIsIterationInvariantRate);
}

void BM_Generation(benchmark::State& state) {
  for (auto _ : state) benchmark::DoNotOptimize(cm::synthetic_returns(kAssets, kWindows.days_needed(), 1));
}
BENCHMARK(BM_Generation)->Unit(benchmark::kMillisecond)->UseRealTime();

void BM_Baseline(benchmark::State& state) {
  for (auto _ : state) benchmark::DoNotOptimize(cm::baseline::rolling_correlations(market(), kWindows));
  set_rate(state);
}
BENCHMARK(BM_Baseline)->Unit(benchmark::kMillisecond)->UseRealTime();

// The three parts of ONE window, on one thread: what a split inside a
// window must parallelise (standardise, correlate) or leave sequential
// (the summary, unless you split it too).
void BM_WindowStandardize(benchmark::State& state) {
  cm::Standardized z(kAssets, kWindows.length);
  for (auto _ : state) {
    for (std::size_t p = 0; p < z.panels(); ++p) benchmark::DoNotOptimize(z.fill_panel(market(), 0, p));
  }
}
BENCHMARK(BM_WindowStandardize)->Unit(benchmark::kMicrosecond)->UseRealTime();

void BM_WindowCorrelate(benchmark::State& state) {
  cm::Standardized z(kAssets, kWindows.length);
  for (std::size_t p = 0; p < z.panels(); ++p) (void)z.fill_panel(market(), 0, p);
  cm::CorrelationMatrix m(kAssets);
  for (auto _ : state) {
    for (std::size_t p = 0; p < z.panels(); ++p) cm::correlate_panel(z, p, m);
    benchmark::DoNotOptimize(m.cells.data());
  }
}
BENCHMARK(BM_WindowCorrelate)->Unit(benchmark::kMicrosecond)->UseRealTime();

void BM_WindowSummarize(benchmark::State& state) {
  const cm::CorrelationMatrix m(kAssets);
  for (auto _ : state) benchmark::DoNotOptimize(cm::summarize(m));
}
BENCHMARK(BM_WindowSummarize)->Unit(benchmark::kMicrosecond)->UseRealTime();

// One window at a time, split inside: step 1 (panels split evenly: every
// panel standardises the same number of series), then step 2 with
// panels_of(t) giving thread t its panels. Returns the per-thread kernel
// seconds, summed over the windows.
template <class Split>
std::vector<double> inside_windows(std::size_t threads, const Split& split) {
  const cm::Returns& r = market();
  cm::Standardized z(kAssets, kWindows.length);
  cm::CorrelationMatrix m(kAssets);
  std::vector<double> busy(threads, 0.0);
  for (std::size_t w = 0; w < kWindows.count; ++w) {
    std::atomic<std::size_t> next{0};
    std::vector<std::jthread> pool;
    for (std::size_t t = 0; t < threads; ++t) {
      pool.emplace_back([&, t] {
        for (std::size_t p = t; p < z.panels(); p += threads) (void)z.fill_panel(r, kWindows.first_day(w), p);
      });
    }
    pool.clear();  // joins: every panel is standardised before any is correlated
    for (std::size_t t = 0; t < threads; ++t) {
      pool.emplace_back([&, t] {
        const auto start = std::chrono::steady_clock::now();
        split(t, threads, z.panels(), next, [&](std::size_t p) { cm::correlate_panel(z, p, m); });
        busy[t] += std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
      });
    }
    pool.clear();
    benchmark::DoNotOptimize(cm::summarize(m));
  }
  return busy;
}

void report_imbalance(benchmark::State& state, const std::vector<double>& busy) {
  double sum = 0.0;
  for (const double b : busy) sum += b;
  state.counters["imbalance"] = *std::max_element(busy.begin(), busy.end()) / (sum / static_cast<double>(busy.size()));
}

void BM_PanelBands(benchmark::State& state) {
  const auto threads = static_cast<std::size_t>(state.range(0));
  std::vector<double> busy;
  for (auto _ : state) {
    busy = inside_windows(threads, [](std::size_t t, std::size_t T, std::size_t panels, auto&, const auto& job) {
      for (std::size_t p = panels * t / T; p < panels * (t + 1) / T; ++p) job(p);  // equal panels, unequal work
    });
  }
  set_rate(state);
  report_imbalance(state, busy);
}
BENCHMARK(BM_PanelBands)->Apply(parlab::bench::threads<1, 2, 4>)->Unit(benchmark::kMillisecond)->UseRealTime();

void BM_PanelsDynamic(benchmark::State& state) {
  const auto threads = static_cast<std::size_t>(state.range(0));
  std::vector<double> busy;
  for (auto _ : state) {
    busy = inside_windows(threads, [](std::size_t, std::size_t, std::size_t panels, auto& next, const auto& job) {
      for (std::size_t i = next.fetch_add(1, std::memory_order_relaxed); i < panels;
           i = next.fetch_add(1, std::memory_order_relaxed)) {
        job(panels - 1 - i);  // most expensive first: the last ones handed out are the cheapest
      }
    });
  }
  set_rate(state);
  report_imbalance(state, busy);
}
BENCHMARK(BM_PanelsDynamic)->Apply(parlab::bench::threads<1, 2, 4>)->Unit(benchmark::kMillisecond)->UseRealTime();

// (b) with oneTBB's pool: no threads started per window, work stealing over
// the panels (grain 1, most expensive first).
void BM_PanelsTbb(benchmark::State& state) {
  const auto threads = static_cast<int>(state.range(0));
  const cm::Returns& r = market();
  tbb::task_arena arena(threads);
  for (auto _ : state) {
    arena.execute([&] {
      cm::Standardized z(kAssets, kWindows.length);
      cm::CorrelationMatrix m(kAssets);
      const std::size_t panels = z.panels();
      for (std::size_t w = 0; w < kWindows.count; ++w) {
        tbb::parallel_for(std::size_t{0}, panels, [&](std::size_t p) { (void)z.fill_panel(r, kWindows.first_day(w), p); });
        tbb::parallel_for(
            tbb::blocked_range<std::size_t>(0, panels, 1),
            [&](const tbb::blocked_range<std::size_t>& b) {
              for (std::size_t i = b.begin(); i < b.end(); ++i) cm::correlate_panel(z, panels - 1 - i, m);
            },
            tbb::simple_partitioner());
        benchmark::DoNotOptimize(cm::summarize(m));
      }
    });
  }
  set_rate(state);
}
BENCHMARK(BM_PanelsTbb)->Apply(parlab::bench::threads<1, 2, 4>)->Unit(benchmark::kMillisecond)->UseRealTime();

void BM_Rolling(benchmark::State& state) {
  const auto threads = static_cast<unsigned>(state.range(0));
  for (auto _ : state) benchmark::DoNotOptimize(cm::rolling_correlations(market(), kWindows, threads));
  set_rate(state);
}
// Wall time is what parallelism buys, so measure real time, not CPU time.
BENCHMARK(BM_Rolling)->Apply(parlab::bench::threads<1, 2, 3, 4, 8>)->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace
