// How the grader times this exercise: fetch_all() on `size` tickers with the
// kit's sequential baseline against the student's threads. The grader passes
// the manifest's speedup.concurrency as --threads, used here as max_workers.
//
// Result: one token per ticker, in input order: its price, or "error". A
// result out of order, or a failure that swallowed its neighbours, shows.
#include <array>
#include <cstdio>
#include <string>
#include <vector>

#include "slow_downloads.hpp"
#include "workload.hpp"

namespace parlab::timer {

namespace {

namespace sd = slow_downloads;

// The lecture's tickers first, then made-up names; every fifth entry is one
// that the service refuses, so error handling is part of what is timed.
std::vector<std::string> workload_tickers(std::uint64_t n) {
  static constexpr std::array<const char*, 6> kKnown{"AAPL", "GOOGL", "MSFT", "AMZN", "META", "NVDA"};
  static constexpr std::array<const char*, 3> kRefused{"BAD", "BRK.B", "TOOLONG"};
  std::vector<std::string> tickers;
  tickers.reserve(n);
  for (std::uint64_t i = 0; i < n; ++i) {
    if (i % 5 == 4) {
      tickers.emplace_back(kRefused[(i / 5) % kRefused.size()]);
    } else if (i < kKnown.size()) {
      tickers.emplace_back(kKnown[i]);
    } else {
      std::string name = "X";  // X + the index in base 26: XAAB, XAAC, ...
      for (std::uint64_t v = i, digit = 0; digit < 3; ++digit, v /= 26) {
        name.insert(name.begin() + 1, static_cast<char>('A' + v % 26));
      }
      tickers.push_back(std::move(name));
    }
  }
  return tickers;
}

std::string to_tokens(const std::vector<sd::FetchResult>& results) {
  std::string out;
  for (const sd::FetchResult& r : results) {
    if (!out.empty()) out += ' ';
    if (r.ok()) {
      std::array<char, 32> buf{};
      std::snprintf(buf.data(), buf.size(), "%.17g", r.quote->price);
      out += buf.data();
    } else {
      out += "error";
    }
  }
  return out;
}

sd::ClientOptions options_for(const Params& p) {
  return {.latency = std::chrono::milliseconds(20), .seed = p.seed};
}

}  // namespace

const Workload& workload() {
  static const Workload w{
      .smoke_size = 8,
      .baseline = [](const Params& p) {
        sd::MarketDataClient client(options_for(p));
        return to_tokens(sd::baseline::fetch_all(client, workload_tickers(p.size)));
      },
      .student = PARLAB_STUDENT_ENTRY([](const Params& p) {
        sd::MarketDataClient client(options_for(p));
        return to_tokens(sd::fetch_all(client, workload_tickers(p.size), p.threads));
      }),
  };
  return w;
}

}  // namespace parlab::timer
