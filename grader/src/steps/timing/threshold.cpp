#include "steps/timing/threshold.hpp"

#include <algorithm>
#include <fmt/format.h>

namespace parlab::grader::timing {

int threads_for(const Rule& rule, int usable_cores) {
  if (rule.kind == "latency") return std::max(1, rule.concurrency);
  const int cores = std::max(1, usable_cores);
  return rule.cap > 0 ? std::min(cores, rule.cap) : cores;
}

Threshold threshold(const Rule& rule, int threads, double calibration_speedup) {
  Threshold t;
  if (rule.kind == "latency") {
    t.attainable = static_cast<double>(std::min<std::uint64_t>(static_cast<std::uint64_t>(std::max(1, rule.concurrency)),
                                                               std::max<std::uint64_t>(1, rule.size)));
    t.required = 1 + rule.fraction * (t.attainable - 1);
    t.how = fmt::format("1 + {:.2f} × ({:.0f} − 1) = {:.2f}: {:.0f} requests can wait at once (min of {} workers, {} "
                        "requests)",
                        rule.fraction, t.attainable, t.required, t.attainable, rule.concurrency, rule.size);
    return t;
  }
  double attainable = std::max(1.0, calibration_speedup);
  if (rule.cap > 0) {
    // `cap` equal tasks on T threads take ceil(cap / T) rounds: 8 strikes on
    // 6 threads reach at most 8/2 = 4x, not 6x.
    const int rounds = (rule.cap + threads - 1) / std::max(1, threads);
    attainable = std::min(attainable, static_cast<double>(rule.cap) / std::max(1, rounds));
  }
  t.attainable = attainable;
  t.required = 1 + rule.fraction * (attainable - 1);
  t.how = fmt::format("1 + {:.2f} × ({:.2f} − 1) = {:.2f}: {:.2f} is what the kit's baseline reached as {} "
                      "independent copies in this same run",
                      rule.fraction, attainable, t.required, calibration_speedup, threads);
  return t;
}

Gate noise_gate(const Rule& rule, int threads, double calibration_median, double calibration_spread,
                double student_spread) {
  Gate g;
  if (rule.kind == "latency") {
    if (student_spread > kMaxLatencySpread) {
      g.quiet = false;
      g.reason = fmt::format("the timed runs disagree by {:.0f}% between rounds", student_spread * 100);
    }
    return g;
  }
  const double min_gain = kMinCalibrationGainShare * (threads - 1);
  if (calibration_median - 1 < min_gain) {
    g.quiet = false;
    g.reason = fmt::format("the kit's baseline as {1} copies reached only {0:.2f}× on {1} threads: other work is using the cores",
                           calibration_median, threads);
  } else if (calibration_spread > kMaxCalibrationSpread) {
    g.quiet = false;
    g.reason = fmt::format("the calibration's speedup (the baseline as copies) varied by {:.0f}% between rounds",
                           calibration_spread * 100);
  }
  return g;
}

bool worth_confirming(double measured, double required) {
  return measured < required && measured >= kConfirmShare * required;
}

Status decide(double measured, const Threshold& t, const Gate& g) {
  if (!g.quiet) return Status::inconclusive;
  return measured >= t.required ? Status::pass : Status::fail;
}

}  // namespace parlab::grader::timing
