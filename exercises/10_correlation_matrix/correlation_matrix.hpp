// Exercise 10 — rolling correlation matrices of 500 assets.
// DO NOT EDIT: the grader builds your correlation_matrix.cpp against this
// header as it is here.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>
#include <stdexcept>
#include <vector>

namespace parlab::correlation_matrix {

// Daily returns of `assets` series, `days` values each, one series after the
// other (asset-major): return of asset a on day k = values[a * days + k].
struct Returns {
  std::size_t assets = 0;
  std::size_t days = 0;
  std::vector<double> values;

  [[nodiscard]] std::span<const double> series(std::size_t a) const {
    return std::span<const double>(values).subspan(a * days, days);
  }
};

// Rolling windows: window w covers days [w * step, w * step + length) of the
// returns. The lecture's setting: one trading year (250 days), moved on by
// one month (21 days) at a time.
struct Windows {
  std::size_t count = 0;
  std::size_t length = 250;
  std::size_t step = 21;

  [[nodiscard]] std::size_t first_day(std::size_t w) const { return w * step; }
  // Days of returns the windows need: length + (count - 1) * step (0 if none).
  [[nodiscard]] std::size_t days_needed() const { return count == 0 ? 0 : length + (count - 1) * step; }
};

// The symmetric n x n matrix of pairwise correlations, row-major:
// correlation of assets i and j = cells[i * n + j].
struct CorrelationMatrix {
  std::size_t n = 0;
  std::vector<double> cells;

  CorrelationMatrix() = default;
  explicit CorrelationMatrix(std::size_t assets) : n(assets), cells(assets * assets, 0.0) {}
  [[nodiscard]] double operator()(std::size_t i, std::size_t j) const { return cells[i * n + j]; }
};

// What the timer compares per window: a 64-bit digest of the bit patterns of
// ALL n * n cells (two matrices with the same digest are, for any practical
// purpose, equal bit for bit) and three sampled cells, readable in a message.
struct WindowSummary {
  std::uint64_t digest = 0;
  double first = 0.0;   // cell (0, 1)
  double middle = 0.0;  // cell (n / 3, 2n / 3)
  double last = 0.0;    // cell (n - 2, n - 1); all three 0.0 if n < 2
  friend bool operator==(const WindowSummary&, const WindowSummary&) = default;
};

// A series without variance in a window has no correlation with anything:
// thrown instead of a silent row of NaN. window() is the LOWEST window that
// has one, asset() the lowest such asset in that window.
class ConstantSeriesError : public std::domain_error {
 public:
  ConstantSeriesError(std::size_t asset, std::size_t window);
  [[nodiscard]] std::size_t asset() const { return asset_; }
  [[nodiscard]] std::size_t window() const { return window_; }

 private:
  std::size_t asset_;
  std::size_t window_;
};

// THE TASK. The correlation matrix of every window, summarised:
// result[w] = summarize(matrix of window w), for w = 0..windows.count-1.
// If `matrices` is not null, it is resized to windows.count and
// (*matrices)[w] = the matrix of window w (the tests look at every cell; the
// timer passes null and keeps only the summaries).
//
// The matrix of one window is defined cell by cell, exactly (so any thread
// count and any split of the work give the same bits):
//  1. Standardise each asset's series over the window's days (kit code:
//     Standardized::fill_panel, which follows standardize_series below).
//  2. Cell (i, j), i < j: the dot product of z_i and z_j summed in day order,
//       acc = 0; acc = madd(z_i[k], z_j[k], acc) for k = 0..length-1
//     with madd = parlab::lanes::madd (one fused multiply-add on the graded
//     -march=native build). The kit's correlate_panel computes these cells,
//     a column panel at a time, each in exactly this order.
//  3. Cell (j, i) = cell (i, j), copied; cell (i, i) = 1.0 exactly.
// A window with a series without variance: throws ConstantSeriesError for the
// lowest such window and the lowest such asset in it, from the calling thread.
// Throws std::invalid_argument if returns.days < windows.days_needed().
// At most `threads` threads work at once (threads >= 1).
std::vector<WindowSummary> rolling_correlations(const Returns& returns, const Windows& windows, unsigned threads,
                                                std::vector<CorrelationMatrix>* matrices = nullptr);

// ---- kit code (correlation_kernel.cpp, returns.cpp) ---------------------------

// Assets per column panel of the kit's layout and kernel.
inline constexpr std::size_t kPanel = 12;

// The standardised series of ONE window, stored in panels of kPanel assets:
// panel p holds, day after day, the z of assets p*kPanel .. p*kPanel+11 side
// by side (padding assets past `assets` are zero), so that one SIMD load
// reads the same day of several assets.
class Standardized {
 public:
  Standardized(std::size_t assets, std::size_t days);

  [[nodiscard]] std::size_t assets() const { return assets_; }
  [[nodiscard]] std::size_t days() const { return days_; }
  [[nodiscard]] std::size_t panels() const { return (assets_ + kPanel - 1) / kPanel; }
  // z of the panel's assets on day k at panel(p)[k * kPanel + c], asset p * kPanel + c.
  [[nodiscard]] const double* panel(std::size_t p) const { return data_.get() + p * days_ * kPanel; }

  // Step 1 for the assets of panel p: standardises days [first_day,
  // first_day + days()) of each of their series into this panel. Returns the
  // lowest asset of the panel without variance (its z are left zero), or
  // assets() if there is none. Different panels may be filled from different
  // threads at once.
  std::size_t fill_panel(const Returns& returns, std::size_t first_day, std::size_t p);

 private:
  std::size_t assets_;
  std::size_t days_;
  std::unique_ptr<double[]> data_;
};

// Step 2 for column panel p (kit code, correlation_kernel.cpp): writes every
// cell (i, j) with i < j whose column j is in panel p (j = p*kPanel .. +11),
// and its copy (j, i), into out (out.n == z.assets()). Nothing else of `out`
// is touched, so different panels may be computed by different threads at
// once into the same matrix. Panel p has about (p + 1) times the cells of
// panel 0: the triangle. A register-tiled SIMD kernel: several cells at once,
// each summed in its own day order, so the cells are the contract's bits.
void correlate_panel(const Standardized& z, std::size_t p, CorrelationMatrix& out);

// Step 1 for ONE series (what fill_panel does for each asset):
//   mean = (x_0 + ... + x_{N-1}) / N             summed in day order
//   d_k = x_k - mean;  ss = madd(d_k, d_k, ss)    from 0, in day order
//   z_k = d_k / sqrt(ss), written to z[k * stride]
// Returns false, writing nothing, if the series has no variance: all values
// equal bit for bit (the rounded mean of a constant series may differ from
// its values, so "ss == 0" alone would not catch it), or ss not > 0 (fewer
// than 2 days, underflow, NaN).
bool standardize_series(std::span<const double> x, double* z, std::size_t stride = 1);

// The digest and samples of one finished matrix (kit code, returns.cpp).
WindowSummary summarize(const CorrelationMatrix& m);

// Synthetic daily returns, a pure function of (assets, days, seed): a market
// factor, ten sector factors (asset a is in sector a % 10) and each asset's
// own noise, from the kit's counter-based normals, so every pair is
// correlated (market: about 0.3 to 0.7, more within a sector). The value of
// (a, k) does not depend on `days` or `assets` beyond it.
Returns synthetic_returns(std::size_t assets, std::size_t days, std::uint64_t seed);

namespace baseline {
// The kit's sequential version (baseline.cpp): what your speedup is measured against.
std::vector<WindowSummary> rolling_correlations(const Returns& returns, const Windows& windows,
                                                std::vector<CorrelationMatrix>* matrices = nullptr);
}  // namespace baseline

}  // namespace parlab::correlation_matrix
