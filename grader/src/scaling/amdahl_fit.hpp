// Amdahl's law fitted to measured speedups: the lecture's
//     S(n) = 1 / ((1 - p) + p / n)
// read backwards, from what a program did on n = 1, 2, ... cores to the
// parallel fraction p that explains it.
//
// 1/S = 1 - p (1 - 1/n) is linear in p, so with x = 1 - 1/n and y = 1 - 1/S
// the fit is a least-squares line through the origin, y = p x, with a closed
// form and a standard error. Only points on at most as many threads as there
// are cores belong in it: oversubscribed threads share cores, which Amdahl's
// law does not describe.
#pragma once

#include <string>
#include <vector>

namespace parlab::grader::scaling {

struct FitPoint {
  double threads = 1;  // n
  double speedup = 1;  // S(n), relative to the same code on one thread
  // Standard error of this speedup from its rounds (0 = unknown); used when
  // too few points leave no residuals to estimate the error from.
  double speedup_error = 0;
};

struct AmdahlFit {
  bool ok = false;       // false: too few points to say anything (see note)
  double p = 0;          // parallel fraction, clamped to [0, 1]
  double raw_p = 0;      // the least-squares value before clamping
  double error = 0;      // standard error of p
  int points_used = 0;   // points with n >= 2 (n = 1 carries no information)
  bool clamped = false;  // raw_p was outside [0, 1]
  bool large_error = false;  // one informative point, or error >= 0.1
  // Largest |measured - fitted| / fitted over the points: how far the data
  // stray from the curve. Above kLooseFit the law does not describe them.
  double worst_deviation = 0;
  std::string note;  // why the fit is missing, clamped, loose or uncertain; empty when none of these
  // The bound the law puts on any number of cores: 1 / (1 - p); infinite at p = 1.
  [[nodiscard]] double limit() const;
};

// Relative deviation above which the data are said not to follow the law.
inline constexpr double kLooseFit = 0.15;

// Amdahl's speedup on n cores for a parallel fraction p.
double amdahl_speedup(double p, double n);

AmdahlFit fit_amdahl(const std::vector<FitPoint>& points);

}  // namespace parlab::grader::scaling
