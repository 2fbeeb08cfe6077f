// Explore time against thread count, and see false sharing for yourself:
//   build/release/bin/02_slow_sum/exercise/bench --benchmark_counters_tabular=true
//
// BM_FalseSharing_* are demo kernels, not your code: both split the work like
// a correct solution, but every thread adds into its slot of a shared array
// on every iteration. With the slots packed side by side they share one cache
// line, which the cores must pass back and forth on every write; padded to
// one line each, the same writes cost almost nothing extra.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <cstdint>
#include <thread>
#include <vector>

#include "parlab/bench.hpp"
#include "slow_sum.hpp"

namespace {

namespace ss = parlab::slow_sum;

constexpr std::uint64_t kTerms = 100'000'000;

void set_throughput(benchmark::State& state) {
  state.counters["terms/s"] = benchmark::Counter(static_cast<double>(kTerms),
                                                 benchmark::Counter::kIsIterationInvariantRate);
}

void BM_Baseline(benchmark::State& state) {
  for (auto _ : state) benchmark::DoNotOptimize(ss::baseline::sum_terms(0, kTerms));
  set_throughput(state);
}
BENCHMARK(BM_Baseline)->Unit(benchmark::kMillisecond)->UseRealTime();

void BM_SumTerms(benchmark::State& state) {
  const auto threads = static_cast<unsigned>(state.range(0));
  for (auto _ : state) benchmark::DoNotOptimize(ss::sum_terms(0, kTerms, threads));
  set_throughput(state);
}
// Wall time is what parallelism buys, so measure real time, not CPU time.
BENCHMARK(BM_SumTerms)
    ->Apply(parlab::bench::threads<1, 2, 4, 8>)
    ->Unit(benchmark::kMillisecond)->UseRealTime();

// The demo kernel: thread t runs `slots[t] += term(i)` for its block.
// `volatile` forces a load and a store to memory on every iteration. Without
// it the optimiser keeps slots[t] in a register, which is exactly the fix;
// real code loses that when the loop calls a function the compiler cannot
// see into, or in a debug build.
template <typename Slot>
std::uint64_t sum_into_shared_slots(std::uint64_t count, unsigned threads) {
  std::vector<Slot> slots(threads);
  const auto work = [&](unsigned t) {
    volatile std::uint64_t& mine = slots[t].sum;
    for (std::uint64_t i = count * t / threads, end = count * (t + 1) / threads; i < end; ++i) {
      mine = mine + ss::term(i);
    }
  };
  {
    std::vector<std::jthread> workers;
    for (unsigned t = 1; t < threads; ++t) workers.emplace_back(work, t);
    work(0);
  }
  std::uint64_t total = 0;
  for (const Slot& s : slots) total += s.sum;
  return total;
}

// Eight bytes per slot: up to eight threads write into the same 64-byte line.
struct PackedSlot {
  std::uint64_t sum = 0;
};
// One 64-byte cache line per slot (std::hardware_destructive_interference_size
// where the compiler provides it; clang 14 with libstdc++ does not).
struct alignas(64) PaddedSlot {
  std::uint64_t sum = 0;
};

void BM_FalseSharing_PackedSlots(benchmark::State& state) {
  const auto threads = static_cast<unsigned>(state.range(0));
  for (auto _ : state) benchmark::DoNotOptimize(sum_into_shared_slots<PackedSlot>(kTerms, threads));
  set_throughput(state);
}
BENCHMARK(BM_FalseSharing_PackedSlots)
    ->Apply(parlab::bench::threads<1, 2, 4>)
    ->Unit(benchmark::kMillisecond)->UseRealTime();

void BM_FalseSharing_PaddedSlots(benchmark::State& state) {
  const auto threads = static_cast<unsigned>(state.range(0));
  for (auto _ : state) benchmark::DoNotOptimize(sum_into_shared_slots<PaddedSlot>(kTerms, threads));
  set_throughput(state);
}
BENCHMARK(BM_FalseSharing_PaddedSlots)
    ->Apply(parlab::bench::threads<1, 2, 4>)
    ->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace
