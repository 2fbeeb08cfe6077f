// Reference solution, exercise 05: one task per strike on a small pool of
// std::jthreads, the C++ analogue of executor.map(price, strikes).
//
// The strikes are independent tasks of equal size. Each worker takes the next
// unclaimed strike index from a shared atomic counter, prices that strike on
// its own (summing payoffs in path order, so the price is bit for bit the
// sequential one) and writes it into its own slot prices[k]. Slots are
// disjoint, so no two threads ever write the same memory; joining the
// jthreads is what makes every slot visible to the caller.
//
// The task itself is the kit's price_call (pricing.cpp), which draws its
// normals 256 at a time with rng::NormalBlock and exponentiates them with
// math::exp_in_place, several per SIMD instruction; the baseline calls the
// same function, so the speedup over it is the parallel part alone.
#include <algorithm>
#include <atomic>
#include <cstddef>
#include <thread>

#include "option_strikes.hpp"

namespace parlab::option_strikes {

std::vector<double> price_calls(const MarketParams& market, std::span<const double> strikes,
                                std::uint64_t paths, std::uint64_t seed, unsigned threads) {
  std::vector<double> prices(strikes.size(), 0.0);
  if (strikes.empty()) return prices;

  // More workers than tasks would only sit idle: the number of strikes caps
  // the useful parallelism.
  const std::size_t workers = std::min<std::size_t>(std::max(1U, threads), strikes.size());

  // A dynamic queue of task indices. Relaxed order is enough: fetch_add alone
  // hands each index to exactly one worker, and the results are published by
  // the joins, not by this counter.
  std::atomic<std::size_t> next_task{0};
  auto run_tasks = [&] {
    for (std::size_t k = next_task.fetch_add(1, std::memory_order_relaxed); k < strikes.size();
         k = next_task.fetch_add(1, std::memory_order_relaxed)) {
      prices[k] = price_call(market, strikes[k], paths, seed);
    }
  };
  {
    std::vector<std::jthread> pool;
    pool.reserve(workers - 1);
    for (std::size_t w = 1; w < workers; ++w) pool.emplace_back(run_tasks);
    run_tasks();  // the calling thread is worker 0 instead of idling
  }  // jthreads join here: every prices[k] is now written and visible
  return prices;
}

}  // namespace parlab::option_strikes
