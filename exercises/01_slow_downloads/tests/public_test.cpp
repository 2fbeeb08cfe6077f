// Public tests for exercise 01. The grader also runs hidden tests: random
// ticker lists, more worker counts. These tests check correctness only (a
// sequential fetch_all passes them); speed is judged by the grader's timing.
// Latencies are a few milliseconds so the tests stay quick.
#include <gtest/gtest.h>

#include <chrono>
#include <string>
#include <vector>

#include "slow_downloads.hpp"

namespace {

namespace sd = parlab::slow_downloads;
using std::chrono::milliseconds;

sd::ClientOptions fast_client(std::uint64_t seed = 1) {
  return {.latency = milliseconds(2), .seed = seed};
}

// What each ticker should come back as: the sequential baseline on a second
// client with the same seed (prices are a pure function of seed and ticker).
std::vector<sd::FetchResult> expected_results(const std::vector<std::string>& tickers,
                                              std::uint64_t seed = 1) {
  sd::MarketDataClient reference(fast_client(seed));
  return sd::baseline::fetch_all(reference, tickers);
}

TEST(FetchAll, ReturnsResultsInInputOrder) {
  const std::vector<std::string> tickers{"AAPL", "GOOGL", "MSFT", "AMZN", "META", "NVDA"};
  sd::MarketDataClient client(fast_client());
  const auto results = sd::fetch_all(client, tickers, 3);
  ASSERT_EQ(results.size(), tickers.size());
  const auto expected = expected_results(tickers);
  for (std::size_t i = 0; i < tickers.size(); ++i) {
    EXPECT_EQ(results[i].ticker, tickers[i]) << "result " << i << " must be for tickers[" << i << "]";
    ASSERT_TRUE(results[i].ok()) << tickers[i] << ": " << results[i].error;
    EXPECT_EQ(results[i].quote, expected[i].quote) << tickers[i];
  }
}

TEST(FetchAll, CapturesEachFailureWithoutLosingTheOthers) {
  const std::vector<std::string> tickers{"AAPL", "BAD", "MSFT", "brk.b", "TOOLONG", "NVDA", ""};
  sd::MarketDataClient client(fast_client());
  const auto results = sd::fetch_all(client, tickers, 4);
  ASSERT_EQ(results.size(), tickers.size());
  const std::vector<bool> should_succeed{true, false, true, false, false, true, false};
  for (std::size_t i = 0; i < tickers.size(); ++i) {
    EXPECT_EQ(results[i].ticker, tickers[i]);
    EXPECT_EQ(results[i].ok(), should_succeed[i]) << "ticker '" << tickers[i] << "'";
    if (!should_succeed[i]) {
      EXPECT_NE(results[i].error.find("'" + tickers[i] + "'"), std::string::npos)
          << "error must be the exception's what(), which names the ticker; got: " << results[i].error;
    } else {
      EXPECT_TRUE(results[i].error.empty()) << tickers[i] << ": " << results[i].error;
    }
  }
  EXPECT_EQ(results, expected_results(tickers));
}

TEST(FetchAll, NeverHasMoreRequestsInFlightThanWorkers) {
  std::vector<std::string> tickers;
  for (char c = 'A'; c <= 'X'; ++c) tickers.push_back(std::string("T") + c);  // 24 tickers
  for (unsigned workers : {1U, 2U, 3U, 7U, 16U}) {
    sd::MarketDataClient client(fast_client());
    const auto results = sd::fetch_all(client, tickers, workers);
    EXPECT_LE(client.peak_in_flight(), workers) << "max_workers=" << workers;
    EXPECT_EQ(client.total_requests(), tickers.size())
        << "each ticker must be fetched exactly once (max_workers=" << workers << ")";
    EXPECT_EQ(results, expected_results(tickers)) << "max_workers=" << workers;
  }
}

TEST(FetchAll, HandlesAnEmptyList) {
  sd::MarketDataClient client(fast_client());
  EXPECT_TRUE(sd::fetch_all(client, {}, 8).empty());
  EXPECT_EQ(client.total_requests(), 0U);
}

TEST(FetchAll, HandlesMoreWorkersThanTickers) {
  const std::vector<std::string> tickers{"AAPL", "BAD", "MSFT"};
  sd::MarketDataClient client(fast_client());
  EXPECT_EQ(sd::fetch_all(client, tickers, 16), expected_results(tickers));
  EXPECT_EQ(client.total_requests(), 3U);
}

TEST(FetchAll, FetchesDuplicatesOncePerEntry) {
  const std::vector<std::string> tickers{"AAPL", "AAPL", "MSFT", "AAPL", "BAD", "BAD"};
  sd::MarketDataClient client(fast_client());
  const auto results = sd::fetch_all(client, tickers, 3);
  EXPECT_EQ(client.total_requests(), tickers.size());
  EXPECT_EQ(results, expected_results(tickers));
}

TEST(MarketDataClient, PricesArePureFunctionsOfSeedAndTicker) {
  sd::MarketDataClient a(fast_client(7));
  sd::MarketDataClient b(fast_client(7));
  const sd::Quote q = a.fetch("NVDA");
  EXPECT_EQ(q, b.fetch("NVDA"));
  EXPECT_GE(q.price, 100.0);
  EXPECT_LE(q.price, 500.0);
  EXPECT_THROW(a.fetch("BAD"), sd::InvalidTicker);
  EXPECT_EQ(a.total_requests(), 2U);
  EXPECT_EQ(a.peak_in_flight(), 1U);
}

}  // namespace
