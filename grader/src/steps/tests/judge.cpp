#include "steps/tests/judge.hpp"

#include <algorithm>
#include <fmt/format.h>

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

JudgeOutcome run_judge(const Workspace& ws, const Machine& machine, const KitBuild& kit, std::uint64_t seed) {
  const Manifest& m = *ws.manifest;
  TimerRunnerOptions options;
  options.timeout_s = m.timeouts.timing_run_s;
  TimerRunner runner(ws, machine.sandbox, kit.reference(m), options);
  JudgeOutcome out;
  std::uint64_t index = 0;
  for (const std::uint64_t size : m.judge.sizes) {
    for (const int threads : judged_threads(m, machine)) {
      const std::uint64_t s = derived_seed(seed, index++);
      ++out.total;
      const std::string what = fmt::format("size {}, {} thread{}", size, threads, threads == 1 ? "" : "s");
      const TimerSample expected = runner.run({timer::Variant::baseline, size, 1, s});
      if (!expected.ok) {
        // Not the student's fault, but no pass without a reference answer.
        out.failures.push_back(fmt::format("fresh input ({}): the kit's reference program failed: {}", what,
                                           expected.problem));
        continue;
      }
      const TimerSample got = runner.run({timer::Variant::student, size, threads, s});
      if (!got.ok) {
        out.failures.push_back(fmt::format("fresh input ({}): {}", what, got.problem));
        if (got.timed_out) {
          out.hung = true;
          return out;
        }
        continue;
      }
      if (!timing::results_agree(expected.result, got.result, m.speedup.result_tolerance)) {
        out.failures.push_back(fmt::format("wrong result on a fresh input ({}, seed {}): expected {}, got {}", what, s,
                                           head_of(expected.result), head_of(got.result)));
        continue;
      }
      ++out.passed;
    }
  }
  return out;
}

}  // namespace parlab::grader::steps
