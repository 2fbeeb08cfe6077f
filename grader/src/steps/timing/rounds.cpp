#include "steps/timing/rounds.hpp"

#include <algorithm>
#include <fmt/format.h>
#include <utility>

#include "steps/timing/statistics.hpp"
#include "steps/timing/thread_use.hpp"

namespace parlab::grader::timing {

namespace {

// One figure of every round, in round order, for a median or a spread.
template <class Figure>
std::vector<double> per_round(const std::vector<Round>& rounds, Figure figure) {
  std::vector<double> values;
  values.reserve(rounds.size());
  for (const Round& r : rounds) values.push_back(figure(r));
  return values;
}

double median_student_cpu_ms(const Measurement& m) {
  return median(per_round(m.rounds, [](const Round& r) { return r.student.cpu_ms; }));
}

double median_baseline_cpu_ms(const Measurement& m) {
  return median(per_round(m.rounds, [](const Round& r) { return r.baseline.cpu_ms; }));
}

// The lowest and highest median that `known` values and `unknown` more
// values of any size can have. A bound that falls on one of the unknown
// values is infinite.
struct Range {
  double lo = 0;
  double hi = 0;
};
Range median_range(std::vector<double> known, int unknown) {
  constexpr double kUnbounded = 1e300;
  std::vector<double> low = known;
  std::vector<double> high = std::move(known);
  low.insert(low.end(), static_cast<std::size_t>(unknown), -kUnbounded);
  high.insert(high.end(), static_cast<std::size_t>(unknown), kUnbounded);
  return {median(std::move(low)), median(std::move(high))};
}

bool finite_range(const Range& r) { return r.lo > -1e299 && r.hi < 1e299; }

}  // namespace

double student_speedup(const Round& round) {
  return round.baseline.wall_ms / std::max(kMinDivisorMs, round.student.wall_ms);
}

double calibration_speedup(const Round& round) {
  if (!round.calibration) return 0;
  return round.baseline.wall_ms / std::max(kMinDivisorMs, round.calibration->wall_ms);
}

Measurement measure(const Rule& rule, int threads, std::vector<Round> rounds) {
  Measurement m;
  m.rounds = std::move(rounds);
  m.student_speedups = per_round(m.rounds, student_speedup);
  for (const Round& r : m.rounds) {
    if (r.calibration) m.calibration_speedups.push_back(calibration_speedup(r));
  }
  // The latency rule has no calibration: its bar comes from the concurrency.
  m.calibration = rule.kind == "cpu" ? median(m.calibration_speedups) : 0;
  m.measured = median(m.student_speedups);
  m.required = threshold(rule, threads, m.calibration).required;
  m.gate = noise_gate(rule, threads, m.calibration, relative_spread(m.calibration_speedups),
                      relative_spread(m.student_speedups));
  return m;
}

bool BestMeasurement::offer(Measurement m) {
  if (!m.gate.quiet) {
    // Nothing quiet yet: keep the latest, so the report shows what was seen.
    if (best_margin_ < 0) accepted_ = std::move(m);
    return false;
  }
  // A pass stands at once, and so does a fail far below the bar; a fail
  // close to it is measured again.
  const bool settled = m.measured >= m.required || !worth_confirming(m.measured, m.required);
  const double margin = m.measured / m.required;
  if (margin > best_margin_) {
    best_margin_ = margin;
    accepted_ = std::move(m);
  }
  return settled;
}

bool decided_early(const Rule& rule, int threads, const std::vector<Round>& rounds, int planned) {
  const int known = static_cast<int>(rounds.size());
  if (known < kMinDecidingRounds || known >= planned) return false;
  const int unknown = planned - known;
  const Measurement so_far = measure(rule, threads, rounds);
  if (!so_far.gate.quiet) return false;

  const Range student = median_range(so_far.student_speedups, unknown);
  // The bar rises with the calibration's median (threshold.hpp): the highest
  // bar goes with a pass, the lowest with a fail.
  double bar_lo = so_far.required;
  double bar_hi = so_far.required;
  if (rule.kind == "cpu") {
    const Range calibration = median_range(so_far.calibration_speedups, unknown);
    if (!finite_range(calibration)) return false;
    bar_lo = threshold(rule, threads, calibration.lo).required;
    bar_hi = threshold(rule, threads, calibration.hi).required;
    // The CPU-work rule, on the medians of CPU time, must come out the same.
    const Range mine = median_range(per_round(rounds, [](const Round& r) { return r.student.cpu_ms; }), unknown);
    const Range base = median_range(per_round(rounds, [](const Round& r) { return r.baseline.cpu_ms; }), unknown);
    if (!finite_range(mine) || !finite_range(base) || base.lo <= 0) return false;
    const bool surely_did_work = mine.lo / base.hi >= kMinWorkShare;
    const bool surely_skipped = mine.hi / base.lo < kMinWorkShare;
    if (surely_skipped) return true;  // a fail, whatever the speedup
    if (!surely_did_work) return false;
  }
  if (!finite_range(student)) return false;
  const bool surely_passes = student.lo >= bar_hi;
  // A fail only stands at once when it is far below the bar (no second
  // attempt would be asked for: BestMeasurement::offer).
  const bool surely_fails_far = student.hi < kConfirmShare * bar_lo;
  return surely_passes || surely_fails_far;
}

double work_share(const Measurement& m) {
  return median_student_cpu_ms(m) / std::max(kMinDivisorMs, median_baseline_cpu_ms(m));
}

bool skipped_work(const Rule& rule, const Measurement& m) { return rule.kind == "cpu" && work_share(m) < kMinWorkShare; }

Check judge(const Rule& rule, const Measurement& accepted, SpeedupFigures fig, std::string context) {
  const bool cpu = rule.kind == "cpu";
  // Recomputed rather than kept in the Measurement: the report needs the
  // attainable speedup too, not only the bar.
  const Threshold t = threshold(rule, fig.threads, accepted.calibration);
  fig.measured = accepted.measured;
  fig.required = t.required;
  fig.attainable = t.attainable;
  fig.calibration = accepted.calibration;
  fig.baseline_ms = median(per_round(accepted.rounds, [](const Round& r) { return r.baseline.wall_ms; }));
  fig.student_ms = median(per_round(accepted.rounds, [](const Round& r) { return r.student.wall_ms; }));
  fig.student_cpu_ratio = median(per_round(
      accepted.rounds, [](const Round& r) { return r.student.cpu_ms / std::max(kMinDivisorMs, r.student.wall_ms); }));
  fig.student_peak_threads = 0;
  for (const Round& r : accepted.rounds) fig.student_peak_threads = std::max(fig.student_peak_threads, r.student.peak_threads);
  // The noise the gate judged: the calibration's for the cpu rule, the
  // student's own for the latency rule (which has no calibration).
  fig.spread = cpu ? relative_spread(accepted.calibration_speedups) : relative_spread(accepted.student_speedups);
  fig.ratios = accepted.student_speedups;

  Check c;
  c.speedup = fig;
  c.status = decide(fig.measured, t, accepted.gate);
  if (skipped_work(rule, accepted)) {
    c.status = Status::fail;
    c.message = fmt::format("your timed run used {:.0f}% of the CPU time of the sequential baseline: it skips the "
                            "work the exercise asks for; do all of it, in parallel",
                            work_share(accepted) * 100);
    c.details = fmt::format("CPU time: baseline {:.1f} ms, yours {:.1f} ms (medians)", median_baseline_cpu_ms(accepted),
                            median_student_cpu_ms(accepted));
    return c;
  }

  const std::string unit = cpu ? fmt::format("{} threads", fig.threads) : fmt::format("{} workers", fig.threads);
  switch (c.status) {
    case Status::pass:
      c.message = fmt::format("{:.2f}× faster than the sequential baseline on {} (needed {:.2f}×)", fig.measured, unit,
                              fig.required);
      break;
    case Status::fail:
      // What to do about it is added by the report layer (report/advice.cpp),
      // from the figures: one core busy vs. threads waiting on each other.
      c.message = fmt::format("{:.2f}× on {}, below the bar of {:.2f}×", fig.measured, unit, fig.required);
      break;
    default:
      c.message = fmt::format("inconclusive: too noisy, re-run ({} after {} measurements)", accepted.gate.reason,
                              fig.attempts);
      break;
  }
  // The figures themselves travel in c.speedup; the details say what they lack.
  c.details = std::move(context);
  if (cpu) {
    c.speedup->thread_use = thread_use(accepted.rounds, fig.threads, fig.usable_cores, c.status == Status::fail);
    if (c.speedup->thread_use) c.details.append("\n").append(describe_threads(*c.speedup->thread_use, fig.threads));
  }
  return c;
}

}  // namespace parlab::grader::timing
