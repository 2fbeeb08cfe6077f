// The kit's pipeline: the four stages of the header's definitions, the graph
// that chains them (build_pipeline, the Dask delayed calls) and the same
// stages as plain calls (compute_eagerly). Every stage is a pure function of
// its arguments, so a node computes the same bits on any thread.
#include <algorithm>
#include <array>
#include <bit>
#include <cmath>
#include <span>

#include "parlab/math.hpp"
#include "parlab/random.hpp"
#include "task_graph.hpp"

namespace parlab::task_graph {

namespace {

constexpr std::uint64_t kFnvPrime = 0x100000001b3ULL;
constexpr std::uint64_t kFnvOffset = 0xcbf29ce484222325ULL;

// Element (n - 1) / 2 of the sorted values: the lower median, exact (one of
// the values, never an average). Reorders `values`.
double lower_median(std::span<double> values) {
  const auto mid = values.begin() + static_cast<std::ptrdiff_t>((values.size() - 1) / 2);
  std::nth_element(values.begin(), mid, values.end());
  return *mid;
}

}  // namespace

Bars load_bars(std::uint64_t asset_seed, std::uint64_t bars) {
  Bars out;
  out.price.resize(bars);
  rng::NormalBlock z;
  std::array<double, rng::NormalBlock::kCapacity> growth{};
  double price = 100.0;
  for (std::uint64_t t = 0; t < bars; t += z.size()) {
    z.fill(asset_seed, t, bars);  // z_t .. z_{t+255}, at most up to `bars`
    const std::span<double> g(growth.data(), z.size());
    for (std::size_t k = 0; k < g.size(); ++k) g[k] = kBarVolatility * z[k];
    math::exp_in_place(g);
    for (std::size_t k = 0; k < g.size(); ++k) {
      price *= g[k];  // the true price
      double recorded = price;
      const std::uint64_t h = rng::hash64(asset_seed, t + k);
      if (h % kBadTickOdds == 0) {
        const std::uint64_t q = h / kBadTickOdds;
        const double e = static_cast<double>(1 + q % 4) / 100.0;
        recorded = price * (1.0 + ((q / 4) % 2 == 1 ? -e : e));
      }
      out.price[t + k] = recorded;
    }
  }
  return out;
}

CleanBars clean_bars(const Bars& bars) {
  const std::vector<double>& x = bars.price;
  const std::size_t n = x.size();
  CleanBars out;
  out.price.resize(n);
  std::array<double, 2 * kHampelHalfWidth + 1> window{};
  for (std::size_t t = 0; t < n; ++t) {
    const std::size_t lo = t >= kHampelHalfWidth ? t - kHampelHalfWidth : 0;
    const std::size_t hi = std::min(n - 1, t + kHampelHalfWidth);
    const std::span<double> w(window.data(), hi - lo + 1);
    std::copy(x.begin() + static_cast<std::ptrdiff_t>(lo), x.begin() + static_cast<std::ptrdiff_t>(hi + 1),
              w.begin());
    const double median = lower_median(w);
    for (double& v : w) v = std::abs(v - median);
    const double mad = lower_median(w);
    if (std::abs(x[t] - median) > 3.0 * 1.4826 * mad) {
      out.price[t] = median;
      ++out.replaced;
    } else {
      out.price[t] = x[t];
    }
  }
  return out;
}

AssetFeatures asset_features(const CleanBars& clean) {
  const std::vector<double>& c = clean.price;
  const std::size_t n = c.size();
  constexpr std::size_t w = kFeatureWindow;
  std::vector<double> r(n, 0.0);
  std::vector<double> q(n, 0.0);
  for (std::size_t t = 1; t < n; ++t) {
    r[t] = std::log(c[t] / c[t - 1]);
    q[t] = r[t] * r[t];
  }
  AssetFeatures out;
  out.replaced = clean.replaced;
  out.strategy_return.assign(n, 0.0);
  for (std::size_t t = w; t + 1 < n; ++t) {
    double s1 = 0.0;
    double s2 = 0.0;
    for (std::size_t i = t - w + 1; i <= t; ++i) {  // the window, in bar order
      s1 += r[i];
      s2 += q[i];
    }
    const double mean = s1 / static_cast<double>(w);
    const double var = std::fma(-mean, mean, s2 / static_cast<double>(w));
    const double signal = var > 0.0 ? mean / std::sqrt(var) : 0.0;
    const int position = signal > kEntry ? 1 : (signal < -kEntry ? -1 : 0);
    if (position != 0) {
      out.strategy_return[t + 1] = static_cast<double>(position) * r[t + 1];
      ++out.bars_in_market;
    }
  }
  std::uint64_t h = kFnvOffset;
  for (const double x : out.strategy_return) {
    out.pnl += x;
    h = (h ^ std::bit_cast<std::uint64_t>(x)) * kFnvPrime;
  }
  out.digest = h;
  return out;
}

Portfolio join_assets(const std::vector<const AssetFeatures*>& assets) {
  Portfolio out;
  out.assets = assets.size();
  if (assets.empty()) return out;
  std::size_t bars = assets.front()->strategy_return.size();
  std::uint64_t h = kFnvOffset;
  for (const AssetFeatures* a : assets) {
    bars = std::min(bars, a->strategy_return.size());
    out.replaced += a->replaced;
    out.bars_in_market += a->bars_in_market;
    h = (h ^ a->digest) * kFnvPrime;
  }
  out.bars = bars;
  out.digest = h;
  const double n_assets = static_cast<double>(assets.size());
  double sumsq = 0.0;
  double peak = 0.0;
  for (std::size_t t = 0; t < bars; ++t) {
    double sum = 0.0;
    for (const AssetFeatures* a : assets) sum += a->strategy_return[t];  // asset order
    const double bar_return = sum / n_assets;
    out.pnl += bar_return;
    sumsq += bar_return * bar_return;
    peak = std::max(peak, out.pnl);
    out.max_drawdown = std::max(out.max_drawdown, peak - out.pnl);
  }
  if (bars > 0) {
    const double mean = out.pnl / static_cast<double>(bars);
    const double var = std::fma(-mean, mean, sumsq / static_cast<double>(bars));
    out.sharpe = var > 0.0 ? mean / std::sqrt(var) * std::sqrt(static_cast<double>(kBarsPerYear)) : 0.0;
  }
  return out;
}

std::uint64_t asset_seed(std::uint64_t seed, std::size_t k) { return rng::hash64(seed, k); }

std::uint64_t asset_bars(std::uint64_t total_bars, std::size_t assets, std::size_t k) {
  if (assets == 0) return 0;
  return total_bars / assets + (k < total_bars % assets ? 1 : 0);
}

Delayed<Portfolio> build_pipeline(Graph& graph, std::uint64_t total_bars, std::uint64_t seed, std::size_t assets) {
  // delayed(f)(args): f is passed, not called. Nothing runs here.
  std::vector<Delayed<AssetFeatures>> features;
  features.reserve(assets);
  for (std::size_t k = 0; k < assets; ++k) {
    const Delayed<Bars> bars = graph.delayed(load_bars)(asset_seed(seed, k), asset_bars(total_bars, assets, k));
    const Delayed<CleanBars> clean = graph.delayed(clean_bars)(bars);
    features.push_back(graph.delayed(asset_features)(clean));
  }
  return graph.delayed(join_assets)(features);
}

Portfolio compute_eagerly(std::uint64_t total_bars, std::uint64_t seed, std::size_t assets) {
  std::vector<AssetFeatures> features;
  features.reserve(assets);
  for (std::size_t k = 0; k < assets; ++k) {
    features.push_back(asset_features(clean_bars(load_bars(asset_seed(seed, k), asset_bars(total_bars, assets, k)))));
  }
  std::vector<const AssetFeatures*> pointers;
  for (const AssetFeatures& f : features) pointers.push_back(&f);
  return join_assets(pointers);
}

}  // namespace parlab::task_graph
