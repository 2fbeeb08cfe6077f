// Reference solution, exercise 07: both phases in parallel, on one pool of
// std::jthreads that meet once at a std::barrier.
//
// Thread t owns the slice [begin_t, end_t) of one shared array of returns
// and does, without ever touching another thread's slice:
//   1. simulate: simulate_returns() on its own range of simulations
//      (a pure function of the index, so exact at any split);
//   2. select locally: std::nth_element moves its m_t smallest returns to the
//      front of its slice, with m_t = ceil(tail * n_t / n), its share of the
//      tail; q_t = the largest of them.
//   -- barrier: tau = max over t of q_t. Every thread holds m_t returns <= tau
//      and the m_t add up to at least `tail`, so the whole global tail is <= tau.
//   3. filter and sort locally: the returns <= tau of its slice (its m_t, plus
//      the few past them that are <= tau) go to the front, and std::sort
//      orders them. For independent simulations tau is barely above the true
//      5% quantile, so each thread sorts about tail / T returns.
// Then the calling thread merges the T sorted runs, taking the `tail`
// smallest in ascending order and adding them up as it goes: the exact sum of
// the header, the same doubles in the same order as the baseline's sorted tail.
// That merge is the only sequential part: n / 20 additions.
#include <algorithm>
#include <barrier>
#include <cmath>
#include <cstddef>
#include <memory>
#include <thread>
#include <vector>

#include "monte_carlo_var.hpp"

namespace parlab::monte_carlo_var {

namespace {

struct Slice {
  std::uint64_t begin = 0;       // first simulation (and index into the returns)
  std::uint64_t end = 0;         // one past the last
  double local_max = 0;          // q_t: the largest of its m_t smallest returns
  std::uint64_t candidates = 0;  // after step 3: how many sorted returns <= tau lead the slice
};

}  // namespace

VarResult calculate_var(std::span<const Asset> portfolio, std::uint64_t n_sims, std::uint64_t seed,
                        unsigned threads) {
  if (n_sims == 0) return {};
  const std::uint64_t tail = var_index(n_sims) + 1;
  // No empty slices: never more threads than simulations.
  const auto workers = static_cast<std::size_t>(std::clamp<std::uint64_t>(threads, 1, n_sims));

  // Not zero-filled: each thread first touches (and so places in memory) its own slice.
  const auto returns = std::make_unique_for_overwrite<double[]>(n_sims);
  std::vector<Slice> slices(workers);
  for (std::size_t t = 0; t < workers; ++t) {
    slices[t].begin = n_sims * t / workers;
    slices[t].end = n_sims * (t + 1) / workers;
  }

  // The barrier's completion step runs once, on one thread, after all of them
  // have finished step 2 and before any starts step 3; the barrier orders the
  // local_max writes before this read and the tau write before every read of it.
  double tau = 0;
  auto find_tau = [&]() noexcept {
    tau = slices[0].local_max;
    for (const Slice& s : slices) tau = std::max(tau, s.local_max);
  };
  std::barrier sync(static_cast<std::ptrdiff_t>(workers), find_tau);

  auto work = [&](std::size_t t) {
    Slice& mine = slices[t];
    double* const first = returns.get() + mine.begin;
    double* const last = returns.get() + mine.end;
    const std::uint64_t n_t = mine.end - mine.begin;
    // 1. Phase 1.
    simulate_returns(portfolio, seed, mine.begin, {first, last});
    // 2. This slice's share of the tail, rounded up, so that the shares add
    //    up to at least `tail`. (tail * n_t < 2^64 for any n_sims below 2^34.)
    const std::uint64_t share = (tail * n_t + n_sims - 1) / n_sims;  // 1 <= share <= n_t
    std::nth_element(first, first + (share - 1), last);
    mine.local_max = first[share - 1];  // nth_element put the share-th smallest here
    sync.arrive_and_wait();
    // 3. Past the share, only a few more returns are <= tau.
    double* const cut = std::partition(first + share, last, [t = tau](double r) { return r <= t; });
    std::sort(first, cut);
    mine.candidates = static_cast<std::uint64_t>(cut - first);
  };
  {
    std::vector<std::jthread> pool;
    pool.reserve(workers - 1);
    for (std::size_t t = 1; t < workers; ++t) pool.emplace_back(work, t);
    work(0);  // the calling thread is worker 0
  }  // joined: every slice is written and visible here

  // The merge: the `tail` smallest of T sorted runs, smallest first. T is the
  // thread count, so finding the smallest head by a scan over T is cheap.
  std::vector<const double*> head(workers);
  std::vector<const double*> stop(workers);
  for (std::size_t t = 0; t < workers; ++t) {
    head[t] = returns.get() + slices[t].begin;
    stop[t] = head[t] + slices[t].candidates;
  }
  double sum = 0.0;
  double last_taken = 0.0;
  for (std::uint64_t i = 0; i < tail; ++i) {
    std::size_t best = workers;
    for (std::size_t t = 0; t < workers; ++t) {
      if (head[t] != stop[t] && (best == workers || *head[t] < *head[best])) best = t;
    }
    last_taken = *head[best]++;
    sum += last_taken;
  }
  return {.var = -last_taken, .cvar = -(sum / static_cast<double>(tail)), .tail = tail};
}

}  // namespace parlab::monte_carlo_var
