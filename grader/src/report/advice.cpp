#include "report/advice.hpp"

#include "core/lines.hpp"

#include <fmt/format.h>

#include "report/text.hpp"

namespace parlab::grader::report {

std::string check_description(CheckId id) {
  switch (id) {
    case CheckId::build: return "builds the submission with the kit's CMake, warnings on";
    case CheckId::tests: return "runs the exercise's GoogleTest tests";
    case CheckId::race: return "runs the tests again under ThreadSanitizer";
    case CheckId::speedup: return "times the submission against the kit's sequential baseline";
  }
  return to_string(id);
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
