// Explore time against thread count, and what each phase costs:
//   build/release/bin/07_monte_carlo_var/exercise/bench --benchmark_counters_tabular=true
// BM_Phase1 is the simulation alone (one thread); the BM_Phase2 rows find the
// VaR and CVaR in an array already simulated: the lecture's full sort, the
// baseline's nth_element + tail sort, and oneTBB's parallel_sort of all n.
// Phase 1 over the baseline's total is the part that parallelises for free;
// the rest is what Amdahl's law charges you if phase 2 stays sequential.
#include <benchmark/benchmark.h>
#include <tbb/global_control.h>
#include <tbb/parallel_sort.h>

#include <algorithm>
#include <vector>

#include "monte_carlo_var.hpp"
#include "parlab/bench.hpp"

namespace {

namespace mv = parlab::monte_carlo_var;

constexpr std::uint64_t kSims = 4'000'000;

void set_rate(benchmark::State& state) {
  state.counters["sims/s"] =
      benchmark::Counter(static_cast<double>(kSims), benchmark::Counter::kIsIterationInvariantRate);
}

void BM_Baseline(benchmark::State& state) {
  const auto portfolio = mv::lecture_portfolio();
  for (auto _ : state) benchmark::DoNotOptimize(mv::baseline::calculate_var(portfolio, kSims, 1));
  set_rate(state);
}
BENCHMARK(BM_Baseline)->Unit(benchmark::kMillisecond)->UseRealTime();

void BM_CalculateVar(benchmark::State& state) {
  const auto threads = static_cast<unsigned>(state.range(0));
  const auto portfolio = mv::lecture_portfolio();
  for (auto _ : state) benchmark::DoNotOptimize(mv::calculate_var(portfolio, kSims, 1, threads));
  set_rate(state);
}
// Wall time is what parallelism buys, so measure real time, not CPU time.
BENCHMARK(BM_CalculateVar)
    ->Apply(parlab::bench::threads<1, 2, 3, 4, 8>)
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();

void BM_Phase1_Simulate(benchmark::State& state) {
  const auto portfolio = mv::lecture_portfolio();
  std::vector<double> returns(kSims);
  for (auto _ : state) {
    mv::simulate_returns(portfolio, 1, 0, returns);
    benchmark::DoNotOptimize(returns.data());
  }
  set_rate(state);
}
BENCHMARK(BM_Phase1_Simulate)->Unit(benchmark::kMillisecond)->UseRealTime();

// Each iteration sorts a fresh copy of the same simulated returns (the copy
// is timed too: about 2 ms, the same in every row).
template <typename Phase2>
void phase2(benchmark::State& state, Phase2 find) {
  const auto portfolio = mv::lecture_portfolio();
  std::vector<double> simulated(kSims);
  mv::simulate_returns(portfolio, 1, 0, simulated);
  std::vector<double> returns;
  for (auto _ : state) {
    returns = simulated;
    benchmark::DoNotOptimize(find(returns));
  }
  set_rate(state);
}

double tail_sum(const std::vector<double>& sorted_front) {
  double sum = 0.0;
  for (std::uint64_t i = 0; i <= mv::var_index(kSims); ++i) sum += sorted_front[i];
  return sum;
}

void BM_Phase2_FullSort(benchmark::State& state) {  // the lecture's returns.sort()
  phase2(state, [](std::vector<double>& r) {
    std::sort(r.begin(), r.end());
    return tail_sum(r);
  });
}
BENCHMARK(BM_Phase2_FullSort)->Unit(benchmark::kMillisecond)->UseRealTime();

void BM_Phase2_NthElement(benchmark::State& state) {  // the baseline's
  phase2(state, [](std::vector<double>& r) {
    const auto k = static_cast<std::ptrdiff_t>(mv::var_index(kSims));
    std::nth_element(r.begin(), r.begin() + k, r.end());
    std::sort(r.begin(), r.begin() + k + 1);
    return tail_sum(r);
  });
}
BENCHMARK(BM_Phase2_NthElement)->Unit(benchmark::kMillisecond)->UseRealTime();

void BM_Phase2_TbbParallelSort(benchmark::State& state) {  // all n, on `threads` threads
  const tbb::global_control limit(tbb::global_control::max_allowed_parallelism,
                                  static_cast<std::size_t>(state.range(0)));
  phase2(state, [](std::vector<double>& r) {
    tbb::parallel_sort(r.begin(), r.end());
    return tail_sum(r);
  });
}
BENCHMARK(BM_Phase2_TbbParallelSort)
    ->Apply(parlab::bench::threads<1, 2, 4>)
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();

}  // namespace
