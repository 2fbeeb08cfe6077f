// The kit's simulated market-data service (see market_data_client.hpp).
#include "market_data_client.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <optional>
#include <string_view>
#include <thread>

#include "parlab/random.hpp"

namespace parlab::slow_downloads {

namespace {

// Tickers the service knows but no longer quotes, as in the lecture's risky_fetch().
constexpr std::array<std::string_view, 3> kDelisted{"BAD", "GONE", "DEAD"};

// The jitter does not depend on the seed, so the timed workload takes the
// same time whatever seed the grader draws.
constexpr std::uint64_t kJitterSeed = 0x6A09E667F3BCC908ULL;

// FNV-1a: turns a ticker into the 64-bit index the counter-based RNG needs.
std::uint64_t ticker_key(std::string_view ticker) {
  std::uint64_t h = 0xCBF29CE484222325ULL;
  for (const char c : ticker) {
    h ^= static_cast<unsigned char>(c);
    h *= 0x100000001B3ULL;
  }
  return h;
}

double unit_interval(std::uint64_t bits) {  // [0, 1) from the top 53 bits
  return static_cast<double>(bits >> 11) * 0x1.0p-53;
}

// Why the service refuses `ticker`, or nothing when it quotes it.
std::optional<std::string> rejection(std::string_view ticker) {
  const bool well_formed = !ticker.empty() && ticker.size() <= 5 &&
                           std::all_of(ticker.begin(), ticker.end(),
                                       [](char c) { return c >= 'A' && c <= 'Z'; });
  if (!well_formed) return "a ticker is 1 to 5 uppercase letters";
  if (std::find(kDelisted.begin(), kDelisted.end(), ticker) != kDelisted.end()) {
    return "not listed";
  }
  return std::nullopt;
}

}  // namespace

InvalidTicker::InvalidTicker(const std::string& ticker, const std::string& reason)
    : std::runtime_error("invalid ticker '" + ticker + "': " + reason) {}

MarketDataClient::MarketDataClient(ClientOptions options) : options_(options) {}

std::chrono::microseconds MarketDataClient::response_time(const std::string& ticker) const {
  const std::chrono::microseconds base = options_.latency;
  const double jitter = 0.5 * unit_interval(rng::hash64(kJitterSeed, ticker_key(ticker)));
  return base + std::chrono::microseconds(
                    static_cast<std::int64_t>(jitter * static_cast<double>(base.count())));
}

Quote MarketDataClient::fetch(const std::string& ticker) {
  total_requests_.fetch_add(1);
  const unsigned now_in_flight = in_flight_.fetch_add(1) + 1;
  unsigned peak = peak_in_flight_.load();
  while (now_in_flight > peak && !peak_in_flight_.compare_exchange_weak(peak, now_in_flight)) {
    // compare_exchange_weak reloaded `peak`; retry while ours is still higher
  }

  std::this_thread::sleep_for(response_time(ticker));  // "the network"
  in_flight_.fetch_sub(1);

  // Even a refused request costs a round trip: the server says no.
  if (const auto why = rejection(ticker)) throw InvalidTicker(ticker, *why);
  const double u = unit_interval(rng::hash64(options_.seed, ticker_key(ticker)));
  return {ticker, std::round((100.0 + 400.0 * u) * 100.0) / 100.0};  // $100-$500, whole cents
}

unsigned MarketDataClient::peak_in_flight() const noexcept { return peak_in_flight_.load(); }

std::uint64_t MarketDataClient::total_requests() const noexcept { return total_requests_.load(); }

}  // namespace parlab::slow_downloads
