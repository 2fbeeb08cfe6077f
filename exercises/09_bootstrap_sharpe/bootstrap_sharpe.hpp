// Exercise 09 — a bootstrap confidence interval for a Sharpe ratio.
// DO NOT EDIT: the grader builds your bootstrap_sharpe.cpp against this
// header as it is here.
//
// Every number below is defined exactly, down to the order of each sum, so
// the interval is the same bit for bit on 1 thread or 64: the tests demand it.
#pragma once

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <span>
#include <vector>

#include "parlab/philox.hpp"

namespace parlab::bootstrap_sharpe {

// The kit's series: ten years of trading days.
inline constexpr std::size_t kTradingDays = 2520;

// sqrt(252), correctly rounded: a daily Sharpe ratio times this is the
// annualised one.
inline constexpr double kAnnualisation = 15.874507866387544;

// Synthetic daily returns of a strategy (kit code, returns.cpp): day t is
// kDailyDrift + sigma_t * rng::standard_normal(seed, t), with sigma_t = 2.7%
// on "stressed" days (5% of them, picked by rng::hash64(seed, t)) and 0.9%
// otherwise: fat tails, an annualised Sharpe ratio near 0.6. A pure function
// of (seed, days).
inline constexpr double kDailyDrift = 0.0004;
std::vector<double> synthetic_returns(std::uint64_t seed, std::size_t days = kTradingDays);

// ---- resampling -----------------------------------------------------------
//
// Resample r (r = 0, 1, ..., resamples - 1) of a series of n returns draws n
// of them with replacement. Draw k (k = 0, ..., n - 1) takes the return at
//
//   index(r, k) = (w * n) >> 32,  w = word k % 4 of rng::draw(seed, (r << 32) | (k / 4), 3)
//
// (Philox4x32-10, stream 3, one call per four draws; stream 3 is used by
// nothing else in the kit). (w * n) >> 32, in 64 bits, is the multiply-shift
// form of "w mod n": it maps the 32-bit word onto 0..n-1 with the same tiny
// bias (below n / 2^32) and no division. Requires n < 2^32 and r < 2^32.
constexpr std::uint32_t resample_index(std::uint64_t seed, std::uint64_t r, std::uint64_t k, std::uint32_t n) {
  const rng::Counter c = rng::draw(seed, (r << 32) | (k >> 2), 3U);
  return static_cast<std::uint32_t>((std::uint64_t{c[k & 3U]} * n) >> 32);
}

// out[j] = resample_index(seed, r, first + j, n) for every j (kit code,
// resample.cpp): one Philox call per four draws, several calls per SIMD
// instruction. Far cheaper than calling resample_index() once per draw.
void resample_indices(std::uint64_t seed, std::uint64_t r, std::uint32_t n, std::uint64_t first,
                      std::span<std::uint32_t> out);

// The lecture's rng.choice(returns, size=n): sample[k] = returns[index(r, k)]
// for k < sample.size(), with n = returns.size() (kit code, resample.cpp).
void draw_resample(std::span<const double> returns, std::uint64_t seed, std::uint64_t r, std::span<double> sample);

// ---- the statistic --------------------------------------------------------
//
// The annualised Sharpe ratio of values x_0, ..., x_{n-1} (a resample in draw
// order, or the series itself), population standard deviation (numpy's
// x.std(), ddof = 0). The sums run over y_k = x_k - x_0, shifted by the first
// value, in order k = 0, 1, ..., n - 1, each starting from 0.0:
//
//   S1 = sum of y_k;   S2 = sum of y_k^2, as S2 = std::fma(y_k, y_k, S2)
//   m = S1 / n;   variance = std::fma(-m, m, S2 / n);   mean = x_0 + m
//   Sharpe = mean / std::sqrt(variance) * kAnnualisation   when variance > 0
//
// std::fma is written out so that no compiler is free to fuse (or not fuse)
// a multiply and an add differently in your code and in the kit's.
//
// Zero standard deviation. When every x_k is the same value, every y_k is
// exactly 0, so the variance is exactly 0 (the unshifted textbook formula
// leaves rounding noise instead: sigma ~ 1e-17 for 0.1, 0.1, 0.1, and a
// "Sharpe ratio" of 10^14). A resample with variance <= 0 has no finite
// Sharpe ratio: it counts as +infinity when its mean is >= 0 and -infinity
// when its mean is < 0, never NaN. That happens only to resamples that drew
// one return n times: often for a 2-day series (half its resamples), never in
// practice for 2520 days.
class SharpeSums {
 public:
  // `first` is x_0, the first value: the shift.
  explicit constexpr SharpeSums(double first) : shift_(first) {}

  // Adds the next value, x_0 first.
  void add(double x) {
    const double y = x - shift_;
    sum_ += y;
    sum_sq_ = std::fma(y, y, sum_sq_);
  }

  // The annualised Sharpe ratio of the `count` values added (count >= 1).
  [[nodiscard]] double sharpe(std::size_t count) const {
    const double n = static_cast<double>(count);
    const double m = sum_ / n;
    const double variance = std::fma(-m, m, sum_sq_ / n);
    const double mean = shift_ + m;
    if (!(variance > 0)) {
      return mean >= 0 ? std::numeric_limits<double>::infinity() : -std::numeric_limits<double>::infinity();
    }
    return mean / std::sqrt(variance) * kAnnualisation;
  }

 private:
  double shift_;
  double sum_ = 0.0;
  double sum_sq_ = 0.0;
};

// SharpeSums over values[0], values[1], ... in order (kit code, resample.cpp).
// Requires values.size() >= 1.
double sharpe_ratio(std::span<const double> values);

// ---- the interval ---------------------------------------------------------
//
// With the R resampled ratios sorted, s_(0) <= s_(1) <= ... <= s_(R-1)
// (infinities included), the 95% interval is [s_(lower_rank(R)), s_(upper_rank(R))]:
//   lower_rank(R) = floor(0.025 * (R - 1)),  upper_rank(R) = ceil(0.975 * (R - 1)),
// in integer arithmetic. These are numpy's percentile positions rounded
// outwards to whole ranks, so the ends are exact order statistics (no
// interpolation). R = 10,000: ranks 249 and 9750; R = 1: both 0.
constexpr std::uint64_t lower_rank(std::uint64_t resamples) { return (resamples - 1) * 25 / 1000; }
constexpr std::uint64_t upper_rank(std::uint64_t resamples) { return ((resamples - 1) * 975 + 999) / 1000; }

struct SharpeInterval {
  double estimate = 0;  // sharpe_ratio(returns): the series' own annualised Sharpe ratio
  double lower = 0;     // s_(lower_rank(R))
  double upper = 0;     // s_(upper_rank(R))
  // How many resamples had zero standard deviation (their Sharpe ratio is
  // +-infinity): how many of the R ratios are infinite.
  std::uint64_t zero_std_resamples = 0;
};

// Throws what bootstrap_sharpe() must throw for these inputs (kit code,
// resample.cpp), before any work:
//   std::invalid_argument  fewer than 2 returns, 2^32 or more, a return that
//                          is not finite, resamples == 0 or > 2^32;
//   std::domain_error      all returns equal: the series' standard deviation
//                          is 0, so its Sharpe ratio is undefined (the message
//                          says so and names the value).
void check_inputs(std::span<const double> returns, std::uint64_t resamples);

// The bootstrap: `resamples` resamples of `returns` (see above), the Sharpe
// ratio of each, and the interval of their order statistics. Resample r's
// ratio is SharpeSums over returns[index(r, 0)], returns[index(r, 1)], ...
// in k order, so the result does not depend on how the resamples are split
// between threads. At most `threads` threads (threads >= 1; 0 counts as 1).
// Throws as check_inputs() does.
SharpeInterval bootstrap_sharpe(std::span<const double> returns, std::uint64_t resamples, std::uint64_t seed,
                                unsigned threads);

namespace baseline {
// The kit's sequential version (baseline.cpp): what your speedup is measured against.
SharpeInterval bootstrap_sharpe(std::span<const double> returns, std::uint64_t resamples, std::uint64_t seed);
}  // namespace baseline

}  // namespace parlab::bootstrap_sharpe
