// Hidden tests for exercise 01: not in the student template. Random ticker
// lists (drawn per run) mixing valid, refused and duplicate tickers, many
// worker counts, and exact comparison with the sequential baseline. They check
// correctness only: a sequential fetch_all passes; speed is the grader's timing.
#include <gtest/gtest.h>

#include <chrono>
#include <random>
#include <string>
#include <vector>

#include "parlab/testing.hpp"
#include "slow_downloads.hpp"

namespace {

namespace sd = parlab::slow_downloads;

// One engine per run, seeded afresh: the ticker lists and the clients' seeds.
std::mt19937_64& random_engine() {
  static std::mt19937_64 engine{parlab::testing::fresh_seed()};
  return engine;
}

std::uint64_t fresh_seed() { return random_engine()(); }

using parlab::testing::hardware_threads;

sd::ClientOptions fast_client(std::uint64_t seed) {
  return {.latency = std::chrono::milliseconds(1), .seed = seed};
}

// About 70% well-formed names, the rest refused (delisted or malformed), and
// now and then a repeat of an earlier entry.
std::vector<std::string> random_tickers(std::size_t n) {
  static const std::vector<std::string> kRefused{"BAD", "GONE", "DEAD", "brk.b", "TOOLONG", "", "A1"};
  std::uniform_int_distribution<int> percent(0, 99);
  std::uniform_int_distribution<int> length(1, 5);
  std::uniform_int_distribution<int> letter('A', 'Z');
  std::vector<std::string> tickers;
  for (std::size_t i = 0; i < n; ++i) {
    const int roll = percent(random_engine());
    if (roll < 10 && !tickers.empty()) {
      tickers.push_back(tickers[random_engine()() % tickers.size()]);
    } else if (roll < 30) {
      tickers.push_back(kRefused[random_engine()() % kRefused.size()]);
    } else {
      std::string name;
      for (int k = length(random_engine()); k > 0; --k) name += static_cast<char>(letter(random_engine()));
      tickers.push_back(std::move(name));
    }
  }
  return tickers;
}

std::string describe(const std::vector<std::string>& tickers) {
  std::string s;
  for (const auto& t : tickers) s += "'" + t + "' ";
  return s;
}

TEST(FetchAllHidden, MatchesTheBaselineForRandomListsAndWorkerCounts) {
  for (std::size_t n : {1U, 2U, 5U, 17U, 40U}) {
    const std::uint64_t seed = fresh_seed();
    const auto tickers = random_tickers(n);
    sd::MarketDataClient reference(fast_client(seed));
    const auto expected = sd::baseline::fetch_all(reference, tickers);
    for (unsigned workers : {1U, 2U, 3U, 7U, 16U, hardware_threads()}) {
      sd::MarketDataClient client(fast_client(seed));
      const auto got = sd::fetch_all(client, tickers, workers);
      EXPECT_EQ(got, expected) << "n=" << n << " max_workers=" << workers << " tickers: " << describe(tickers);
      EXPECT_LE(client.peak_in_flight(), workers) << "n=" << n << " max_workers=" << workers;
      EXPECT_EQ(client.total_requests(), n) << "each entry fetched exactly once; max_workers=" << workers;
    }
  }
}

TEST(FetchAllHidden, EveryFailureNamesItsTicker) {
  const auto tickers = random_tickers(30);
  sd::MarketDataClient client(fast_client(fresh_seed()));
  const auto got = sd::fetch_all(client, tickers, 5);
  ASSERT_EQ(got.size(), tickers.size());
  for (std::size_t i = 0; i < got.size(); ++i) {
    EXPECT_EQ(got[i].ticker, tickers[i]) << "result " << i;
    EXPECT_NE(got[i].ok(), !got[i].error.empty()) << "exactly one of quote and error, ticker '" << tickers[i] << "'";
    if (!got[i].ok()) {
      EXPECT_NE(got[i].error.find("'" + tickers[i] + "'"), std::string::npos) << got[i].error;
    }
  }
}

TEST(FetchAllHidden, AllTickersRefused) {
  const std::vector<std::string> tickers{"BAD", "bad", "GONE", "TOOLONG", "DEAD", "BAD"};
  for (unsigned workers : {1U, 3U, 8U}) {
    sd::MarketDataClient client(fast_client(fresh_seed()));
    const auto got = sd::fetch_all(client, tickers, workers);
    ASSERT_EQ(got.size(), tickers.size());
    for (const auto& r : got) EXPECT_FALSE(r.ok()) << r.ticker;
    EXPECT_EQ(client.total_requests(), tickers.size());
  }
}

TEST(FetchAllHidden, OneWorkerMeansOneRequestAtATime) {
  const auto tickers = random_tickers(12);
  sd::MarketDataClient client(fast_client(fresh_seed()));
  (void)sd::fetch_all(client, tickers, 1);
  EXPECT_EQ(client.peak_in_flight(), 1U);
}

TEST(FetchAllHidden, EmptyListWithManyWorkers) {
  for (unsigned workers : {1U, 7U, hardware_threads()}) {
    sd::MarketDataClient client(fast_client(fresh_seed()));
    EXPECT_TRUE(sd::fetch_all(client, {}, workers).empty());
    EXPECT_EQ(client.total_requests(), 0U);
  }
}

TEST(FetchAllHidden, ManyDuplicatesOfOneTicker) {
  const std::vector<std::string> tickers(25, "MSFT");
  const std::uint64_t seed = fresh_seed();
  sd::MarketDataClient client(fast_client(seed));
  const auto got = sd::fetch_all(client, tickers, 7);
  EXPECT_EQ(client.total_requests(), 25U);
  sd::MarketDataClient reference(fast_client(seed));
  const sd::Quote quote = reference.fetch("MSFT");
  for (const auto& r : got) EXPECT_EQ(r.quote, quote);
}

}  // namespace
