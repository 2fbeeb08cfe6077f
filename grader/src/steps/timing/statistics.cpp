#include "steps/timing/statistics.hpp"

#include <algorithm>
#include <cmath>

namespace parlab::grader::timing {

namespace {

// The q-quantile of sorted values, interpolating linearly between neighbours.
double quantile(const std::vector<double>& sorted, double q) {
  const double pos = q * static_cast<double>(sorted.size() - 1);
  const auto lo = static_cast<std::size_t>(std::floor(pos));
  const auto hi = static_cast<std::size_t>(std::ceil(pos));
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - static_cast<double>(lo));
}

}  // namespace

double median(std::vector<double> values) {
  if (values.empty()) return 0;
  std::sort(values.begin(), values.end());
  return quantile(values, 0.5);
}

double relative_spread(std::vector<double> values) {
  if (values.size() < 2) return 0;
  std::sort(values.begin(), values.end());
  const double mid = quantile(values, 0.5);
  if (mid <= 0) return 0;
  return (quantile(values, 0.75) - quantile(values, 0.25)) / mid;
}

}  // namespace parlab::grader::timing
