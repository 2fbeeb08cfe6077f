// Explore time against thread count:
//   build/release/bin/05_option_strikes/exercise/bench --benchmark_counters_tabular=true
// Watch 3 threads: eight equal tasks take three rounds (3 + 3 + 2), so the
// best it can do is 8/3 = 2.67x, not 3x. Beyond 8 threads nothing improves.
#include <benchmark/benchmark.h>

#include <vector>

#include "option_strikes.hpp"
#include "parlab/bench.hpp"

namespace {

namespace os = parlab::option_strikes;

constexpr std::uint64_t kPaths = 500'000;

void set_rate(benchmark::State& state, std::size_t strikes) {
  state.counters["paths/s"] = benchmark::Counter(static_cast<double>(kPaths * strikes),
                                                 benchmark::Counter::kIsIterationInvariantRate);
}

void BM_Baseline(benchmark::State& state) {
  const std::vector<double> strikes = os::lecture_strikes();
  for (auto _ : state) {
    benchmark::DoNotOptimize(os::baseline::price_calls({}, strikes, kPaths, 1));
  }
  set_rate(state, strikes.size());
}
BENCHMARK(BM_Baseline)->Unit(benchmark::kMillisecond)->UseRealTime();

void BM_PriceCalls(benchmark::State& state) {
  const auto threads = static_cast<unsigned>(state.range(0));
  const std::vector<double> strikes = os::lecture_strikes();
  for (auto _ : state) {
    benchmark::DoNotOptimize(os::price_calls({}, strikes, kPaths, 1, threads));
  }
  set_rate(state, strikes.size());
}
// Wall time is what parallelism buys, so measure real time, not CPU time.
BENCHMARK(BM_PriceCalls)
    ->Apply(parlab::bench::threads<1, 2, 3, 4, 8, 16>)
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();

}  // namespace
