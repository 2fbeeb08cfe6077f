#include "report/advice.hpp"

#include "core/lines.hpp"

#include <fmt/format.h>

#include "report/text.hpp"

namespace parlab::grader::report {

namespace {

// A speedup that is too low has two different causes with different cures;
// the CPU/wall ratio tells them apart.
std::string speedup_fail_step(const Check& check) {
  if (!check.speedup) return "make the work run on all threads at the same time, then grade again";
  const SpeedupFigures& f = *check.speedup;
  if (f.kind == "latency") {
    return fmt::format("overlap the waits: keep up to {} requests in flight at once instead of one after another",
                       format_points(f.attainable));
  }
  const double busy_threshold = 0.75 * (f.threads > 0 ? f.threads : 1);
  // Threads that exist but sleep or wait do not count: only busy cores do.
  const std::string alive =
      f.student_peak_threads > 1 ? fmt::format(" ({} threads alive at the peak)", f.student_peak_threads) : "";
  if (f.student_cpu_ratio > 0 && f.student_cpu_ratio < busy_threshold) {
    return fmt::format(
        "your code kept only {} cores busy with {} threads{}: split the work so every thread runs at the "
        "same time (no lock, join, sleep or sequential phase around the hot loop)",
        format_points(f.student_cpu_ratio), f.threads, alive);
  }
  return fmt::format("your threads kept {} cores busy{} but got no faster than the baseline: they spin, wait on a "
                     "shared atomic or lock per element, or share cache lines; give each thread its own share of the "
                     "work and its own partial result, and combine once",
                     format_points(f.student_cpu_ratio), alive);
}

}  // namespace

std::string next_step(const Check& check) {
  switch (check.status) {
    case Status::pass: return "";
    case Status::skipped: return "fix the check before it first; this one runs after it passes";
    case Status::inconclusive:
      if (check.speedup && check.speedup->usable_cores > 0 && check.speedup->usable_cores < 2) {
        return "only one usable core: a speedup cannot be measured here; grade on a machine with 2 or more cores";
      }
      return "the machine, not your code, kept this from a verdict: close other programs and grade again";
    case Status::fail:
    case Status::error: break;
  }
  const bool failed = check.status == Status::fail;
  if (check.name == "build" && starts_with(check.message, "does not link")) {
    return "define every function you declare and call, with the header's exact name, namespace and parameters";
  }
  if (check.name == "build") return "fix the first compiler error shown; the later ones often follow from it";
  if (check.name == "tests") {
    return failed ? "read the first failed assertion (expected vs actual) and fix that case first"
                  : "the tests crashed or timed out: run them locally to see where";
  }
  if (check.name == "race") {
    // A failed race check's message already carries a hint chosen for that
    // very report (steps/race/tsan_report.cpp); do not repeat a generic one.
    return failed ? ""
                  : "the tests crashed under ThreadSanitizer: build with the tsan preset and run them to see where";
  }
  if (check.name == "speedup") {
    return failed ? speedup_fail_step(check)
                  : "the timed run did not finish with the baseline's result: check it for crashes, hangs and "
                    "wrong answers at the timing size";
  }
  return failed ? "see the details below" : "the check could not run: see the details below";
}

std::string check_description(const std::string& check_name) {
  if (check_name == "build") return "builds the submission with the kit's CMake, warnings on";
  if (check_name == "tests") return "runs the exercise's GoogleTest tests";
  if (check_name == "race") return "runs the tests again under ThreadSanitizer";
  if (check_name == "speedup") return "times the submission against the kit's sequential baseline";
  return check_name;
}

std::string speedup_verdict(const SpeedupFigures& f, bool unicode) {
  return fmt::format("{} measured, {} required", format_speedup(f.measured, unicode),
                     format_speedup(f.required, unicode));
}

std::string speedup_explanation(const SpeedupFigures& f, bool unicode) {
  // The bar is set on the parallel gain (see steps/timing/threshold.hpp):
  // required = 1 + fraction × (attainable − 1), so 1.0 never passes.
  std::string out = fmt::format("required: 1 + {} {} ({} {} 1) = {}", format_points(f.fraction), unicode ? "×" : "x",
                                format_points(f.attainable), unicode ? "−" : "-", format_speedup(f.required, unicode));
  if (f.kind == "latency") {
    out += fmt::format(": {} requests can wait at once\n", format_points(f.attainable));
  } else {
    out += fmt::format(": the kit's baseline, run as {1} independent copies on {1} threads, reached {0} in this same run (spread {2}%)",
                       format_speedup(f.calibration, unicode), f.threads, format_points(100 * f.spread));
    if (f.attainable < f.calibration) out += ", capped at the exercise's useful parallelism";
    out += "\n";
  }
  out += fmt::format("measured: {}, the median over {} rounds of baseline time / your time", format_speedup(f.measured, unicode),
                     f.rounds);
  if (!f.ratios.empty()) {
    out += " (";
    for (std::size_t i = 0; i < f.ratios.size(); ++i) {
      if (i > 0) out += ", ";
      out += format_speedup(f.ratios[i], unicode);
    }
    out += ")";
  }
  out += fmt::format("\nmedian times: baseline {:.1f} ms, yours {:.1f} ms", f.baseline_ms, f.student_ms);
  if (f.kind != "latency") {
    // Waiting threads use no CPU, so the ratio says nothing for latency work.
    out += fmt::format("\ncores: {} threads on {} usable cores; your code kept {} cores busy (CPU time / wall time)",
                       f.threads, f.usable_cores, format_points(f.student_cpu_ratio));
  }
  if (f.attempts > 1) out += fmt::format("\nattempts: {} (the machine was noisy, so the grader measured again)", f.attempts);
  return out;
}

std::string where(const ExerciseResult& exercise, const Check& check) {
  if (check.location && check.location->known()) return check.location->str();
  return exercise.id;
}

}  // namespace parlab::grader::report
