// Reference solution, exercise 01: a small thread pool, the C++ analogue of
//   with ThreadPoolExecutor(max_workers=w) as pool: results = pool.map(fetch, tickers)
//
// min(max_workers, n) threads each take the next unclaimed index from one
// atomic counter, fetch that ticker and store the outcome in results[i]. A
// thread that draws a quick ticker simply comes back for another, so slow
// responses do not hold up the rest (better than fixed blocks of tickers).
//
// Why no lock is needed around `results`:
//   * it is sized before any thread starts, so it never reallocates;
//   * fetch_add hands out every index exactly once, so each slot has exactly
//     one writer and no two threads ever touch the same FetchResult;
//   * the threads are joined before we return, and a join makes everything
//     the joined thread wrote visible to the joiner.
// `tickers` is only read, and the client is documented as thread-safe.
#include <algorithm>
#include <atomic>
#include <exception>
#include <thread>

#include "slow_downloads.hpp"

namespace parlab::slow_downloads {

namespace {

// Like future.result() inside try/except in the lecture, but the catch must
// sit INSIDE the thread: an exception that escapes a std::thread's function
// calls std::terminate and ends the whole program.
FetchResult fetch_one(MarketDataClient& client, const std::string& ticker) {
  FetchResult r{.ticker = ticker, .quote = std::nullopt, .error = {}};
  try {
    r.quote = client.fetch(ticker);
  } catch (const std::exception& e) {
    r.error = e.what();
  }
  return r;
}

}  // namespace

std::vector<FetchResult> fetch_all(MarketDataClient& client, const std::vector<std::string>& tickers,
                                   unsigned max_workers) {
  std::vector<FetchResult> results(tickers.size());
  std::atomic<std::size_t> next{0};
  auto worker = [&] {
    // Relaxed is enough: the counter only has to hand out distinct indices;
    // the joins below publish the results.
    for (std::size_t i = next.fetch_add(1, std::memory_order_relaxed); i < tickers.size();
         i = next.fetch_add(1, std::memory_order_relaxed)) {
      results[i] = fetch_one(client, tickers[i]);
    }
  };

  // More workers than tickers would only start idle threads. Waiting costs no
  // CPU, so unlike CPU-bound work the count is NOT limited to the cores.
  const std::size_t workers = std::min<std::size_t>(std::max(1U, max_workers), tickers.size());
  {
    std::vector<std::jthread> pool;
    pool.reserve(workers);
    for (std::size_t w = 1; w < workers; ++w) pool.emplace_back(worker);
    worker();  // the calling thread is worker 0 instead of waiting idle
  }  // jthreads join here: after this brace every results[i] is written and visible
  return results;
}

}  // namespace parlab::slow_downloads
