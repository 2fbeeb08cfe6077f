#include "core/numbers.hpp"

#include <cmath>

#include <fmt/format.h>

namespace parlab::grader {

std::string format_points(double points) {
  if (!std::isfinite(points)) return "?";
  // Two decimals are what a grade book shows; trailing zeros are noise.
  std::string s = fmt::format("{:.2f}", points);
  while (s.back() == '0') s.pop_back();
  if (s.back() == '.') s.pop_back();
  if (s == "-0") s = "0";
  return s;
}

std::string format_speedup(double factor, bool unicode) {
  if (!std::isfinite(factor)) return "?";
  return fmt::format("{:.2f}{}", factor, unicode ? "×" : "x");
}

}  // namespace parlab::grader
