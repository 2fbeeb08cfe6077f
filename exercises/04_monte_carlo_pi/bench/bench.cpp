// Explore time against thread count:
//   build/release/bin/04_monte_carlo_pi/exercise/bench --benchmark_counters_tabular=true
#include <benchmark/benchmark.h>

#include "monte_carlo_pi.hpp"
#include "parlab/bench.hpp"
#include "parlab/random.hpp"

namespace {

constexpr std::uint64_t kSamples = 20'000'000;

void BM_Baseline(benchmark::State& state) {
  for (auto _ : state) {
    benchmark::DoNotOptimize(parlab::monte_carlo_pi::baseline::estimate_pi(kSamples, 1));
  }
  state.counters["samples/s"] = benchmark::Counter(static_cast<double>(kSamples),
                                                   benchmark::Counter::kIsIterationInvariantRate);
}
BENCHMARK(BM_Baseline)->Unit(benchmark::kMillisecond)->UseRealTime();

// The same samples drawn one call at a time (rng::uniform_point), on one
// core: what the baseline's blocks (rng::PointBlock, SIMD) save per core.
void BM_OneCallPerSample(benchmark::State& state) {
  namespace rng = parlab::rng;
  for (auto _ : state) {
    std::uint64_t hits = 0;
    for (std::uint64_t i = 0; i < kSamples; ++i) hits += rng::inside_unit_circle(rng::uniform_point(1, i)) ? 1U : 0U;
    benchmark::DoNotOptimize(hits);
  }
  state.counters["samples/s"] = benchmark::Counter(static_cast<double>(kSamples),
                                                   benchmark::Counter::kIsIterationInvariantRate);
}
BENCHMARK(BM_OneCallPerSample)->Unit(benchmark::kMillisecond)->UseRealTime();

void BM_EstimatePi(benchmark::State& state) {
  const auto threads = static_cast<unsigned>(state.range(0));
  for (auto _ : state) {
    benchmark::DoNotOptimize(parlab::monte_carlo_pi::estimate_pi(kSamples, threads, 1));
  }
  state.counters["samples/s"] = benchmark::Counter(static_cast<double>(kSamples),
                                                   benchmark::Counter::kIsIterationInvariantRate);
}
// Wall time is what parallelism buys, so measure real time, not CPU time.
BENCHMARK(BM_EstimatePi)
    ->Apply(parlab::bench::threads<1, 2, 4, 8>)
    ->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace
