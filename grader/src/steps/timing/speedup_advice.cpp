#include "steps/timing/speedup_advice.hpp"

#include <fmt/format.h>

#include "core/numbers.hpp"
#include "steps/timing/thread_use.hpp"

namespace parlab::grader::steps {

namespace {

std::string percent(double share) { return fmt::format("{:.0f}%", 100 * share); }

}  // namespace

std::string diagnosis_advice(const ThreadUse& u, int threads, int cores, int peak_threads) {
  const std::string& d = u.diagnosis;
  if (d == "oversubscribed") {
    return fmt::format("{} threads on {} cores: they waited {} of their run time for a core; start the {} threads "
                       "you are given, not one per item, and give each a share of the work",
                       peak_threads, cores, percent(u.run_delay_share), threads);
  }
  if (d == "overhead") {
    return fmt::format("your threads blocked and woke {:.0f} times per ms, using {:.1f}× the baseline's CPU time: "
                       "tasks too small for what handing them out costs, or a lock taken per item; hand out chunks "
                       "of at least 100 µs of work (lesson 12_tiny_tasks) with a partial result per thread "
                       "(lesson 03_race_counter)",
                       u.switches_per_ms, u.cpu_vs_baseline);
  }
  if (d == "too_few_threads") {
    return fmt::format("one thread did {} of the work: at most 1 thread was busy at a time; split the work over the "
                       "{} threads and run them at the same time",
                       percent(u.busiest_share), threads);
  }
  if (d == "imbalance") {
    return fmt::format("thread {} did {} of the work of the {} busiest (load-balance efficiency {:.2f}), while the "
                       "others finished early and waited; balance the work: interleave it or hand out small chunks "
                       "as threads become free (lesson 11_mandelbrot_balance)",
                       u.busiest_thread, percent(u.busiest_share), threads, u.balance_efficiency);
  }
  if (d == "serialized" && u.cpu_vs_baseline >= timing::kContendedCpu) {
    return fmt::format("on average {:.1f} of {} threads were busy, yet they used {:.1f}× the baseline's CPU time: "
                       "they take turns at a lock held for every item; give each thread its own partial result and "
                       "combine once (lesson 03_race_counter)",
                       u.busy_threads, threads, u.cpu_vs_baseline);
  }
  if (d == "serialized") {
    return fmt::format("on average {:.1f} of {} threads were busy: your threads ran one after another; start every "
                       "thread before joining any, and keep locks and sequential phases away from the hot loop",
                       u.busy_threads, threads);
  }
  if (d == "contention") {
    return fmt::format("all {} threads were busy but used {:.1f}× the baseline's CPU time for the same work: they "
                       "fight over shared data (an atomic per item, counters on one cache line); give each thread "
                       "its own partial result and combine once (lessons 02_slow_sum and 03_race_counter)",
                       threads, u.cpu_vs_baseline);
  }
  return fmt::format("your {} threads were busy and balanced, with the baseline's CPU time, yet the speedup is low: "
                     "memory traffic may be the limit; `grade scale` shows how it grows with threads",
                     threads);
}

namespace {

std::string below_the_bar(const Check& check) {
  if (!check.speedup) return "make the work run on all threads at the same time, then grade again";
  const SpeedupFigures& f = *check.speedup;
  if (f.kind == "latency") {
    return fmt::format("overlap the waits: keep up to {} requests in flight at once instead of one after another",
                       format_points(f.attainable));
  }
  if (f.thread_use && !f.thread_use->diagnosis.empty()) {
    return diagnosis_advice(*f.thread_use, f.threads, f.usable_cores, f.student_peak_threads);
  }
  // Not sampled (runs too short): the CPU ratio alone.
  const double busy_threshold = 0.75 * (f.threads > 0 ? f.threads : 1);
  if (f.student_cpu_ratio > 0 && f.student_cpu_ratio < busy_threshold) {
    return fmt::format(
        "your code kept only {} cores busy with {} threads: split the work so every thread runs at the same time (no "
        "lock, join, sleep or sequential phase around the hot loop)",
        format_points(f.student_cpu_ratio), f.threads);
  }
  return fmt::format("your threads kept {} cores busy but got no faster than the baseline: they spin, wait on a "
                     "shared atomic or lock per element, or share cache lines; give each thread its own share of the "
                     "work and its own partial result, and combine once",
                     format_points(f.student_cpu_ratio));
}

}  // namespace

std::string speedup_next_step(const Check& check) {
  if (check.status == Status::fail) return below_the_bar(check);
  return "the timed run did not finish with the baseline's result: check it for crashes, hangs and wrong answers at "
         "the timing size";
}

}  // namespace parlab::grader::steps
