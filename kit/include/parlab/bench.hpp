// Helpers shared by the exercises' benchmark programs (bench/bench.cpp), so
// that each one states only what is its own: which thread counts to try.
// Only the benchmark programs include this header (it needs Google Benchmark).
#pragma once

#include <benchmark/benchmark.h>

namespace parlab::bench {

// Runs a benchmark once per thread count, passed as its argument
// (state.range(0)), in the order given:
//   BENCHMARK(BM_Kernel)->Apply(parlab::bench::threads<1, 2, 4, 8>)->UseRealTime();
// is BENCHMARK(BM_Kernel)->Arg(1)->Arg(2)->Arg(4)->Arg(8)->UseRealTime(), with
// the same benchmark names (BM_Kernel/1/real_time, ...).
template <int... Counts>
void threads(benchmark::internal::Benchmark* b) {
  static_assert(sizeof...(Counts) > 0 && ((Counts > 0) && ...), "thread counts are positive");
  (b->Arg(Counts), ...);
}

}  // namespace parlab::bench
