#include "scaling/scale_measure.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "steps/timer/timer_runner.hpp"
#include "steps/timing/round_runner.hpp"
#include "steps/timing/thread_use.hpp"
#include "steps/timing/result_compare.hpp"
#include "steps/timing/statistics.hpp"

namespace parlab::grader::scaling {

namespace {

namespace fs = std::filesystem;

using steps::TimerSample;
using timer::Variant;

}  // namespace

double median_error(const std::vector<double>& samples) {
  if (samples.size() < 2) return 0;
  const double iqr = timing::relative_spread(samples) * timing::median(samples);
  return 1.253 * (iqr / 1.349) / std::sqrt(static_cast<double>(samples.size()));
}

Measurement measure_scaling(const Workspace& ws, const Machine& machine, const steps::KitBuild& kit,
                            const ScalePlan& plan, const MeasureOptions& options) {
  const Manifest& m = *ws.manifest;
  Measurement out;
  ScaleResult& r = out.result;
  r.exercise = m.id;
  r.title = m.title;
  r.kind = m.speedup.kind;
  r.usable_cores = machine.cores.usable;
  r.fit_limit = plan.fit_limit;
  r.rounds = std::max(1, options.rounds);
  const double tolerance = m.speedup.result_tolerance;

  // Warm-up, which also loads the binary into the page cache: the code must
  // give the kit's answer before its time means anything.
  // The same runner as the speedup check (steps/timer): a fresh scratch per
  // run, the baseline in the kit's reference program.
  steps::TimerRunnerOptions runner_options;
  runner_options.timeout_s = m.timeouts.timing_run_s;
  runner_options.sample_threads = m.speedup.kind == "cpu";  // each point's load balance
  steps::TimerRunner runner(ws, machine.sandbox, kit.reference(m), runner_options);
  auto run_timer = [&](Variant v, std::uint64_t n, int threads) {
    TimerSample s = runner.run({v, n, threads, options.seed});
    if (!s.ok) s.problem = fmt::format("{} on {} threads", s.problem, threads);
    return s;
  };
  std::uint64_t size = m.speedup.timing_size;
  const TimerSample baseline = run_timer(Variant::baseline, size, 1);
  const TimerSample one = run_timer(Variant::student, size, 1);
  if (!baseline.ok) {
    out.problem = "the kit's baseline failed (" + baseline.problem + "): a kit or machine problem; run tools/setup";
    return out;
  }
  if (!one.ok) {
    out.problem = one.problem + ": run ./grade on this exercise and fix what it reports";
    return out;
  }
  if (!timing::results_agree(baseline.result, one.result, tolerance)) {
    out.problem = "on one thread your code returns a different result from the kit's baseline: run ./grade on this "
                  "exercise and make its tests pass first";
    return out;
  }
  // Inputs only grow, by a whole factor, as in the speedup check: the kit's
  // size is the smallest that means something.
  if (m.speedup.kind == "cpu" && one.wall_ms < 0.75 * options.target_one_thread_ms) {
    size *= static_cast<std::uint64_t>(std::max(1.0, std::round(options.target_one_thread_ms / std::max(1.0, one.wall_ms))));
  }
  r.size = size;
  r.tasks = m.speedup.kind == "latency" ? static_cast<int>(size) : m.speedup.max_parallelism;

  // The reference answer at the timed size; every run must agree with it.
  const TimerSample reference = run_timer(Variant::student, size, 1);
  if (!reference.ok) {
    out.problem = reference.problem;
    return out;
  }

  const std::size_t n = plan.threads.size();
  std::vector<std::vector<double>> ms(n);
  std::vector<std::vector<double>> cores(n);
  // Each run beside the one-thread run at the same size, for the diagnosis.
  std::vector<std::vector<timing::Round>> activity(n);
  for (int round = 0; round < r.rounds; ++round) {
    if (options.on_round) options.on_round(round + 1, r.rounds);
    std::vector<double> this_round(n, 0);
    for (std::size_t i = 0; i < n; ++i) {
      const std::size_t idx = (i + static_cast<std::size_t>(round)) % n;
      const int threads = plan.threads[idx];
      const TimerSample run = run_timer(Variant::student, size, threads);
      if (!run.ok) {
        out.problem = run.problem;
        return out;
      }
      if (!timing::results_agree(reference.result, run.result, tolerance)) {
        out.problem = fmt::format("on {} threads your code returns a different result from one thread: results "
                                  "must not depend on the threads (a race?); run ./grade on this exercise",
                                  threads);
        return out;
      }
      this_round[idx] = run.wall_ms;
      cores[idx].push_back(run.cpu_ms / std::max(1e-3, run.wall_ms));
      timing::Round beside_one_thread;
      beside_one_thread.baseline = steps::times_of(reference);
      beside_one_thread.student = steps::times_of(run);
      activity[idx].push_back(std::move(beside_one_thread));
    }
    for (std::size_t i = 0; i < n; ++i) ms[i].push_back(this_round[i]);
  }

  // Ratios within a round: its t(1) and t(k) ran seconds apart, so a neighbour
  // that comes and goes slows both rather than one.
  for (std::size_t i = 0; i < n; ++i) {
    ScalePoint pt;
    pt.threads = plan.threads[i];
    for (int round = 0; round < r.rounds; ++round) {
      pt.ratios.push_back(ms[0][static_cast<std::size_t>(round)] / std::max(1e-3, ms[i][static_cast<std::size_t>(round)]));
    }
    pt.speedup = timing::median(pt.ratios);
    pt.speedup_error = median_error(pt.ratios);
    pt.median_ms = timing::median(ms[i]);
    pt.cores_used = timing::median(cores[i]);
    pt.in_fit = pt.threads <= plan.fit_limit;
    if (const auto use = timing::thread_use(activity[i], pt.threads, r.usable_cores, /*failed=*/pt.threads >= 2)) {
      pt.balance = use->balance_efficiency;
      pt.busiest_share = use->busiest_share;
      pt.diagnosis = use->diagnosis;
    }
    r.points.push_back(pt);
  }
  r.fit = fit_points(r);
  out.ok = true;
  return out;
}

}  // namespace parlab::grader::scaling
