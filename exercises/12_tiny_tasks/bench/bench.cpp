// What a task costs, and how big a task must be:
//   build/release/bin/12_tiny_tasks/exercise/bench --benchmark_counters_tabular=true
// Part 1 times tasks that do nothing (the pure overhead, "per_task"),
// part 2 one item of real work, part 3 the same 1,000,000 items cut into tasks
// of 1 to 500,000 items on all hardware threads: the speedup-vs-chunk-size
// table of README.md. Part 4 is your map_items().
#include <benchmark/benchmark.h>
#include <tbb/blocked_range.h>
#include <tbb/global_control.h>
#include <tbb/parallel_for.h>
#include <tbb/partitioner.h>
#include <tbb/task_group.h>

#include <algorithm>
#include <cstdint>
#include <future>
#include <thread>
#include <vector>

#include "parlab/bench.hpp"
#include "parlab/testing.hpp"
#include "task_pool.hpp"
#include "tiny_tasks.hpp"

namespace {

namespace tt = parlab::tiny_tasks;

constexpr int kBatch = 1000;             // empty tasks per iteration of part 1
constexpr std::uint64_t kItems = 1'000'000;  // items of parts 3 and 4 (~0.1 s on one core)

// Wall time per task (seconds, printed with an SI prefix: 45n = 45 ns).
void per_task(benchmark::State& state, int tasks_per_iteration) {
  state.counters["per_task"] =
      benchmark::Counter(static_cast<double>(state.iterations()) * tasks_per_iteration,
                         benchmark::Counter::kIsRate | benchmark::Counter::kInvert);
}

// ---- 1. The cost of a task that does nothing --------------------------------

// kBatch empty tasks through the kit's pool, then wait(): the per-task cost
// when the pool is busy (the stub's situation). Argument: workers.
void BM_EmptyTask_TaskPool(benchmark::State& state) {
  parlab::TaskPool pool(static_cast<unsigned>(state.range(0)));
  for (auto _ : state) {
    for (int k = 0; k < kBatch; ++k) pool.submit([] {});
    pool.wait();
  }
  per_task(state, kBatch);
}
BENCHMARK(BM_EmptyTask_TaskPool)->Apply(parlab::bench::threads<1, 2>)->UseRealTime();

// One empty task, submitted and waited for: a full round trip, wake-ups included.
void BM_EmptyTask_TaskPoolRoundTrip(benchmark::State& state) {
  parlab::TaskPool pool(1);
  for (auto _ : state) {
    pool.submit([] {});
    pool.wait();
  }
  per_task(state, 1);
}
BENCHMARK(BM_EmptyTask_TaskPoolRoundTrip)->UseRealTime();

// std::async(std::launch::async, ...) starts a new thread per call (libstdc++).
void BM_EmptyTask_StdAsync(benchmark::State& state) {
  for (auto _ : state) std::async(std::launch::async, [] {}).get();
  per_task(state, 1);
}
BENCHMARK(BM_EmptyTask_StdAsync)->UseRealTime();

void BM_EmptyTask_ThreadStartJoin(benchmark::State& state) {
  for (auto _ : state) std::thread([] {}).join();
  per_task(state, 1);
}
BENCHMARK(BM_EmptyTask_ThreadStartJoin)->UseRealTime();

// oneTBB's tasks: kBatch empty tasks into a task_group, then wait().
// Argument: TBB's thread limit.
void BM_EmptyTask_TbbTaskGroup(benchmark::State& state) {
  const tbb::global_control limit(tbb::global_control::max_allowed_parallelism,
                                  static_cast<std::size_t>(state.range(0)));
  for (auto _ : state) {
    tbb::task_group group;
    for (int k = 0; k < kBatch; ++k) group.run([] {});
    group.wait();
  }
  per_task(state, kBatch);
}
BENCHMARK(BM_EmptyTask_TbbTaskGroup)->Apply(parlab::bench::threads<1, 2>)->UseRealTime();

// ---- 2. One item of real work -----------------------------------------------

void BM_OneItem(benchmark::State& state) {
  std::uint64_t i = 0;
  for (auto _ : state) benchmark::DoNotOptimize(tt::item_value(7, i++));
  per_task(state, 1);
}
BENCHMARK(BM_OneItem)->UseRealTime();

// ---- 3. The same items in tasks of `chunk` items ----------------------------

void set_items_rate(benchmark::State& state, std::uint64_t items) {
  state.counters["items/s"] =
      benchmark::Counter(static_cast<double>(items), benchmark::Counter::kIsIterationInvariantRate);
}

void BM_Baseline(benchmark::State& state) {
  for (auto _ : state) benchmark::DoNotOptimize(tt::baseline::map_items(kItems, 1));
  set_items_rate(state, kItems);
}
BENCHMARK(BM_Baseline)->Unit(benchmark::kMillisecond)->UseRealTime();

// Chunks of state.range(0) items through the kit's pool, one worker per
// hardware thread. Argument: items per task.
void BM_TaskPoolChunks(benchmark::State& state) {
  const auto chunk = static_cast<std::uint64_t>(state.range(0));
  for (auto _ : state) {
    std::vector<std::uint64_t> out(kItems);
    parlab::TaskPool pool(parlab::testing::hardware_threads());
    for (std::uint64_t begin = 0; begin < kItems; begin += chunk) {
      const std::uint64_t end = std::min(kItems, begin + chunk);
      pool.submit([&out, begin, end] {
        for (std::uint64_t i = begin; i < end; ++i) out[i] = tt::item_value(1, i);
      });
    }
    pool.wait();
    benchmark::DoNotOptimize(out.data());
  }
  set_items_rate(state, kItems);
}
BENCHMARK(BM_TaskPoolChunks)
    ->Arg(1)->Arg(4)->Arg(16)->Arg(64)->Arg(256)->Arg(1024)->Arg(8192)->Arg(125000)->Arg(500000)
    ->Unit(benchmark::kMillisecond)->UseRealTime();

// tbb::parallel_for with a simple_partitioner, which cuts the range down to
// exactly the grain size: TBB's tasks of `grain` items. (The default
// auto_partitioner would make far fewer, larger chunks on its own.)
void BM_TbbGrain(benchmark::State& state) {
  const auto grain = static_cast<std::uint64_t>(state.range(0));
  for (auto _ : state) {
    std::vector<std::uint64_t> out(kItems);
    tbb::parallel_for(
        tbb::blocked_range<std::uint64_t>(0, kItems, grain),
        [&out](const tbb::blocked_range<std::uint64_t>& r) {
          for (std::uint64_t i = r.begin(); i < r.end(); ++i) out[i] = tt::item_value(1, i);
        },
        tbb::simple_partitioner{});
    benchmark::DoNotOptimize(out.data());
  }
  set_items_rate(state, kItems);
}
BENCHMARK(BM_TbbGrain)->Arg(1)->Arg(16)->Arg(256)->Arg(4096)->Unit(benchmark::kMillisecond)->UseRealTime();

// ---- 4. Your map_items() ----------------------------------------------------

void BM_MapItems(benchmark::State& state) {
  const auto threads = static_cast<unsigned>(state.range(0));
  for (auto _ : state) benchmark::DoNotOptimize(tt::map_items(kItems, 1, threads));
  set_items_rate(state, kItems);
}
// Wall time is what parallelism buys, so measure real time, not CPU time.
BENCHMARK(BM_MapItems)->Apply(parlab::bench::threads<1, 2, 4>)->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace
