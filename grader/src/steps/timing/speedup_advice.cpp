#include "steps/timing/speedup_advice.hpp"

#include <fmt/format.h>

#include "core/numbers.hpp"

namespace parlab::grader::steps {

namespace {

std::string below_the_bar(const Check& check) {
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

std::string speedup_next_step(const Check& check) {
  if (check.status == Status::fail) return below_the_bar(check);
  return "the timed run did not finish with the baseline's result: check it for crashes, hangs and wrong answers at "
         "the timing size";
}

}  // namespace parlab::grader::steps
