// The speedup rule: what a submission must reach, and when the machine is too
// noisy to judge. Pure functions, unit-tested (grader/tests/unit/threshold_test.cpp);
// the policy is documented in docs/grading-policy.md.
//
// The bar is set on the parallel GAIN, not the raw ratio:
//     required = 1 + fraction * (attainable - 1)
// so a sequential submission (speedup 1.0) can never pass, however busy the
// machine, and the bar falls with the machine when a neighbour takes a core.
//   cpu:     attainable = min(calibration speedup measured in the same run,
//                             cap / ceil(cap / threads))  (equal tasks in rounds)
//   latency: attainable = min(concurrency, size): threads that wait, not compute
#pragma once

#include <cstdint>
#include <string>

#include "core/result.hpp"

namespace parlab::grader::timing {

struct Rule {
  std::string kind;         // "cpu" or "latency"
  double fraction = 0.7;    // share of the attainable gain required
  int cap = 0;              // max useful parallelism (0 = none)
  int concurrency = 0;      // latency: workers given to the student
  std::uint64_t size = 0;   // latency: number of independent requests
};

struct Threshold {
  double attainable = 1;
  double required = 1;
  std::string how;  // "1 + 0.70 × (1.85 − 1) = 1.60, baseline as 2 copies"
};

// Threads the submission is given: usable cores, capped (cpu); the
// concurrency (latency).
int threads_for(const Rule& rule, int usable_cores);

Threshold threshold(const Rule& rule, int threads, double calibration_speedup);

struct Gate {
  bool quiet = true;
  std::string reason;  // why the measurement is not trusted, when it is not
};

// Limits: a measurement is trusted only if the calibration (the baseline as
// independent copies) showed a
// real parallel gain (at least 30% of the ideal gain) and its per-round
// ratios agree (relative spread at most 25%).
inline constexpr double kMinCalibrationGainShare = 0.3;
inline constexpr double kMaxCalibrationSpread = 0.25;
// Latency rule: the student's own per-round ratios must agree within 35%.
inline constexpr double kMaxLatencySpread = 0.35;

Gate noise_gate(const Rule& rule, int threads, double calibration_median, double calibration_spread,
                double student_spread);

// A quiet measurement below the bar but within this share of it is measured
// again before the fail stands; the best quiet measurement counts.
inline constexpr double kConfirmShare = 0.8;
bool worth_confirming(double measured, double required);

// pass / fail when the gate is quiet; inconclusive otherwise.
Status decide(double measured, const Threshold& t, const Gate& g);

}  // namespace parlab::grader::timing
