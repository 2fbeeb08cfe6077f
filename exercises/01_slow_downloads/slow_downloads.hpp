// Exercise 01 — slow downloads.  DO NOT EDIT: the grader builds your
// slow_downloads.cpp against this header as it is here.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "market_data_client.hpp"

namespace parlab::slow_downloads {

// The outcome of fetching one ticker: a quote, or the error that the fetch threw.
struct FetchResult {
  std::string ticker;          // the ticker asked for
  std::optional<Quote> quote;  // set when the fetch succeeded
  std::string error;           // when it failed: the exception's what()
  [[nodiscard]] bool ok() const { return quote.has_value(); }
  friend bool operator==(const FetchResult&, const FetchResult&) = default;
};

// Fetches every ticker with client.fetch(), using threads so that up to
// `max_workers` requests wait at the same time (max_workers >= 1). The rules:
//   * result i is for tickers[i]: results come back in INPUT order;
//   * each entry of `tickers` is fetched exactly once (duplicates included);
//   * a fetch that throws is recorded in its own FetchResult (error = what())
//     and the others still complete;
//   * never more than max_workers requests in flight at once.
std::vector<FetchResult> fetch_all(MarketDataClient& client, const std::vector<std::string>& tickers,
                                   unsigned max_workers);

namespace baseline {
// The kit's sequential version (baseline.cpp): what your speedup is measured against.
std::vector<FetchResult> fetch_all(MarketDataClient& client, const std::vector<std::string>& tickers);
}  // namespace baseline

}  // namespace parlab::slow_downloads
