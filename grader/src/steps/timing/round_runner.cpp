#include "steps/timing/round_runner.hpp"

#include <algorithm>
#include <chrono>
#include <fmt/format.h>

#include "core/files.hpp"
#include "core/seeds.hpp"
#include "steps/timing/result_compare.hpp"
#include "steps/timing/speedup_advice.hpp"
#include "steps/timing/thread_use.hpp"

namespace parlab::grader::steps {

using timer::Variant;

timing::RunTimes times_of(const TimerSample& s) {
  timing::RunTimes t{s.wall_ms, s.cpu_ms, s.peak_threads, {}, {}, 0, 0};
  double sampled_cpu_ms = 0;
  std::int64_t sampled_switches = 0;
  for (const auto& thread : s.threads.threads) {
    t.thread_cpu_ms.push_back(std::chrono::duration<double, std::milli>(thread.cpu).count());
    sampled_cpu_ms += t.thread_cpu_ms.back();
    t.run_delay_ms += std::chrono::duration<double, std::milli>(thread.run_delay).count();
    sampled_switches += thread.timeslices;
  }
  for (const auto& region : s.threads.regions) {
    std::vector<double> ms;
    for (const auto used : region) ms.push_back(std::chrono::duration<double, std::milli>(used).count());
    t.region_cpu_ms.push_back(std::move(ms));
  }
  t.context_switches = s.threads.voluntary_switches + s.threads.involuntary_switches;
  // A run stopped by the grader has no rusage of the program itself (its
  // pid-1 wrapper was killed before reaping it): the samples are then the
  // better account of its CPU time and switches.
  if (s.timed_out) {
    t.cpu_ms = std::max(t.cpu_ms, sampled_cpu_ms);
    t.context_switches = std::max(t.context_switches, sampled_switches);
  }
  return t;
}

RoundRunner::RoundRunner(TimerRunner& runner, const Manifest& manifest, std::uint64_t seed, int cores)
    : runner_(runner), m_(manifest), seed_(seed), cores_(cores) {}

void RoundRunner::expect_baseline_ms(double ms) {
  baseline_ms_ = ms;
  runner_.limit_student_runs(
      std::chrono::milliseconds(static_cast<std::int64_t>(std::max(kMinSlowdownLimitMs, kMaxSlowdown * ms))));
}

WarmUp RoundRunner::warm_up(int threads) {
  WarmUp w;
  threads_ = threads;
  const std::uint64_t size = m_.speedup.timing_size;
  const std::uint64_t seed = derived_seed(seed_, 0);
  const TimerSample base = runner_.run({Variant::baseline, size, 1, seed});
  if (!base.ok) {
    Check c;
    c.status = Status::error;
    c.message = "the kit's baseline failed to run: " + base.problem + " (a kit or machine problem, not yours)";
    w.stop = c;
    return w;
  }
  w.baseline_ms = base.wall_ms;
  expect_baseline_ms(base.wall_ms);
  const TimerSample student = runner_.run({Variant::student, size, threads, seed});
  if (!student.ok) {
    w.stop = failed_run(Variant::student, student);
    return w;
  }
  if (!timing::results_agree(base.result, student.result, m_.speedup.result_tolerance)) {
    Check c;
    c.status = Status::fail;
    c.message = fmt::format("the timed run (size {}, {} threads) returned a different result from the kit's "
                            "baseline: the code that is timed must be the code that is tested",
                            size, threads);
    c.details = "expected: " + first_lines(base.result, 3) + "\n     got: " + first_lines(student.result, 3);
    w.stop = c;
  }
  return w;
}

Attempt RoundRunner::run_attempt(int attempt, std::uint64_t size, int threads, bool calibrate, const Decided& decided) {
  Attempt a;
  threads_ = threads;
  for (int r = 0; r < m_.speedup.rounds; ++r) {
    // Every round draws a new input, numbered across attempts (0 is the
    // warm-up's): baseline and student of this round agree on it, and
    // nothing stored by an earlier run can answer it.
    const std::uint64_t seed =
        derived_seed(seed_, static_cast<std::uint64_t>(1 + (attempt - 1) * m_.speedup.rounds + r));
    timing::Round round;
    if (auto stop = run_round(seed, r, size, threads, calibrate, round)) {
      a.stop = std::move(stop);
      return a;
    }
    a.rounds.push_back(round);
    if (decided && decided(a.rounds)) break;
  }
  return a;
}

std::optional<Check> RoundRunner::run_round(std::uint64_t seed, int rotation, std::uint64_t size, int threads,
                                            bool calibrate, timing::Round& round) {
  std::vector<Variant> order = {Variant::baseline, Variant::student};
  if (calibrate) order.push_back(Variant::calibrate);
  TimerSample baseline;
  TimerSample student;
  TimerSample calibration;
  // Rotate the order inside each round, so no variant always runs first
  // (cold caches) or last (after the machine warmed up).
  for (std::size_t k = 0; k < order.size(); ++k) {
    const Variant v = order[(k + static_cast<std::size_t>(rotation)) % order.size()];
    TimerSample& s = v == Variant::baseline ? baseline : v == Variant::student ? student : calibration;
    // The baseline is sequential; the calibration's copies share `threads`.
    s = runner_.run({v, size, v == Variant::baseline ? 1 : threads, seed});
    if (!s.ok) return failed_run(v, s);
  }
  if (!timing::results_agree(baseline.result, student.result, m_.speedup.result_tolerance)) {
    Check c;
    c.status = Status::fail;
    c.message = "a timed run returned a different result from the kit's baseline: results must not depend on "
                "timing or thread scheduling (a race?)";
    return c;
  }
  round.baseline = times_of(baseline);
  round.student = times_of(student);
  if (calibrate) round.calibration = times_of(calibration);
  return std::nullopt;
}

Check RoundRunner::failed_run(Variant variant, const TimerSample& s) const {
  // Stopped by the slowdown limit, not by the manifest's own timeout.
  const bool stopped_as_too_slow = s.timed_out && s.wall_ms < 1000.0 * m_.timeouts.timing_run_s;
  if (variant == Variant::student && stopped_as_too_slow) return too_slow(s);
  Check c;
  c.status = variant == Variant::student ? Status::fail : Status::error;
  c.message = s.problem;
  return c;
}

Check RoundRunner::too_slow(const TimerSample& s) const {
  Check c;
  c.status = Status::fail;
  c.message = fmt::format("far below the bar: your timed run was stopped after {:.1f} s, more than {:.0f}× the "
                          "{:.0f} ms of the kit's sequential baseline",
                          s.wall_ms / 1000, kMaxSlowdown, baseline_ms_);
  c.details = "a run this slow usually waits on a lock or an atomic for every item: give each thread its own "
              "partial result and combine them once at the end";
  // What its threads did until it was stopped, beside a sequential baseline
  // (whose CPU time is its wall time).
  timing::Round round;
  round.baseline.wall_ms = baseline_ms_;
  round.baseline.cpu_ms = baseline_ms_;
  round.student = times_of(s);
  if (const auto use = timing::thread_use({round}, threads_, cores_, /*failed=*/true)) {
    c.next_step = diagnosis_advice(*use, threads_, cores_, s.peak_threads);
    c.details = timing::describe_threads(*use, threads_);
  }
  return c;
}

}  // namespace parlab::grader::steps
