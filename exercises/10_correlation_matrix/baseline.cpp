// The kit's sequential baseline. The grader times your rolling_correlations()
// against THIS function, never against your own code with one thread.
//
// Window after window, on one core: standardise the window's 500 series
// (panel after panel), then every column panel with the kit's kernel, then
// the diagonal and the summary. The same kernel as yours, so the speedup is
// what parallelism buys.
#include <stdexcept>

#include "correlation_matrix.hpp"

namespace parlab::correlation_matrix::baseline {

std::vector<WindowSummary> rolling_correlations(const Returns& returns, const Windows& windows,
                                                std::vector<CorrelationMatrix>* matrices) {
  if (returns.days < windows.days_needed()) throw std::invalid_argument("the windows need more days of returns");
  const std::size_t n = returns.assets;
  std::vector<WindowSummary> result(windows.count);
  if (matrices != nullptr) matrices->assign(windows.count, CorrelationMatrix{});
  Standardized z(n, windows.length);
  CorrelationMatrix m(n);
  for (std::size_t w = 0; w < windows.count; ++w) {
    for (std::size_t p = 0; p < z.panels(); ++p) {
      const std::size_t bad = z.fill_panel(returns, windows.first_day(w), p);
      if (bad < n) throw ConstantSeriesError(bad, w);
    }
    for (std::size_t p = 0; p < z.panels(); ++p) correlate_panel(z, p, m);
    for (std::size_t i = 0; i < n; ++i) m.cells[i * n + i] = 1.0;
    result[w] = summarize(m);
    if (matrices != nullptr) (*matrices)[w] = m;
  }
  return result;
}

}  // namespace parlab::correlation_matrix::baseline
