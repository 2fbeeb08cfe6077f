// Reference solution, exercise 10: the windows are the tasks.
//
// 1. Coarse tasks. Every window costs the same (500 series of 250 days,
//    124,750 cells), and there are many more windows than cores (128 in the
//    timed run). So each std::jthread takes whole windows from a shared
//    atomic counter: standardise, all panels, diagonal, summary, with no
//    synchronisation inside a window. The threads finish within one window
//    of each other (1/64 of the work on 2 threads). Splitting inside a
//    window instead needs a fork-join per window and a balanced split of
//    the triangle (README.md, measured); it is the way when there are fewer
//    windows than cores.
// 2. Buffers. Each thread owns one Standardized (1 MB) and one matrix (2 MB),
//    reused window after window: the data of a window stays in the cache,
//    so the kernel stays compute-bound, and nothing is shared but the
//    counter and the result slots, one per window.
// 3. Errors. A window with a series without variance is recorded by the
//    thread that finds it (its lowest asset), and after the join the calling
//    thread throws for the lowest window: an exception escaping a
//    std::jthread would call std::terminate.
#include <algorithm>
#include <atomic>
#include <limits>
#include <stdexcept>
#include <thread>
#include <vector>

#include "correlation_matrix.hpp"

namespace parlab::correlation_matrix {

namespace {

constexpr std::size_t kNone = std::numeric_limits<std::size_t>::max();

struct Failure {
  std::size_t window = kNone;
  std::size_t asset = kNone;
};

}  // namespace

std::vector<WindowSummary> rolling_correlations(const Returns& returns, const Windows& windows, unsigned threads,
                                                std::vector<CorrelationMatrix>* matrices) {
  if (returns.days < windows.days_needed()) throw std::invalid_argument("the windows need more days of returns");
  const std::size_t n = returns.assets;
  std::vector<WindowSummary> result(windows.count);
  if (matrices != nullptr) matrices->assign(windows.count, CorrelationMatrix{});
  const std::size_t workers = std::clamp<std::size_t>(threads, 1, std::max<std::size_t>(windows.count, 1));

  std::atomic<std::size_t> next{0};
  std::vector<Failure> failures(workers);  // slot t: written by worker t only
  const auto work = [&](std::size_t t) {
    Standardized z(n, windows.length);
    CorrelationMatrix m(n);
    // Relaxed is enough: fetch_add hands each window to one thread; the
    // results are published by the joins.
    for (std::size_t w = next.fetch_add(1, std::memory_order_relaxed); w < windows.count;
         w = next.fetch_add(1, std::memory_order_relaxed)) {
      std::size_t bad = n;
      for (std::size_t p = 0; p < z.panels(); ++p) bad = std::min(bad, z.fill_panel(returns, windows.first_day(w), p));
      if (bad < n) {
        if (w < failures[t].window) failures[t] = {w, bad};  // windows come in increasing order per thread
        continue;
      }
      for (std::size_t p = 0; p < z.panels(); ++p) correlate_panel(z, p, m);
      for (std::size_t i = 0; i < n; ++i) m.cells[i * n + i] = 1.0;
      result[w] = summarize(m);
      if (matrices != nullptr) (*matrices)[w] = m;
    }
  };
  {
    std::vector<std::jthread> pool;
    pool.reserve(workers - 1);
    for (std::size_t t = 1; t < workers; ++t) pool.emplace_back(work, t);
    work(0);
  }  // joins

  const Failure first = *std::min_element(failures.begin(), failures.end(),
                                          [](const Failure& a, const Failure& b) { return a.window < b.window; });
  if (first.window != kNone) throw ConstantSeriesError(first.asset, first.window);
  return result;
}

}  // namespace parlab::correlation_matrix
