#include "scaling/amdahl_fit.hpp"

#include <algorithm>
#include <cmath>
#include <fmt/format.h>
#include <limits>

namespace parlab::grader::scaling {

double AmdahlFit::limit() const {
  return p >= 1 ? std::numeric_limits<double>::infinity() : 1 / (1 - p);
}

double amdahl_speedup(double p, double n) { return 1 / ((1 - p) + p / std::max(1.0, n)); }

AmdahlFit fit_amdahl(const std::vector<FitPoint>& points) {
  AmdahlFit fit;
  double sxx = 0;
  double sxy = 0;
  double measurement_variance = 0;  // of sxy, from the points' own errors
  std::vector<std::pair<double, double>> xy;
  for (const FitPoint& pt : points) {
    if (pt.threads < 2 || !(pt.speedup > 0) || !std::isfinite(pt.speedup)) continue;
    const double x = 1 - 1 / pt.threads;
    const double y = 1 - 1 / pt.speedup;
    // dy/dS = 1/S^2: an error on the speedup becomes an error on y.
    const double y_error = pt.speedup_error / (pt.speedup * pt.speedup);
    sxx += x * x;
    sxy += x * y;
    measurement_variance += x * x * y_error * y_error;
    xy.emplace_back(x, y);
  }
  fit.points_used = static_cast<int>(xy.size());
  if (xy.empty()) {
    fit.note = "no fit: it needs a speedup measured on 2 or more threads within the cores";
    return fit;
  }
  fit.ok = true;
  fit.raw_p = sxy / sxx;

  // Two estimates of the error: from the scatter around the line (needs a
  // second point) and from the points' own round-to-round noise. The larger
  // one is reported: either alone can be misleadingly small.
  const double from_noise = std::sqrt(measurement_variance) / sxx;
  double from_residuals = 0;
  if (xy.size() >= 2) {
    double rss = 0;
    for (const auto& [x, y] : xy) rss += (y - fit.raw_p * x) * (y - fit.raw_p * x);
    from_residuals = std::sqrt(rss / static_cast<double>(xy.size() - 1) / sxx);
  }
  fit.error = std::max(from_noise, from_residuals);

  fit.p = std::clamp(fit.raw_p, 0.0, 1.0);
  fit.clamped = fit.p != fit.raw_p;
  for (const FitPoint& pt : points) {
    if (pt.threads < 2 || !(pt.speedup > 0)) continue;
    const double expected = amdahl_speedup(fit.p, pt.threads);
    fit.worst_deviation = std::max(fit.worst_deviation, std::abs(pt.speedup - expected) / expected);
  }

  fit.large_error = xy.size() < 2 || fit.error >= 0.1;
  if (fit.raw_p > 1) {
    fit.note = "faster than ideal (superlinear: the threads' caches together hold more of the data); p is capped at 1";
  } else if (fit.raw_p < 0) {
    fit.note = "slower on more threads than on one: p is 0; the threads wait on each other (a lock, false sharing) "
               "or do more work in total";
  } else if (fit.worst_deviation > kLooseFit) {
    fit.note = fmt::format("Amdahl's law fits loosely: a measured speedup strays {:.0f}% from the curve (a busy "
                           "machine, or a cost that grows with the threads)",
                           fit.worst_deviation * 100);
  } else if (xy.size() < 2) {
    fit.note = "one thread count above 1 within the cores: p rests on a single point, and its ± covers only that "
               "point's noise, not whether the law fits; more cores would tell";
  } else if (fit.large_error) {
    fit.note = "the points scatter: the uncertainty on p is large; measure again on a quieter machine";
  }
  return fit;
}

}  // namespace parlab::grader::scaling
