#include "steps/tests/judge.hpp"

#include <algorithm>
#include <optional>
#include <fmt/format.h>

#include "core/parallel.hpp"
#include "core/seeds.hpp"
#include "steps/timer/timer_runner.hpp"
#include "steps/timing/result_compare.hpp"

namespace parlab::grader::steps {

namespace {

// The first tokens of a result: enough to see the difference, short enough for a message.
std::string head_of(const std::string& tokens) {
  constexpr std::size_t kShown = 60;
  return tokens.size() <= kShown ? tokens : tokens.substr(0, kShown) + "…";
}

}  // namespace

std::vector<int> judged_threads(const Manifest& m, const Machine& machine) {
  const int most = m.speedup.kind == "latency" ? m.speedup.concurrency : std::max(1, machine.cores.usable);
  std::vector<int> threads = {1, 2, 3, 7, most};
  std::sort(threads.begin(), threads.end());
  threads.erase(std::unique(threads.begin(), threads.end()), threads.end());
  return threads;
}

namespace {

struct Case {
  std::uint64_t size = 0;
  int threads = 1;
  std::uint64_t seed = 0;
};

// What one case came to: a pass, or one failure line.
struct CaseOutcome {
  bool passed = false;
  bool hung = false;
  std::string failure;
};

CaseOutcome judge_case(TimerRunner& runner, const Manifest& m, const Case& k) {
  CaseOutcome o;
  const std::string what = fmt::format("size {}, {} thread{}", k.size, k.threads, k.threads == 1 ? "" : "s");
  const TimerSample expected = runner.run({timer::Variant::baseline, k.size, 1, k.seed});
  if (!expected.ok) {
    // Not the student's fault, but no pass without a reference answer.
    o.failure = fmt::format("fresh input ({}): the kit's reference program failed: {}", what, expected.problem);
    return o;
  }
  const TimerSample got = runner.run({timer::Variant::student, k.size, k.threads, k.seed});
  if (!got.ok) {
    o.failure = fmt::format("fresh input ({}): {}", what, got.problem);
    o.hung = got.timed_out;
    return o;
  }
  if (!timing::results_agree(expected.result, got.result, m.speedup.result_tolerance)) {
    o.failure = fmt::format("wrong result on a fresh input ({}, seed {}): expected {}, got {}", what, k.seed,
                            head_of(expected.result), head_of(got.result));
    return o;
  }
  o.passed = true;
  return o;
}

}  // namespace

JudgeOutcome run_judge(const Workspace& ws, const Machine& machine, const KitBuild& kit, std::uint64_t seed) {
  const Manifest& m = *ws.manifest;
  TimerRunnerOptions options;
  options.timeout_s = m.timeouts.timing_run_s;
  TimerRunner runner(ws, machine.sandbox, kit.reference(m), options);
  std::vector<Case> cases;
  for (const std::uint64_t size : m.judge.sizes) {
    for (const int threads : judged_threads(m, machine)) {
      cases.push_back({size, threads, derived_seed(seed, cases.size())});
    }
  }

  // The cases are independent and nothing here is timed: several run at
  // once. A latency exercise's cases mostly wait on the simulated network,
  // and a CPU-bound one's are small. A hang stops new cases from starting.
  std::vector<std::optional<CaseOutcome>> outcomes(cases.size());
  for_each_index(cases.size(), kJudgeRunsAtOnce, [&](std::size_t i) {
    outcomes[i] = judge_case(runner, m, cases[i]);
    return !outcomes[i]->hung;
  });

  // In case order, as if run one by one: the cases after the first hang
  // do not count, whether or not they ran.
  JudgeOutcome out;
  for (const auto& o : outcomes) {
    if (!o) break;  // not started: after a hang
    ++out.total;
    if (o->passed) {
      ++out.passed;
    } else {
      out.failures.push_back(o->failure);
    }
    if (o->hung) {
      out.hung = true;
      break;
    }
  }
  return out;
}

}  // namespace parlab::grader::steps
