// Reference solution, exercise 09: the resamples on a small pool of
// std::jthreads, the C++ analogue of "10,000 samples -> 2,500 per core".
//
// Why it is safe without a lock: every thread only READS the shared inputs
// (the returns, the seed), resample r is a pure function of (seed, r), and
// the ratio of resample r is written into its own slot sharpes[r], which no
// other thread touches. The only shared variable that is written is the
// atomic task counter. Joining the threads publishes every slot.
//
// Why no resample buffer: the ratio needs only three running sums
// (SharpeSums), so each draw is added as soon as it is read. A thread keeps
// just a block of 256 indices on its stack (1 KiB, in L1), refilled by the
// kit's resample_indices(), several Philox calls per SIMD instruction.
// Measured on one core (bench/bench.cpp, 2520 days): 5.0 us per resample,
// against 5.9 us with a vector kept per thread and 6.2 us with a vector
// allocated per resample (the stub): storing and re-reading the draws costs
// more than allocating the vector.
//
// The percentile selection runs after the join on one thread: two
// nth_element calls, O(R), 0.44 ms for 40,000 ratios against 250 ms of
// resampling on one core: 0.2% (Amdahl's serial part), not worth
// parallelising. A full std::sort, as in the stub, would be 1.1%.
#include <algorithm>
#include <array>
#include <atomic>
#include <cmath>
#include <cstddef>
#include <thread>
#include <vector>

#include "bootstrap_sharpe.hpp"

namespace parlab::bootstrap_sharpe {

namespace {

// Resample r's Sharpe ratio, its draws summed as they are read, in k order.
double resample_sharpe(std::span<const double> returns, std::uint64_t seed, std::uint64_t r,
                       std::array<std::uint32_t, 256>& index) {
  const auto n = static_cast<std::uint32_t>(returns.size());
  std::size_t m = std::min<std::size_t>(index.size(), n);
  resample_indices(seed, r, n, 0, std::span(index.data(), m));
  SharpeSums sums(returns[index[0]]);  // shifted by the first draw, x_0
  for (std::size_t k = 0;;) {
    for (std::size_t j = 0; j < m; ++j) sums.add(returns[index[j]]);
    k += m;
    if (k >= n) break;
    m = std::min<std::size_t>(index.size(), n - k);
    resample_indices(seed, r, n, k, std::span(index.data(), m));
  }
  return sums.sharpe(n);
}

}  // namespace

SharpeInterval bootstrap_sharpe(std::span<const double> returns, std::uint64_t resamples, std::uint64_t seed,
                                unsigned threads) {
  check_inputs(returns, resamples);
  std::vector<double> sharpes(resamples);  // sized first: slot r belongs to resample r

  // Equal tasks, but a core may be shared with something else: hand out
  // chunks of 32 resamples (about 0.3 ms each) from an atomic counter, so a
  // thread that falls behind simply takes fewer. More threads than chunks
  // would sit idle.
  constexpr std::uint64_t kChunk = 32;
  const std::uint64_t chunks = (resamples + kChunk - 1) / kChunk;
  const auto workers = static_cast<unsigned>(std::min<std::uint64_t>(std::max(1U, threads), chunks));
  std::atomic<std::uint64_t> next_chunk{0};
  std::vector<std::uint64_t> zero_std(workers, 0);  // one slot per worker, written once at its end

  auto work = [&](unsigned w) {
    std::array<std::uint32_t, 256> index;  // this thread's indices, reused for every resample
    std::uint64_t zeros = 0;
    // Relaxed: fetch_add alone hands each chunk to exactly one thread; the
    // results are published by the joins, not by this counter.
    for (std::uint64_t c = next_chunk.fetch_add(1, std::memory_order_relaxed); c < chunks;
         c = next_chunk.fetch_add(1, std::memory_order_relaxed)) {
      const std::uint64_t end = std::min(resamples, (c + 1) * kChunk);
      for (std::uint64_t r = c * kChunk; r < end; ++r) {
        const double s = resample_sharpe(returns, seed, r, index);
        sharpes[r] = s;
        zeros += std::isinf(s) ? 1U : 0U;
      }
    }
    zero_std[w] = zeros;
  };
  {
    std::vector<std::jthread> pool;
    pool.reserve(workers - 1);
    for (unsigned w = 1; w < workers; ++w) pool.emplace_back(work, w);
    work(0);  // the calling thread is worker 0 instead of idling
  }  // jthreads join here: every sharpes[r] and zero_std[w] is written and visible

  // Two order statistics need no full sort: nth_element puts rank i in place
  // with everything below it before and everything above after, in O(R).
  const std::uint64_t lo = lower_rank(resamples);
  const std::uint64_t hi = upper_rank(resamples);
  const auto rank = [&](std::uint64_t i) { return sharpes.begin() + static_cast<std::ptrdiff_t>(i); };
  std::nth_element(sharpes.begin(), rank(lo), sharpes.end());
  if (hi > lo) std::nth_element(rank(lo + 1), rank(hi), sharpes.end());  // rank hi lies above rank lo

  SharpeInterval out;
  out.estimate = sharpe_ratio(returns);
  out.lower = sharpes[lo];
  out.upper = sharpes[hi];
  for (const std::uint64_t z : zero_std) out.zero_std_resamples += z;
  return out;
}

}  // namespace parlab::bootstrap_sharpe
