// Exercise 10 — rolling correlation matrices of 500 assets.  This is the file you edit.
//
// The starting point is the sequential loops (the kit's baseline): correct,
// it follows the header's exact contract, but `threads` is ignored. Make it
// parallel (see README.md): across the windows, or inside each window across
// the column panels (mind the triangle: panel p costs p + 1 times panel 0).

#include <stdexcept>

#include "correlation_matrix.hpp"

namespace parlab::correlation_matrix {

std::vector<WindowSummary> rolling_correlations(const Returns& returns, const Windows& windows, unsigned threads,
                                                std::vector<CorrelationMatrix>* matrices) {
  (void)threads;  // TODO: use them
  if (returns.days < windows.days_needed()) throw std::invalid_argument("the windows need more days of returns");
  const std::size_t n = returns.assets;
  std::vector<WindowSummary> result(windows.count);
  if (matrices != nullptr) matrices->assign(windows.count, CorrelationMatrix{});
  Standardized z(n, windows.length);  // one window's standardised series, reused
  CorrelationMatrix m(n);              // one window's matrix, reused
  for (std::size_t w = 0; w < windows.count; ++w) {
    // Step 1: standardise the window's series, panel by panel.
    for (std::size_t p = 0; p < z.panels(); ++p) {
      const std::size_t bad = z.fill_panel(returns, windows.first_day(w), p);
      if (bad < n) throw ConstantSeriesError(bad, w);  // the lowest window, then the lowest asset
    }
    // Step 2: every column panel with the kit's kernel (panel p: p + 1 times the work of panel 0).
    for (std::size_t p = 0; p < z.panels(); ++p) correlate_panel(z, p, m);
    // Step 3: the diagonal, then the summary the timer compares.
    for (std::size_t i = 0; i < n; ++i) m.cells[i * n + i] = 1.0;
    result[w] = summarize(m);
    if (matrices != nullptr) (*matrices)[w] = m;
  }
  return result;
}

}  // namespace parlab::correlation_matrix
