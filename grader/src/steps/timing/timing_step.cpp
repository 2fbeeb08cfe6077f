#include "steps/timing/timing_step.hpp"

#include <algorithm>
#include <cmath>
#include <fmt/format.h>

#include "steps/timer/timer_runner.hpp"
#include "steps/timing/round_runner.hpp"
#include "steps/timing/rounds.hpp"
#include "steps/timing/threshold.hpp"

namespace parlab::grader::steps {

namespace {

timing::Rule rule_of(const Manifest& m) {
  return {m.speedup.kind, m.speedup.fraction, m.speedup.max_parallelism, m.speedup.concurrency, m.speedup.timing_size};
}

// CPU-bound runs must last long enough on many cores that process start-up
// is noise: scale the input up on a fast machine (the warm-up's result check
// already proved the code right; sizes only grow).
std::uint64_t timed_size(std::uint64_t manifest_size, int threads, double warm_up_baseline_ms) {
  const double target_ms = std::clamp(80.0 * threads, 200.0, 2000.0);
  if (warm_up_baseline_ms >= 0.7 * target_ms) return manifest_size;
  return static_cast<std::uint64_t>(static_cast<double>(manifest_size) *
                                    std::ceil(target_ms / std::max(1.0, warm_up_baseline_ms)));
}

}  // namespace

Check measure_speedup(const Workspace& ws, const Machine& machine, const KitBuild& kit, const TimingOptions& options) {
  const Manifest& m = *ws.manifest;
  const timing::Rule rule = rule_of(m);
  const bool cpu = rule.kind == "cpu";
  const int usable = machine.cores.usable;
  const int threads = timing::threads_for(rule, usable);
  SpeedupFigures fig;
  fig.kind = rule.kind;
  fig.fraction = rule.fraction;
  fig.usable_cores = usable;
  fig.threads = threads;

  if (cpu && usable < 2) {
    Check c;
    c.status = Status::inconclusive;
    c.message = fmt::format("not judged: only {} usable core here ({}); a CPU speedup needs at least 2 — grade on "
                            "a machine with more cores",
                            usable, machine.cores.explain());
    c.speedup = fig;
    return c;
  }

  // Baseline and calibration run in the kit's reference program: refuse to
  // time at all unless it provably holds none of the student's code.
  if (const std::string why = reference_holds_student_code(kit, ws); !why.empty()) {
    Check c;
    c.status = Status::error;
    c.message = "not timed: the kit's reference program must hold no student code, and " + why +
                " (if your file defines a kit name, rename it)";
    return c;
  }

  TimerRunnerOptions runner_options;
  runner_options.timeout_s = m.timeouts.timing_run_s;
  runner_options.sample_threads = cpu;  // for the diagnosis of a low speedup
  TimerRunner runner(ws, machine.sandbox, kit.reference(m), runner_options);
  RoundRunner rounds(runner, m, options.seed, usable);

  const WarmUp warm = rounds.warm_up(threads);
  if (warm.stop) return *warm.stop;
  const std::uint64_t size = cpu ? timed_size(m.speedup.timing_size, threads, warm.baseline_ms) : m.speedup.timing_size;
  // The baseline's expected time at the timed size, for the slowdown limit.
  rounds.expect_baseline_ms(warm.baseline_ms * static_cast<double>(size) /
                            static_cast<double>(std::max<std::uint64_t>(1, m.speedup.timing_size)));

  // Measure; on a noisy machine measure again, and a fail close to the bar
  // is confirmed before it stands (timing::BestMeasurement). The calibration
  // is the kit's baseline itself, run as `threads` copies at once on equal
  // shares of the same input size (kit/timer/baseline_copies.hpp): baseline /
  // copies is what this very work reaches on these cores now.
  timing::BestMeasurement best;
  int attempt = 0;
  for (attempt = 1; attempt <= options.max_attempts; ++attempt) {
    // A verdict that the remaining rounds cannot change ends the attempt
    // early (timing::decided_early): the timed phase is the one part of a
    // grade that runs alone, so its rounds are the batch's floor.
    const auto decided = [&](const std::vector<timing::Round>& so_far) {
      return timing::decided_early(rule, threads, so_far, m.speedup.rounds);
    };
    Attempt a = rounds.run_attempt(attempt, size, threads, cpu, decided);
    if (a.stop) return *a.stop;
    if (best.offer(timing::measure(rule, threads, std::move(a.rounds)))) break;
  }
  // The rounds behind the verdict: the manifest's, or fewer when decided early.
  fig.rounds = static_cast<int>(best.accepted().rounds.size());
  fig.attempts = std::min(attempt, options.max_attempts);
  return timing::judge(rule, best.accepted(), fig,
                       fmt::format("input size {} ({} in the manifest); {}", size, m.speedup.timing_size,
                                   machine.cores.explain()));
}

}  // namespace parlab::grader::steps
