// The kit's sequential baseline. The grader times your fetch_all() against
// THIS function, never against your own code with one worker.
#include <exception>

#include "slow_downloads.hpp"

namespace parlab::slow_downloads::baseline {

std::vector<FetchResult> fetch_all(MarketDataClient& client, const std::vector<std::string>& tickers) {
  std::vector<FetchResult> results;
  results.reserve(tickers.size());
  for (const std::string& ticker : tickers) {
    FetchResult r{.ticker = ticker, .quote = std::nullopt, .error = {}};
    try {
      r.quote = client.fetch(ticker);
    } catch (const std::exception& e) {
      r.error = e.what();
    }
    results.push_back(std::move(r));
  }
  return results;
}

}  // namespace parlab::slow_downloads::baseline
