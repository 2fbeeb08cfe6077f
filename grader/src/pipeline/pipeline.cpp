#include "pipeline/pipeline.hpp"

#include <unistd.h>

#include <algorithm>
#include <mutex>
#include <optional>
#include <chrono>
#include <cstdlib>
#include <fmt/format.h>
#include <functional>
#include <random>
#include <stdexcept>

#include "core/lines.hpp"
#include "core/parallel.hpp"
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
  // Made plain (core/lines.hpp): the work folder's path goes into every
  // build command and into ThreadSanitizer's options. A kit in a folder
  // whose path is not plain ("My Courses") works in the user's cache.
  fs::path root = kit_root / ".parlab" / "work";
  if (const char* home = std::getenv("HOME"); !plain_path(root.string()) && home != nullptr && plain_path(home)) {
    root = fs::path(home) / ".cache" / "parlab" / "work";
  }
  return root / fmt::format("{}-{:08x}", file_name_for(name), hash & 0xffffffffU);
}

namespace {

// One exercise between the two phases of a grade: its checks up to the
// speedup check, and what the speedup check needs.
struct Pending {
  ExerciseResult result;
  Workspace ws;
  steps::KitBuild kit;
  std::uint64_t seed = 0;
  std::string no_timing;  // why the speedup check is skipped; empty: it runs
};

// Phase 1 of an exercise: its kit programs (reference and test listings,
// built once per kit content and shared by every submission graded against
// it), then build, tests and race. All of it may overlap other exercises'
// and other graders' phase 1, never a timing step (the phase lock, shared).
Pending checks_before_timing(const Manifest& manifest, const GradeOptions& options, const Machine& machine,
                             Observer& observer) {
  Pending p;
  p.result.id = manifest.id;
  p.result.title = manifest.title;
  Workspace& ws = p.ws;
  ws.manifest = &manifest;
  ws.kit_root = options.kit_root;
  ws.submission_dir = options.submission / manifest.id;
  ws.root = (options.work_root.empty() ? default_work_root(options.kit_root, options.submission) : options.work_root) /
            manifest.id;
  ws.hidden = options.hidden == "on" || (options.hidden == "auto" && manifest.has_hidden_tests());

  const PhaseLock phase_lock(options.phase_lock);
  StepRunner runner(manifest.id, phase_lock, observer);
  std::vector<Check>& checks = p.result.checks;

  // One fresh seed per exercise and grade, unknown to the student: the
  // judge's inputs, the race check's timed runs and every timed round derive
  // their own from it.
  p.seed = options.seed != 0 ? options.seed : fresh_seed();
  // The kit build is a build like any other, under the same shared lock as
  // the build step (it is not part of the student's build time).
  {
    const PhaseLock::Guard phase = phase_lock.shared();
    p.kit = steps::ensure_kit_build(options.kit_root, machine, manifest);
  }
  const Check build = checks.emplace_back(runner.run(CheckId::build, [&] {
    Check c;
    if (!p.kit.ok) {
      c.status = Status::error;
      c.message = p.kit.problem;
      c.details = p.kit.details;
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
    return steps::build(ws, machine, p.kit);
  }));
  if (build.status != Status::pass) {
    for (const CheckId id : {CheckId::tests, CheckId::race}) checks.push_back(runner.skip(id, "the build check did not pass"));
    p.no_timing = "the build check did not pass";
    return p;
  }
  const Check tests = runner.run(CheckId::tests, [&] {
    return steps::run_tests(ws, machine, p.kit, p.seed ^ 0x6a75646765ULL);  // "judge"
  });
  checks.push_back(tests);
  const bool hung_tests = tests.tests && tests.tests->hung;
  Check race = hung_tests ? runner.skip(CheckId::race, "the tests do not finish; under ThreadSanitizer they would not either")
                          : runner.run(CheckId::race, [&] { return steps::check_races(ws, machine, p.seed ^ 0x72616365ULL); });  // "race"
  if (race.status == Status::pass && tests.status != Status::pass) {
    race.message += " (its points count once every test passes)";
  }
  checks.push_back(race);
  if (!options.timing) {
    p.no_timing = "not requested (--no-speedup)";
  } else if (tests.status != Status::pass) {
    p.no_timing = "make every test pass first: timing wrong code means nothing";
  } else if (race.status == Status::fail) {
    p.no_timing = "fix the data race first";
  }
  return p;
}

// Phase 2 of an exercise: the speedup check, alone on the machine (the
// phase lock, exclusive), then the score.
ExerciseResult finish_with_timing(Pending p, const GradeOptions& options, const Machine& machine, Observer& observer) {
  const PhaseLock phase_lock(options.phase_lock);
  StepRunner runner(p.result.id, phase_lock, observer);
  if (!p.no_timing.empty()) {
    p.result.checks.push_back(runner.skip(CheckId::speedup, p.no_timing));
  } else {
    steps::TimingOptions timing;
    timing.seed = p.seed;
    p.result.checks.push_back(
        runner.run(CheckId::speedup, [&] { return steps::measure_speedup(p.ws, machine, p.kit, timing); }));
  }
  steps::score(p.result, *p.ws.manifest);
  observer.exercise_finished(p.result);
  return std::move(p.result);
}

// The lock that keeps a timing step alone while other lanes build and
// test, for a grade that was not given one by a batch.
fs::path own_phase_lock(const GradeOptions& options) {
  const fs::path root = options.work_root.empty() ? default_work_root(options.kit_root, options.submission) : options.work_root;
  std::error_code ec;
  fs::create_directories(root, ec);
  return root / "phase.lock";
}

}  // namespace

GradeReport grade(const GradeOptions& options_in, const Machine& machine, Observer& observer) {
  const auto start = std::chrono::steady_clock::now();
  GradeReport report;
  report.submission = options_in.submission.string();
  report.kit_version = PARLAB_VERSION;
  report.usable_cores = machine.cores.usable;
  report.sandbox = machine.sandbox_summary;
  const auto exercises = select_exercises(options_in.kit_root, options_in.only);
  GradeOptions options = options_in;
  const std::size_t lanes = std::clamp<std::size_t>(static_cast<std::size_t>(std::max(1, options.lanes)), 1,
                                                    std::max<std::size_t>(1, exercises.size()));
  if (lanes > 1 && options.phase_lock.empty()) options.phase_lock = own_phase_lock(options);
  for (const Manifest& m : exercises) {
    report.hidden_tests = report.hidden_tests || options.hidden == "on" || (options.hidden == "auto" && m.has_hidden_tests());
  }

  // Phase 1, every exercise's build, tests and race check, in lanes; phase
  // 2, their timing steps one after another. The timing steps must run
  // alone, so when they come last nothing waits for them: all the compiling
  // and testing fills the cores first, and the student sees every failed
  // test before the first speedup is measured. Results keep the kit's order.
  std::vector<std::optional<Pending>> pending(exercises.size());
  std::mutex started_mutex;  // exercise_started in the order the lanes take them
  for_each_index(exercises.size(), lanes, [&](std::size_t i) {
    {
      const std::lock_guard lock(started_mutex);
      observer.exercise_started(exercises[i].id, i + 1, exercises.size());  // 1-based, as shown
    }
    pending[i] = checks_before_timing(exercises[i], options, machine, observer);
    return true;
  });
  for (auto& p : pending) report.exercises.push_back(finish_with_timing(std::move(*p), options, machine, observer));
  report.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return report;
}

}  // namespace parlab::grader
