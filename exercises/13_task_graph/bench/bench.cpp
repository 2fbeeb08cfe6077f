// The node costs behind the lesson's work / span, and the graph's time
// against thread count:
//   build/release/bin/13_task_graph/exercise/bench --benchmark_counters_tabular=true
// BM_Stage/k times stage k of ONE asset's year of bars (0 load, 1 clean,
// 2 features) and BM_Stage/3 the join of 8 such assets: work W = 8 x (load +
// clean + features) + join, span S = load + clean + features + join, and no
// schedule on any number of threads beats W / S.
#include <benchmark/benchmark.h>

#include <vector>

#include "parlab/bench.hpp"
#include "task_graph.hpp"

namespace {

namespace tg = parlab::task_graph;

constexpr std::uint64_t kBars = tg::kAssets * tg::kBarsPerYear;  // the timed size

void BM_Stage(benchmark::State& state) {
  const std::uint64_t seed = tg::asset_seed(1, 0);
  const tg::Bars bars = tg::load_bars(seed, tg::kBarsPerYear);
  const tg::CleanBars clean = tg::clean_bars(bars);
  std::vector<tg::AssetFeatures> features;
  for (std::size_t k = 0; k < tg::kAssets; ++k) {
    features.push_back(tg::asset_features(tg::clean_bars(tg::load_bars(tg::asset_seed(1, k), tg::kBarsPerYear))));
  }
  std::vector<const tg::AssetFeatures*> pointers;
  for (const tg::AssetFeatures& f : features) pointers.push_back(&f);
  for (auto _ : state) {
    switch (state.range(0)) {
      case 0: benchmark::DoNotOptimize(tg::load_bars(seed, tg::kBarsPerYear)); break;
      case 1: benchmark::DoNotOptimize(tg::clean_bars(bars)); break;
      case 2: benchmark::DoNotOptimize(tg::asset_features(clean)); break;
      default: benchmark::DoNotOptimize(tg::join_assets(pointers)); break;
    }
  }
}
BENCHMARK(BM_Stage)->DenseRange(0, 3)->Unit(benchmark::kMillisecond);

void BM_Baseline(benchmark::State& state) {
  for (auto _ : state) {
    tg::Graph graph;
    const auto result = tg::build_pipeline(graph, kBars, 1);
    tg::baseline::run_graph(graph);
    benchmark::DoNotOptimize(result.get());
  }
}
BENCHMARK(BM_Baseline)->Unit(benchmark::kMillisecond)->UseRealTime();

void BM_RunGraph(benchmark::State& state) {
  const auto threads = static_cast<unsigned>(state.range(0));
  for (auto _ : state) {
    tg::Graph graph;
    const auto result = tg::build_pipeline(graph, kBars, 1);
    tg::run_graph(graph, threads);
    benchmark::DoNotOptimize(result.get());
  }
}
// Wall time is what parallelism buys, so measure real time, not CPU time.
// Watch 3 threads: 8 chains take 3 rounds (3 + 3 + 2), at most 8/3 = 2.67x.
BENCHMARK(BM_RunGraph)
    ->Apply(parlab::bench::threads<1, 2, 3, 4, 8, 16>)
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();

}  // namespace
