// Explore time against TBB's thread limit, on the lecture's 100 million samples:
//   build/release/bin/06_parallel_pi/exercise/bench --benchmark_counters_tabular=true
// For comparison, Numba's @njit(parallel=True) takes about 1.1 s for this on
// 2 cores (lecture, "Run with 100 million samples").
#include <benchmark/benchmark.h>
#include <tbb/global_control.h>

#include <cstddef>

#include "parallel_pi.hpp"
#include "parlab/bench.hpp"

namespace {

constexpr std::uint64_t kSamples = 100'000'000;

void set_throughput(benchmark::State& state) {
  state.counters["samples/s"] = benchmark::Counter(static_cast<double>(kSamples),
                                                   benchmark::Counter::kIsIterationInvariantRate);
}

void BM_Baseline(benchmark::State& state) {
  for (auto _ : state) {
    benchmark::DoNotOptimize(parlab::parallel_pi::baseline::estimate_pi(kSamples, 1));
  }
  set_throughput(state);
}
BENCHMARK(BM_Baseline)->Unit(benchmark::kMillisecond)->UseRealTime();

void BM_EstimatePi(benchmark::State& state) {
  // estimate_pi() has no thread argument: cap TBB's pool instead.
  const tbb::global_control limit(tbb::global_control::max_allowed_parallelism,
                                  static_cast<std::size_t>(state.range(0)));
  for (auto _ : state) {
    benchmark::DoNotOptimize(parlab::parallel_pi::estimate_pi(kSamples, 1));
  }
  set_throughput(state);
}
// Wall time is what parallelism buys, so measure real time, not CPU time.
BENCHMARK(BM_EstimatePi)
    ->Apply(parlab::bench::threads<1, 2, 4, 8>)
    ->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace
