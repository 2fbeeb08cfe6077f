#include "baseline_copies.hpp"

#include <algorithm>
#include <thread>
#include <vector>

#include "parlab/random.hpp"

namespace parlab::timer {

std::uint64_t copy_share(std::uint64_t size, unsigned threads, unsigned t) {
  threads = std::max(1U, threads);
  return size / threads + (t < size % threads ? 1 : 0);
}

std::string baseline_copies(const Workload& w, const Params& p) {
  const unsigned threads = std::max(1U, p.threads);
  std::vector<std::string> results(threads);
  const auto copy = [&](unsigned t) {
    // A seed of its own per copy: the copies do the same kind of work on
    // different inputs, as the threads of a parallel solution do.
    results[t] = w.baseline(Params{copy_share(p.size, threads, t), 1, rng::hash64(p.seed, t)});
  };
  {
    std::vector<std::jthread> pool;
    pool.reserve(threads - 1);
    for (unsigned t = 1; t < threads; ++t) pool.emplace_back(copy, t);
    copy(0);  // the calling thread runs copy 0, as a solution's main thread would
  }  // joins
  std::string joined;
  for (const std::string& r : results) {
    if (!joined.empty()) joined += ' ';
    joined += r;
  }
  return joined;
}

}  // namespace parlab::timer
