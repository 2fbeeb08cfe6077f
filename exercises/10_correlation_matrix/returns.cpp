// Kit code shared by the baseline, the stub and every solution: the exact
// standardisation (step 1 of the header's contract) into the panel layout,
// the synthetic market and the summary (digest) the timer reports.
#include <algorithm>
#include <bit>
#include <cmath>
#include <string>

#include "correlation_matrix.hpp"
#include "parlab/detail/lanes.hpp"
#include "parlab/random.hpp"

namespace parlab::correlation_matrix {

ConstantSeriesError::ConstantSeriesError(std::size_t asset, std::size_t window)
    : std::domain_error("asset " + std::to_string(asset) + " has a series without variance in window " +
                        std::to_string(window) +
                        " (constant, or fewer than 2 days): its correlations are undefined"),
      asset_(asset),
      window_(window) {}

bool standardize_series(std::span<const double> x, double* z, std::size_t stride) {
  if (x.empty() || std::all_of(x.begin(), x.end(), [&](double v) { return v == x[0]; })) return false;
  double sum = 0.0;
  for (const double v : x) sum += v;
  const double mean = sum / static_cast<double>(x.size());
  double ss = 0.0;
  for (const double v : x) {
    const double d = v - mean;
    ss = lanes::madd(d, d, ss);
  }
  if (!(ss > 0.0) || !std::isfinite(ss)) return false;
  const double norm = std::sqrt(ss);
  for (std::size_t k = 0; k < x.size(); ++k) z[k * stride] = (x[k] - mean) / norm;
  return true;
}

Standardized::Standardized(std::size_t assets, std::size_t days)
    : assets_(assets), days_(days), data_(std::make_unique<double[]>(panels() * kPanel * days)) {}  // zeros

// standardize_series for the (up to) 12 assets of a panel at once, one asset
// per SIMD lane: the same operations in the same order per asset (a lane's
// add, madd, sqrt and divide round exactly as the scalar ones do), so the
// same bits, but 12 independent sums instead of one chain, and vector
// divides. Checked against standardize_series by the tests.
std::size_t Standardized::fill_panel(const Returns& returns, std::size_t first_day, std::size_t p) {
#if PARLAB_LANES_SIMD
  using V = lanes::DV;
#else
  using V = double;
#endif
  constexpr std::size_t kW = lanes::kWidth;
  constexpr std::size_t kVec = kPanel / kW;
  const auto load = [](const double* q) {
#if PARLAB_LANES_SIMD
    return lanes::load(q);
#else
    return *q;
#endif
  };
  const auto store = [](double* q, V v) {
#if PARLAB_LANES_SIMD
    lanes::store(q, v);
#else
    *q = v;
#endif
  };
  double* panel = data_.get() + p * days_ * kPanel;
  const std::size_t first = p * kPanel;
  const std::size_t width = std::min(kPanel, assets_ - first);  // real assets in this panel
  // The raw values, transposed: day k of asset first + c at panel[k * kPanel + c].
  for (std::size_t c = 0; c < width; ++c) {
    const double* x = returns.values.data() + (first + c) * returns.days + first_day;
    for (std::size_t k = 0; k < days_; ++k) panel[k * kPanel + c] = x[k];
  }
  for (std::size_t c = width; c < kPanel; ++c) {
    for (std::size_t k = 0; k < days_; ++k) panel[k * kPanel + c] = 0.0;  // padding
  }
  // The mean, summed in day order, and ss, per lane.
  V mean[kVec];
  V ss[kVec];
  for (std::size_t v = 0; v < kVec; ++v) {
    V sum(0.0);
    for (std::size_t k = 0; k < days_; ++k) sum = sum + load(panel + k * kPanel + v * kW);
    mean[v] = sum / V(static_cast<double>(days_));
    ss[v] = V(0.0);
    for (std::size_t k = 0; k < days_; ++k) {
      const V d = load(panel + k * kPanel + v * kW) - mean[v];
      ss[v] = lanes::madd(d, d, ss[v]);
    }
  }
  // Which assets have no variance (as standardize_series decides).
  alignas(64) double ss_of[kPanel];
  for (std::size_t v = 0; v < kVec; ++v) store(ss_of + v * kW, ss[v]);
  bool ok[kPanel];
  std::size_t bad = assets_;
  for (std::size_t c = 0; c < kPanel; ++c) {
    ok[c] = false;
    if (c >= width) continue;
    bool constant = true;
    for (std::size_t k = 1; k < days_ && constant; ++k) constant = panel[k * kPanel + c] == panel[c];
    ok[c] = !constant && ss_of[c] > 0.0 && std::isfinite(ss_of[c]);
    if (!ok[c]) bad = std::min(bad, first + c);
  }
  // z = (x - mean) / sqrt(ss); zeros for the padding and the rejected.
  for (std::size_t v = 0; v < kVec; ++v) {
    const V norm = lanes::sqrt(ss[v]);
    for (std::size_t k = 0; k < days_; ++k) {
      double* q = panel + k * kPanel + v * kW;
      store(q, (load(q) - mean[v]) / norm);
    }
  }
  for (std::size_t c = 0; c < kPanel; ++c) {
    if (ok[c]) continue;
    for (std::size_t k = 0; k < days_; ++k) panel[k * kPanel + c] = 0.0;
  }
  return bad;
}

WindowSummary summarize(const CorrelationMatrix& m) {
  // An order-free sum of one mixed word per cell (its bits and its index):
  // no chain from cell to cell, so it costs a few percent of the window.
  std::uint64_t h = 0;
  for (std::size_t c = 0; c < m.cells.size(); ++c) {
    std::uint64_t x = std::bit_cast<std::uint64_t>(m.cells[c]) ^ (c * 0x9E3779B97F4A7C15ULL);
    x = (x ^ (x >> 33)) * 0xFF51AFD7ED558CCDULL;
    h += x ^ (x >> 29);
  }
  h = (h ^ (h >> 31)) * 0xC4CEB9FE1A85EC53ULL ^ m.n;
  WindowSummary s{.digest = h};
  const std::size_t n = m.n;
  if (n >= 2) {
    s.first = m(0, 1);
    s.middle = m(n / 3, 2 * n / 3);
    s.last = m(n - 2, n - 1);
  }
  return s;
}

namespace {

constexpr std::size_t kSectors = 10;

// Normals [first, first + count) of `seed` into out, 256 at a time.
void fill_normals(std::uint64_t seed, std::uint64_t first, std::size_t count, double* out) {
  rng::NormalBlock block;
  for (std::size_t k = 0; k < count; k += block.size()) {
    block.fill(seed, first + k, first + count);
    std::copy_n(block.data(), block.size(), out + k);
  }
}

// A double in [0, 1) from asset a's own hash word.
double unit(std::uint64_t seed, std::uint64_t index) {
  return static_cast<double>(rng::hash64(seed, index) >> 11) * 0x1.0p-53;
}

}  // namespace

Returns synthetic_returns(std::size_t assets, std::size_t days, std::uint64_t seed) {
  // Normal (stream s, day k) is standard_normal(seed, s * 2^40 + k): stream 0
  // is the market, 1..10 the sectors, 11 + a asset a's own noise.
  constexpr std::uint64_t kStream = std::uint64_t{1} << 40;
  std::vector<double> market(days);
  std::vector<double> sectors(kSectors * days);
  fill_normals(seed, 0, days, market.data());
  for (std::size_t s = 0; s < kSectors; ++s) fill_normals(seed, (s + 1) * kStream, days, sectors.data() + s * days);

  Returns r{assets, days, std::vector<double>(assets * days)};
  std::vector<double> noise(days);
  for (std::size_t a = 0; a < assets; ++a) {
    const double beta = 0.6 + 0.8 * unit(seed, 2 * a);       // market loading 0.6-1.4
    const double gamma = 0.2 + 0.6 * unit(seed, 2 * a + 1);  // sector loading 0.2-0.8
    const double* sector = sectors.data() + (a % kSectors) * days;
    fill_normals(seed, (a + 1 + kSectors) * kStream, days, noise.data());
    double* out = r.values.data() + a * days;
    // madd, never a * b + c: the same bits whether or not a compiler would fuse.
    for (std::size_t k = 0; k < days; ++k) {
      out[k] = 0.01 * lanes::madd(beta, market[k], lanes::madd(gamma, sector[k], noise[k]));
    }
  }
  return r;
}

}  // namespace parlab::correlation_matrix
