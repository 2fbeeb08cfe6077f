// Explore time against thread count, and what a resample buffer costs:
//   build/release/bin/09_bootstrap_sharpe/exercise/bench --benchmark_counters_tabular=true
// BM_Buffer_* run the same resamples on ONE thread three ways: a vector
// allocated per resample (the lecture's shape), one vector per thread, and
// no buffer at all (sums accumulated as the draws are read); for 2520 days
// and for a 21-day month, where allocation is a larger share. BM_Select_*
// time the percentile step alone: a full sort against two nth_element calls.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <array>
#include <vector>

#include "bootstrap_sharpe.hpp"
#include "parlab/bench.hpp"

namespace {

namespace bs = parlab::bootstrap_sharpe;

constexpr std::uint64_t kResamples = 10'000;
constexpr std::uint64_t kSeed = 1;

void set_rate(benchmark::State& state, std::uint64_t resamples, std::size_t days) {
  state.counters["draws/s"] = benchmark::Counter(static_cast<double>(resamples * days),
                                                 benchmark::Counter::kIsIterationInvariantRate);
  state.counters["us/resample"] = benchmark::Counter(
      static_cast<double>(resamples) * 1e-6, benchmark::Counter::kIsIterationInvariantRate | benchmark::Counter::kInvert);
}

void BM_Baseline(benchmark::State& state) {
  const std::vector<double> returns = bs::synthetic_returns(kSeed);
  for (auto _ : state) benchmark::DoNotOptimize(bs::baseline::bootstrap_sharpe(returns, kResamples, kSeed));
  set_rate(state, kResamples, returns.size());
}
BENCHMARK(BM_Baseline)->Unit(benchmark::kMillisecond)->UseRealTime();

void BM_Bootstrap(benchmark::State& state) {
  const auto threads = static_cast<unsigned>(state.range(0));
  const std::vector<double> returns = bs::synthetic_returns(kSeed);
  for (auto _ : state) benchmark::DoNotOptimize(bs::bootstrap_sharpe(returns, kResamples, kSeed, threads));
  set_rate(state, kResamples, returns.size());
}
// Wall time is what parallelism buys, so measure real time, not CPU time.
BENCHMARK(BM_Bootstrap)->Apply(parlab::bench::threads<1, 2, 3, 4, 8>)->Unit(benchmark::kMillisecond)->UseRealTime();

// ---- one thread, three ways to hold a resample (argument: days) ----------

void BM_Buffer_PerResample(benchmark::State& state) {
  const std::vector<double> returns = bs::synthetic_returns(kSeed, static_cast<std::size_t>(state.range(0)));
  std::vector<double> sharpes(kResamples);
  for (auto _ : state) {
    for (std::uint64_t r = 0; r < kResamples; ++r) {
      std::vector<double> sample(returns.size());  // allocated (and zeroed) for every resample
      bs::draw_resample(returns, kSeed, r, sample);
      sharpes[r] = bs::sharpe_ratio(sample);
    }
    benchmark::DoNotOptimize(sharpes.data());
  }
  set_rate(state, kResamples, returns.size());
}

void BM_Buffer_PerThread(benchmark::State& state) {
  const std::vector<double> returns = bs::synthetic_returns(kSeed, static_cast<std::size_t>(state.range(0)));
  std::vector<double> sharpes(kResamples);
  for (auto _ : state) {
    std::vector<double> sample(returns.size());  // once per thread, reused
    for (std::uint64_t r = 0; r < kResamples; ++r) {
      bs::draw_resample(returns, kSeed, r, sample);
      sharpes[r] = bs::sharpe_ratio(sample);
    }
    benchmark::DoNotOptimize(sharpes.data());
  }
  set_rate(state, kResamples, returns.size());
}

void BM_Buffer_None(benchmark::State& state) {
  const std::vector<double> returns = bs::synthetic_returns(kSeed, static_cast<std::size_t>(state.range(0)));
  const auto n = static_cast<std::uint32_t>(returns.size());
  std::vector<double> sharpes(kResamples);
  std::array<std::uint32_t, 256> index{};
  for (auto _ : state) {
    for (std::uint64_t r = 0; r < kResamples; ++r) {
      std::size_t m = std::min<std::size_t>(index.size(), n);
      bs::resample_indices(kSeed, r, n, 0, std::span(index.data(), m));
      bs::SharpeSums sums(returns[index[0]]);
      for (std::size_t k = 0;;) {
        for (std::size_t j = 0; j < m; ++j) sums.add(returns[index[j]]);
        k += m;
        if (k >= n) break;
        m = std::min<std::size_t>(index.size(), n - k);
        bs::resample_indices(kSeed, r, n, k, std::span(index.data(), m));
      }
      sharpes[r] = sums.sharpe(n);
    }
    benchmark::DoNotOptimize(sharpes.data());
  }
  set_rate(state, kResamples, returns.size());
}
BENCHMARK(BM_Buffer_PerResample)->Arg(2520)->Arg(21)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Buffer_PerThread)->Arg(2520)->Arg(21)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Buffer_None)->Arg(2520)->Arg(21)->Unit(benchmark::kMillisecond);

// ---- the percentile step alone (argument: resamples) ---------------------

std::vector<double> some_ratios(std::uint64_t resamples) {
  const std::vector<double> returns = bs::synthetic_returns(kSeed, 60);
  std::vector<double> s(resamples);
  std::vector<double> sample(returns.size());
  for (std::uint64_t r = 0; r < resamples; ++r) {
    bs::draw_resample(returns, kSeed, r, sample);
    s[r] = bs::sharpe_ratio(sample);
  }
  return s;
}

void BM_Select_Sort(benchmark::State& state) {
  const auto resamples = static_cast<std::uint64_t>(state.range(0));
  const std::vector<double> ratios = some_ratios(resamples);
  for (auto _ : state) {
    std::vector<double> s = ratios;
    std::sort(s.begin(), s.end());
    benchmark::DoNotOptimize(s[bs::lower_rank(resamples)] + s[bs::upper_rank(resamples)]);
  }
}

void BM_Select_NthElement(benchmark::State& state) {
  const auto resamples = static_cast<std::uint64_t>(state.range(0));
  const std::vector<double> ratios = some_ratios(resamples);
  for (auto _ : state) {
    std::vector<double> s = ratios;
    const auto lo = s.begin() + static_cast<std::ptrdiff_t>(bs::lower_rank(resamples));
    const auto hi = s.begin() + static_cast<std::ptrdiff_t>(bs::upper_rank(resamples));
    std::nth_element(s.begin(), lo, s.end());
    std::nth_element(lo + 1, hi, s.end());
    benchmark::DoNotOptimize(*lo + *hi);
  }
}
BENCHMARK(BM_Select_Sort)->Arg(10'000)->Arg(40'000)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_Select_NthElement)->Arg(10'000)->Arg(40'000)->Unit(benchmark::kMicrosecond);

}  // namespace
