#include "pipeline/pipeline.hpp"

#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <fmt/format.h>
#include <functional>
#include <random>
#include <stdexcept>

#include "core/phase_lock.hpp"
#include "core/workspace.hpp"
#include "pipeline/exercise_selection.hpp"
#include "pipeline/step_runner.hpp"
#include "sandbox/isolation.hpp"
#include "sandbox/kit_privacy.hpp"
#include "steps/build/build_step.hpp"
#include "steps/race/canary.hpp"
#include "steps/race/race_step.hpp"
#include "steps/score/score.hpp"
#include "steps/stage/stage.hpp"
#include "steps/tests/test_step.hpp"
#include "steps/timing/timing_step.hpp"

namespace parlab::grader {

namespace {

namespace fs = std::filesystem;

std::uint64_t fresh_seed() {
  std::random_device device;
  return (std::uint64_t{device()} << 32) | device();
}

}  // namespace

Machine probe_machine(const fs::path& kit_root, const fs::path& scratch, bool use_bubblewrap) {
  Machine m;
  m.cores = platform::usable_cores();
  m.build_jobs = std::max(1, m.cores.usable);
  // The sandbox first: the canary must prove TSan works inside it.
  std::error_code ec;
  fs::create_directories(scratch, ec);
  m.sandbox = sandbox::probe_layers(scratch, use_bubblewrap);
  m.sandbox_summary = m.sandbox.summary();
  // Student code runs as another uid: the kit's secrets (solutions, hidden
  // tests, history, built solutions) must not be readable by it, with or
  // without bubblewrap.
  if (m.sandbox.drop_privileges) {
    m.sandbox_summary += "; " + sandbox::make_kit_secrets_private(kit_root).summary();
  }
  // A folder of this process's own: a grader of the same submission that is
  // still running (or a killed one's last writes) must not share the canary.
  const fs::path canary_dir = scratch / fmt::format("canary-{}", ::getpid());
  steps::probe_tsan(m, kit_root, canary_dir);
  fs::remove_all(canary_dir, ec);
  return m;
}

fs::path default_work_root(const fs::path& kit_root, const fs::path& submission) {
  const std::string abs = fs::weakly_canonical(submission).string();
  const auto hash = std::hash<std::string>{}(abs);
  std::string name = submission.filename().string();
  if (name.empty() || name == ".") name = "submission";
  return kit_root / ".parlab" / "work" / fmt::format("{}-{:08x}", name, hash & 0xffffffffU);
}

ExerciseResult grade_exercise(const Manifest& manifest, const GradeOptions& options, const Machine& machine,
                              const steps::KitBuild& kit, Observer& observer) {
  ExerciseResult result;
  result.id = manifest.id;
  result.title = manifest.title;
  Workspace ws;
  ws.manifest = &manifest;
  ws.kit_root = options.kit_root;
  ws.submission_dir = options.submission / manifest.id;
  ws.root = (options.work_root.empty() ? default_work_root(options.kit_root, options.submission) : options.work_root) /
            manifest.id;
  ws.hidden = options.hidden == "on" || (options.hidden == "auto" && manifest.has_hidden_tests());

  const PhaseLock phase_lock(options.phase_lock);
  StepRunner runner(manifest.id, phase_lock, observer);

  // One fresh seed per exercise and grade, unknown to the student: the
  // judge's inputs, the race check's timed runs and every timed round derive
  // their own from it.
  const std::uint64_t seed = options.seed != 0 ? options.seed : fresh_seed();
  const Check build = result.checks.emplace_back(runner.run(CheckId::build, [&] {
    Check c;
    if (!kit.ok) {
      c.status = Status::error;
      c.message = kit.problem;
      c.details = kit.details;
      return c;
    }
    const auto staged = steps::stage(ws, machine.sandbox);
    if (!staged.ok) {
      c.status = Status::error;
      c.message = staged.message;
      c.location = staged.location;
      c.missing_file = staged.missing_file;
      return c;
    }
    return steps::build(ws, machine, kit);
  }));
  if (build.status != Status::pass) {
    for (const CheckId id : {CheckId::tests, CheckId::race, CheckId::speedup}) {
      result.checks.push_back(runner.skip(id, "the build check did not pass"));
    }
  } else {
    const Check tests = runner.run(CheckId::tests, [&] {
      return steps::run_tests(ws, machine, kit, seed ^ 0x6a75646765ULL);  // "judge"
    });
    result.checks.push_back(tests);
    const bool hung_tests = tests.tests && tests.tests->hung;
    Check race = hung_tests ? runner.skip(CheckId::race, "the tests do not finish; under ThreadSanitizer they would not either")
                            : runner.run(CheckId::race, [&] { return steps::check_races(ws, machine, seed ^ 0x72616365ULL); });  // "race"
    if (race.status == Status::pass && tests.status != Status::pass) {
      race.message += " (its points count once every test passes)";
    }
    result.checks.push_back(race);
    if (!options.timing) {
      result.checks.push_back(runner.skip(CheckId::speedup, "not requested (--no-speedup)"));
    } else if (tests.status != Status::pass) {
      result.checks.push_back(runner.skip(CheckId::speedup, "make every test pass first: timing wrong code means nothing"));
    } else if (race.status == Status::fail) {
      result.checks.push_back(runner.skip(CheckId::speedup, "fix the data race first"));
    } else {
      steps::TimingOptions timing;
      timing.seed = seed;
      result.checks.push_back(runner.run(CheckId::speedup, [&] { return steps::measure_speedup(ws, machine, kit, timing); }));
    }
  }
  steps::score(result, manifest);
  observer.exercise_finished(result);
  return result;
}

GradeReport grade(const GradeOptions& options, const Machine& machine, Observer& observer) {
  const auto start = std::chrono::steady_clock::now();
  GradeReport report;
  report.submission = options.submission.string();
  report.kit_version = PARLAB_VERSION;
  report.usable_cores = machine.cores.usable;
  report.sandbox = machine.sandbox_summary;
  const auto exercises = select_exercises(options.kit_root, options.only);
  for (std::size_t i = 0; i < exercises.size(); ++i) {
    const Manifest& m = exercises[i];
    report.hidden_tests = report.hidden_tests || options.hidden == "on" || (options.hidden == "auto" && m.has_hidden_tests());
    observer.exercise_started(m.id, i + 1, exercises.size());  // 1-based, as shown
    // The exercise's own kit programs (reference and test listings), built
    // once per kit content and shared by every submission graded against it.
    const steps::KitBuild kit = steps::ensure_kit_build(options.kit_root, machine, m);
    report.exercises.push_back(grade_exercise(m, options, machine, kit, observer));
  }
  report.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return report;
}

}  // namespace parlab::grader
