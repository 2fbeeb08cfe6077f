// Explore time against thread count, and see why contiguous bands lose:
//   build/release/bin/11_mandelbrot_balance/exercise/bench --benchmark_counters_tabular=true
// BM_Split/threads:T/how:H renders the two timed views (512 x 180 each, the
// grader's timing size) by hand, each thread timing its own rows with
// CLOCK_THREAD_CPUTIME_ID:
//   how 0 = bands:       thread w gets rows [h*w/T, h*(w+1)/T)   (the stub)
//   how 1 = interleaved: thread w gets rows w, w+T, w+2T, ...
//   how 2 = dynamic:     each thread takes the next row from an atomic counter (the solution)
//   how 3 = TBB:         tbb::parallel_for over the rows in a task_arena(T)
// Counters: busiest_ms / idlest_ms = CPU time of the busiest and the idlest
// thread, summed over the two views; busiest_share = the busiest thread's
// share of all CPU time (1/T is perfect balance); speedup_bound = all CPU
// time / the busiest thread's: the speedup this split reaches at best, on
// T idle cores. CPU time is the work a
// thread was given, even on a busy machine; on an idle one each view's wall
// time is its busiest thread's.
#include <benchmark/benchmark.h>
#include <oneapi/tbb/blocked_range.h>
#include <oneapi/tbb/enumerable_thread_specific.h>
#include <oneapi/tbb/global_control.h>
#include <oneapi/tbb/parallel_for.h>
#include <oneapi/tbb/task_arena.h>
#include <time.h>

#include <algorithm>
#include <atomic>
#include <numeric>
#include <thread>
#include <vector>

#include "mandelbrot_balance.hpp"
#include "parlab/bench.hpp"

namespace {

namespace mb = parlab::mandelbrot_balance;

constexpr std::size_t kWidth = 512;   // the timer's
constexpr std::size_t kHeight = 180;  // the grader's timing size

const std::vector<mb::View>& views() {
  static const std::vector<mb::View> v = {mb::set_from_above(), mb::cardioid_edge()};
  return v;
}

void set_rate(benchmark::State& state) {
  state.counters["rows/s"] =
      benchmark::Counter(static_cast<double>(2 * kHeight), benchmark::Counter::kIsIterationInvariantRate);
}

void BM_Baseline(benchmark::State& state) {
  for (auto _ : state) {
    for (const mb::View& v : views()) benchmark::DoNotOptimize(mb::baseline::render(v, kWidth, kHeight));
  }
  set_rate(state);
}
BENCHMARK(BM_Baseline)->Unit(benchmark::kMillisecond)->UseRealTime();

// Your render(): wall time is what parallelism buys, so measure real time.
void BM_Render(benchmark::State& state) {
  const auto threads = static_cast<unsigned>(state.range(0));
  for (auto _ : state) {
    for (const mb::View& v : views()) benchmark::DoNotOptimize(mb::render(v, kWidth, kHeight, threads));
  }
  set_rate(state);
}
BENCHMARK(BM_Render)->Apply(parlab::bench::threads<1, 2, 3, 4, 8, 16>)->Unit(benchmark::kMillisecond)->UseRealTime();

enum class How { kBands = 0, kInterleaved = 1, kDynamic = 2, kTbb = 3 };

// CPU time of the calling thread, in ms (POSIX).
double thread_cpu_ms() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return 1e3 * static_cast<double>(ts.tv_sec) + 1e-6 * static_cast<double>(ts.tv_nsec);
}

// Renders `view` on `threads` threads split as `how` says; returns the CPU
// time each thread spent on its rows (for TBB: each thread of the arena that
// took part, and zeros for any that did not).
std::vector<double> render_split(const mb::View& view, unsigned threads, How how, std::vector<std::uint32_t>& counts) {
  auto row_task = [&](std::size_t row) {
    mb::escape_row(view, kWidth, kHeight, row, std::span(counts).subspan(row * kWidth, kWidth));
  };
  std::vector<double> busy(threads, 0.0);
  if (how == How::kTbb) {
    tbb::enumerable_thread_specific<double> cpu(0.0);
    // TBB caps its threads at the core count unless told otherwise; allow T
    // so that every row of the table has T threads.
    const tbb::global_control allow(tbb::global_control::max_allowed_parallelism, threads);
    tbb::task_arena arena(static_cast<int>(threads));
    arena.execute([&] {
      tbb::parallel_for(tbb::blocked_range<std::size_t>(0, kHeight), [&](const tbb::blocked_range<std::size_t>& r) {
        const double start = thread_cpu_ms();
        for (std::size_t row = r.begin(); row != r.end(); ++row) row_task(row);
        cpu.local() += thread_cpu_ms() - start;
      });
    });
    std::size_t w = 0;
    for (const double ms : cpu) busy[w++ % threads] += ms;
    return busy;
  }
  std::atomic<std::size_t> next{0};
  auto worker = [&](unsigned w) {
    const double start = thread_cpu_ms();
    if (how == How::kBands) {
      for (std::size_t row = kHeight * w / threads; row < kHeight * (w + 1) / threads; ++row) row_task(row);
    } else if (how == How::kInterleaved) {
      for (std::size_t row = w; row < kHeight; row += threads) row_task(row);
    } else {
      for (std::size_t row = next.fetch_add(1); row < kHeight; row = next.fetch_add(1)) row_task(row);
    }
    busy[w] = thread_cpu_ms() - start;
  };
  {
    std::vector<std::jthread> pool;
    for (unsigned w = 1; w < threads; ++w) pool.emplace_back(worker, w);
    worker(0);
  }
  return busy;
}

void BM_Split(benchmark::State& state) {
  const auto threads = static_cast<unsigned>(state.range(0));
  const auto how = static_cast<How>(state.range(1));
  std::vector<std::uint32_t> counts(kWidth * kHeight);
  double busiest = 0;
  double idlest = 0;
  double all = 0;
  for (auto _ : state) {
    for (const mb::View& v : views()) {
      const std::vector<double> busy = render_split(v, threads, how, counts);
      benchmark::DoNotOptimize(counts.data());
      busiest += *std::max_element(busy.begin(), busy.end());
      idlest += *std::min_element(busy.begin(), busy.end());
      all += std::accumulate(busy.begin(), busy.end(), 0.0);
    }
  }
  const auto runs = static_cast<double>(state.iterations());
  state.counters["busiest_ms"] = busiest / runs;
  state.counters["idlest_ms"] = idlest / runs;
  state.counters["busiest_share"] = busiest / all;
  state.counters["speedup_bound"] = all / busiest;
}
BENCHMARK(BM_Split)
    ->ArgsProduct({{1, 2, 3, 4, 8, 16}, {0, 1, 2, 3}})
    ->ArgNames({"threads", "how"})
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();

}  // namespace
