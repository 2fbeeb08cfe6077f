// The kit's kernels: the definitions of backtest_grid.hpp as code. The
// baseline, the stub and every solution compute a rolling mean and a cell
// with these same functions, so the exercise is about scheduling the tasks,
// as in the lecture, where the backtest of one parameter pair is given and
// the challenge is running all of them at once.
//
// Every sum runs in index order, the hot loops only add (the squares of the
// returns are computed once, in daily_returns), and the one multiply-add is
// an explicit std::fma: no compiler, contracting a*b+c into an FMA or not,
// can change a result bit.
#include <cmath>
#include <stdexcept>

#include "backtest_grid.hpp"
#include "parlab/random.hpp"

namespace parlab::backtest_grid {

Grid lecture_grid() {
  Grid grid;
  for (std::uint32_t w = 5; w <= 50; ++w) grid.shorts.push_back(w);
  for (std::uint32_t w = 20; w <= 200; ++w) grid.longs.push_back(w);
  return grid;
}

std::vector<Cell> cells_of(const Grid& grid) {
  std::vector<Cell> cells;
  for (const std::uint32_t s : grid.shorts) {
    for (const std::uint32_t l : grid.longs) {
      if (s < l) cells.push_back({s, l});
    }
  }
  return cells;
}

std::vector<std::uint32_t> windows_of(std::span<const Cell> cells) {
  std::vector<std::uint32_t> windows;
  windows.reserve(2 * cells.size());
  for (const Cell& c : cells) {
    windows.push_back(c.short_window);
    windows.push_back(c.long_window);
  }
  std::sort(windows.begin(), windows.end());
  windows.erase(std::unique(windows.begin(), windows.end()), windows.end());
  return windows;
}

Returns daily_returns(std::span<const double> prices) {
  Returns out{.r = std::vector<double>(prices.size(), 0.0), .q = std::vector<double>(prices.size(), 0.0)};
  for (std::size_t t = 1; t < prices.size(); ++t) out.r[t] = prices[t] / prices[t - 1] - 1.0;
  for (std::size_t t = 0; t < prices.size(); ++t) out.q[t] = out.r[t] * out.r[t];
  return out;
}

std::vector<double> rolling_mean(std::span<const double> prices, std::uint32_t window) {
  if (window == 0) throw std::invalid_argument("rolling_mean: a window is at least 1 day");
  std::vector<double> mean(prices.size(), 0.0);
  const double w = static_cast<double>(window);
  // The window's w prices added left to right, afresh for every day: MA_w[t]
  // depends on those prices alone (a running sum would carry the rounding of
  // every earlier day). w additions per day, one after another.
  for (std::size_t t = window - 1; t < prices.size(); ++t) {
    double sum = 0.0;
    for (std::size_t k = t + 1 - window; k <= t; ++k) sum += prices[k];
    mean[t] = sum / w;
  }
  return mean;
}

CellResult backtest_cell(const Returns& returns, std::span<const double> short_mean,
                         std::span<const double> long_mean, Cell cell) {
  CellResult out{.short_window = cell.short_window, .long_window = cell.long_window};
  const std::size_t days = returns.r.size();
  if (returns.q.size() != days || short_mean.size() != days || long_mean.size() != days) {
    throw std::invalid_argument("backtest_cell: returns and means must cover the same days");
  }
  double pnl = 0.0;
  double sumsq = 0.0;
  std::uint64_t in_market = 0;
  const std::span<const double> r = returns.r;
  const std::span<const double> q = returns.q;
  // Day t's P&L is earned by the position taken at the close of day t - 1.
  for (std::size_t t = cell.long_window; t < days; ++t) {
    const bool long_position = short_mean[t - 1] > long_mean[t - 1];
    pnl += long_position ? r[t] : 0.0;
    sumsq += long_position ? q[t] : 0.0;
    in_market += long_position ? 1U : 0U;
  }
  if (days >= cell.long_window && days > 0) out.spread = short_mean[days - 1] - long_mean[days - 1];
  out.days = days > cell.long_window ? days - cell.long_window : 0;
  out.days_in_market = in_market;
  out.pnl = pnl;
  if (out.days > 0) {
    const auto n = static_cast<double>(out.days);
    const double mean = pnl / n;
    const double var = std::fma(-mean, mean, sumsq / n);
    // var <= 0: never in the market, or no variation at all: 0.0, not NaN.
    if (var > 0.0) out.sharpe = mean / std::sqrt(var) * std::sqrt(static_cast<double>(kDaysPerYear));
  }
  return out;
}

std::vector<double> synthetic_prices(std::uint64_t days, std::uint64_t seed) {
  constexpr double kDrift = 0.08;
  constexpr double kVolatility = 0.2;
  const double year = static_cast<double>(kDaysPerYear);
  const double mu = (kDrift - 0.5 * kVolatility * kVolatility) / year;
  const double sigma = kVolatility / std::sqrt(year);
  std::vector<double> p(days);
  if (days == 0) return p;
  p[0] = 100.0;
  for (std::uint64_t t = 1; t < days; ++t) {
    p[t] = p[t - 1] * std::exp(std::fma(sigma, rng::standard_normal(seed, t), mu));
  }
  return p;
}

}  // namespace parlab::backtest_grid
