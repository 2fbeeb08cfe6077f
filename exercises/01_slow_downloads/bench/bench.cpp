// Explore time against the number of workers:
//   build/release/bin/01_slow_downloads/exercise/bench --benchmark_counters_tabular=true
//
// The work is waiting, not computing, so the time falls as 1/workers far past
// the number of cores, until there are as many workers as tickers.
#include <benchmark/benchmark.h>

#include <chrono>
#include <string>
#include <vector>

#include "parlab/bench.hpp"
#include "slow_downloads.hpp"

namespace {

namespace sd = parlab::slow_downloads;

constexpr std::size_t kTickers = 32;

std::vector<std::string> bench_tickers() {
  std::vector<std::string> tickers;
  for (std::size_t i = 0; i < kTickers; ++i) {
    tickers.push_back(std::string("Q") + static_cast<char>('A' + i / 26) + static_cast<char>('A' + i % 26));
  }
  return tickers;
}

sd::ClientOptions bench_client() { return {.latency = std::chrono::milliseconds(5), .seed = 1}; }

void set_counters(benchmark::State& state, const sd::MarketDataClient& client) {
  state.counters["tickers/s"] = benchmark::Counter(static_cast<double>(kTickers),
                                                   benchmark::Counter::kIsIterationInvariantRate);
  state.counters["peak_in_flight"] = static_cast<double>(client.peak_in_flight());
}

void BM_Baseline(benchmark::State& state) {
  const auto tickers = bench_tickers();
  sd::MarketDataClient client(bench_client());
  for (auto _ : state) benchmark::DoNotOptimize(sd::baseline::fetch_all(client, tickers));
  set_counters(state, client);
}
// Sleeping threads use no CPU: only real (wall) time means anything here.
BENCHMARK(BM_Baseline)->Unit(benchmark::kMillisecond)->UseRealTime();

void BM_FetchAll(benchmark::State& state) {
  const auto workers = static_cast<unsigned>(state.range(0));
  const auto tickers = bench_tickers();
  sd::MarketDataClient client(bench_client());
  for (auto _ : state) benchmark::DoNotOptimize(sd::fetch_all(client, tickers, workers));
  set_counters(state, client);
}
BENCHMARK(BM_FetchAll)
    ->Apply(parlab::bench::threads<1, 2, 4, 8, 16, 32>)
    ->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace
