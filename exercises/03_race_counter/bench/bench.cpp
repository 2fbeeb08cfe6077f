// Explore time against thread count, and four ways to share one counter:
//   build/release/bin/03_race_counter/exercise/bench --benchmark_counters_tabular=true
//
// The BM_Demo_* kernels below are demonstrations that live only in this
// benchmark, written out so the README's table can be reproduced:
//   RacySharedCounter       the lecture's bug: `counter += 1` on a shared
//                           plain integer. Wrong counts, and undefined
//                           behaviour (the optimiser may even keep the counter
//                           in a register and lose whole blocks). Never ship this.
//   MutexPerIncrement       the lecture's fix, `with lock: counter += 1`.
//   AtomicPerIncrement      std::atomic fetch_add for every event.
//   LocalCountCombineOnce   a private count per thread, added once at the end.
// BM_CountEvents is your count_events(), whatever race_counter.cpp holds now.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <atomic>
#include <mutex>
#include <thread>
#include <vector>

#include "parlab/bench.hpp"
#include "race_counter.hpp"

namespace {

namespace rc = parlab::race_counter;

constexpr std::uint64_t kItems = 100'000'000;
constexpr std::uint64_t kSeed = 1;

// Runs body(begin, end) for `threads` contiguous blocks of [0, n), one thread each.
template <typename Body>
void run_blocks(std::uint64_t n, unsigned threads, Body body) {
  std::vector<std::jthread> workers;
  for (unsigned t = 0; t < threads; ++t) {
    const std::uint64_t begin = n / threads * t;
    const std::uint64_t end = t + 1 == threads ? n : n / threads * (t + 1);
    workers.emplace_back([=] { body(begin, end); });
  }
}

std::uint64_t racy_shared_counter(std::uint64_t n, unsigned threads, std::uint64_t seed) {
  std::uint64_t counter = 0;
  run_blocks(n, threads, [&counter, seed](std::uint64_t begin, std::uint64_t end) {
    for (std::uint64_t i = begin; i < end; ++i) {
      if (rc::is_event(seed, i)) counter += 1;  // a data race, on purpose
    }
  });
  return counter;
}

std::uint64_t mutex_per_increment(std::uint64_t n, unsigned threads, std::uint64_t seed) {
  std::uint64_t counter = 0;
  std::mutex lock;
  run_blocks(n, threads, [&](std::uint64_t begin, std::uint64_t end) {
    for (std::uint64_t i = begin; i < end; ++i) {
      if (rc::is_event(seed, i)) {
        const std::scoped_lock guard(lock);
        counter += 1;
      }
    }
  });
  return counter;
}

std::uint64_t atomic_per_increment(std::uint64_t n, unsigned threads, std::uint64_t seed) {
  std::atomic<std::uint64_t> counter{0};
  run_blocks(n, threads, [&counter, seed](std::uint64_t begin, std::uint64_t end) {
    for (std::uint64_t i = begin; i < end; ++i) {
      if (rc::is_event(seed, i)) counter.fetch_add(1, std::memory_order_relaxed);
    }
  });
  return counter.load();
}

std::uint64_t local_count_combine_once(std::uint64_t n, unsigned threads, std::uint64_t seed) {
  std::atomic<std::uint64_t> counter{0};
  run_blocks(n, threads, [&counter, seed](std::uint64_t begin, std::uint64_t end) {
    std::uint64_t events = 0;
    for (std::uint64_t i = begin; i < end; ++i) events += rc::is_event(seed, i) ? 1U : 0U;
    counter.fetch_add(events, std::memory_order_relaxed);
  });
  return counter.load();
}

void set_counters(benchmark::State& state, std::uint64_t got) {
  state.counters["items/s"] = benchmark::Counter(static_cast<double>(kItems),
                                                 benchmark::Counter::kIsIterationInvariantRate);
  // 1 when the last run's count was right: the racy kernel shows its lost updates here.
  static const std::uint64_t expected = rc::baseline::count_events(kItems, kSeed);
  state.counters["correct"] = got == expected ? 1.0 : 0.0;
}

void BM_Baseline(benchmark::State& state) {
  std::uint64_t got = 0;
  for (auto _ : state) {
    got = rc::baseline::count_events(kItems, kSeed);
    benchmark::DoNotOptimize(got);
  }
  set_counters(state, got);
}
BENCHMARK(BM_Baseline)->Unit(benchmark::kMillisecond)->UseRealTime();

template <std::uint64_t (*Kernel)(std::uint64_t, unsigned, std::uint64_t)>
void BM_Demo(benchmark::State& state) {
  const auto threads = static_cast<unsigned>(state.range(0));
  std::uint64_t seed = kSeed;
  benchmark::DoNotOptimize(seed);  // a run-time seed, as in count_events(): nothing precomputed
  std::uint64_t got = 0;
  for (auto _ : state) {
    got = Kernel(kItems, threads, seed);
    benchmark::DoNotOptimize(got);
  }
  set_counters(state, got);
}
// Wall time is what parallelism buys, so measure real time, not CPU time.
BENCHMARK(BM_Demo<racy_shared_counter>)
    ->Name("BM_Demo_RacySharedCounter")->Apply(parlab::bench::threads<1, 2, 4>)
    ->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(BM_Demo<mutex_per_increment>)
    ->Name("BM_Demo_MutexPerIncrement")->Apply(parlab::bench::threads<1, 2, 4>)
    ->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(BM_Demo<atomic_per_increment>)
    ->Name("BM_Demo_AtomicPerIncrement")->Apply(parlab::bench::threads<1, 2, 4>)
    ->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(BM_Demo<local_count_combine_once>)
    ->Name("BM_Demo_LocalCountCombineOnce")->Apply(parlab::bench::threads<1, 2, 4>)
    ->Unit(benchmark::kMillisecond)->UseRealTime();

void BM_CountEvents(benchmark::State& state) {
  const auto threads = static_cast<unsigned>(state.range(0));
  std::uint64_t got = 0;
  for (auto _ : state) {
    got = rc::count_events(kItems, threads, kSeed);
    benchmark::DoNotOptimize(got);
  }
  set_counters(state, got);
}
BENCHMARK(BM_CountEvents)
    ->Apply(parlab::bench::threads<1, 2, 4, 8>)
    ->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace
