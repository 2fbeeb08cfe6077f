// Exercise 01 — slow downloads.  This is the file you edit.
//
// The starting point is the lecture's sequential loop: fetch one ticker,
// wait for the answer, fetch the next. It is correct, but `max_workers` is
// ignored, so n requests take n round trips one after another. Let up to
// max_workers requests wait at the same time instead (see README.md).
#include <exception>

#include "slow_downloads.hpp"

namespace parlab::slow_downloads {

std::vector<FetchResult> fetch_all(MarketDataClient& client, const std::vector<std::string>& tickers,
                                   unsigned max_workers) {
  (void)max_workers;  // TODO: use them
  std::vector<FetchResult> results;
  for (const std::string& ticker : tickers) {
    FetchResult r{.ticker = ticker, .quote = std::nullopt, .error = {}};
    try {
      r.quote = client.fetch(ticker);
    } catch (const std::exception& e) {  // one bad ticker must not lose the others
      r.error = e.what();
    }
    results.push_back(std::move(r));
  }
  return results;
}

}  // namespace parlab::slow_downloads
