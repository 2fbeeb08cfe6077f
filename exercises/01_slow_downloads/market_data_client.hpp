// Exercise 01 — the kit's simulated market-data service.  DO NOT EDIT: the
// grader builds your code against this header and market_data_client.cpp as
// they are here.
//
// fetch() stands in for a network call: it sleeps for tens of milliseconds,
// then answers with a price or an error. The thread is idle while it waits,
// which is why threads help here even on one core.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <stdexcept>
#include <string>

namespace parlab::slow_downloads {

struct Quote {
  std::string ticker;
  double price = 0.0;  // in dollars, whole cents
  friend bool operator==(const Quote&, const Quote&) = default;
};

struct ClientOptions {
  // Base response time of one request; each ticker adds its own fixed jitter
  // of up to half of this, as real services answer some requests slower.
  std::chrono::milliseconds latency{20};
  // Prices are a pure function of (seed, ticker): the same on every run and
  // whatever thread asks, so a parallel fetch can be checked exactly.
  std::uint64_t seed = 1;
};

// Thrown by fetch() for a malformed ticker (not 1 to 5 uppercase letters) or
// one the service does not list, such as "BAD". what() names the ticker.
class InvalidTicker : public std::runtime_error {
 public:
  InvalidTicker(const std::string& ticker, const std::string& reason);
};

class MarketDataClient {
 public:
  explicit MarketDataClient(ClientOptions options = {});
  MarketDataClient(const MarketDataClient&) = delete;
  MarketDataClient& operator=(const MarketDataClient&) = delete;

  // One request: waits for the response time, then returns the quote or
  // throws InvalidTicker. Thread-safe: call it from as many threads as you like.
  Quote fetch(const std::string& ticker);

  // Bookkeeping that the tests read: the most requests that were ever in
  // flight at the same moment, and how many requests were made in all.
  [[nodiscard]] unsigned peak_in_flight() const noexcept;
  [[nodiscard]] std::uint64_t total_requests() const noexcept;

  // The response time fetch() takes for `ticker`: latency plus its jitter.
  [[nodiscard]] std::chrono::microseconds response_time(const std::string& ticker) const;

 private:
  ClientOptions options_;
  std::atomic<unsigned> in_flight_{0};
  std::atomic<unsigned> peak_in_flight_{0};
  std::atomic<std::uint64_t> total_requests_{0};
};

}  // namespace parlab::slow_downloads
