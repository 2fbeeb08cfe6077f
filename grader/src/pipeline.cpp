#include "pipeline.hpp"

#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <fmt/format.h>
#include <functional>
#include <random>
#include <stdexcept>

#include "core/phase_lock.hpp"
#include "core/workspace.hpp"
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

bool selects(const std::string& selector, const Manifest& m) {
  if (selector == m.id || selector == m.slug) return true;
  // "3", "03" or "03_" pick exercise 03.
  const auto underscore = m.id.find('_');
  const std::string number = m.id.substr(0, underscore);
  try {
    return !selector.empty() && std::all_of(selector.begin(), selector.end(), ::isdigit) &&
           std::stoi(selector) == std::stoi(number);
  } catch (const std::exception&) {
    return false;
  }
}

Check skipped(const std::string& name, const std::string& why) {
  Check c;
  c.name = name;
  c.status = Status::skipped;
  c.message = "skipped: " + why;
  return c;
}

std::uint64_t fresh_seed() {
  std::random_device device;
  return (std::uint64_t{device()} << 32) | device();
}

}  // namespace

std::vector<Manifest> select_exercises(const fs::path& kit_root, const std::vector<std::string>& only) {
  auto all = load_exercises(kit_root / "exercises");
  if (only.empty()) return all;
  std::vector<Manifest> chosen;
  for (const auto& selector : only) {
    const auto it = std::find_if(all.begin(), all.end(), [&](const Manifest& m) { return selects(selector, m); });
    if (it == all.end()) {
      std::string ids;
      for (const auto& m : all) ids += " " + m.id;
      throw std::invalid_argument(fmt::format("no exercise '{}' in this kit; the exercises are:{}", selector, ids));
    }
    if (std::none_of(chosen.begin(), chosen.end(), [&](const Manifest& m) { return m.id == it->id; })) {
      chosen.push_back(*it);
    }
  }
  return chosen;
}

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
  steps::probe_tsan(m, kit_root, scratch / "canary");
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
  auto step = [&](const std::string& name, auto&& body) -> Check {
    observer.step_started(manifest.id, name);
    Check c;
    try {
      // Timing needs the machine to itself; the other steps may overlap
      // with other graders' steps, but never with their timing.
      const PhaseLock::Guard phase = name == "speedup" ? phase_lock.exclusive() : phase_lock.shared();
      c = body();
    } catch (const std::exception& e) {
      c.name = name;
      c.status = Status::error;
      c.message = fmt::format("internal grader error in the {} step: {} (please report it)", name, e.what());
    }
    observer.step_finished(manifest.id, c);
    return c;
  };

  // One fresh seed per exercise and grade, unknown to the student: the
  // judge's inputs, the race check's timed runs and every timed round derive
  // their own from it.
  const std::uint64_t seed = options.seed != 0 ? options.seed : fresh_seed();
  int tests_passed = 0;
  int tests_total = 0;
  bool hung_tests = false;
  Check build = step("build", [&] {
    if (!kit.ok) {
      Check c;
      c.name = "build";
      c.status = Status::error;
      c.message = kit.problem;
      c.details = kit.details;
      return c;
    }
    const auto staged = steps::stage(ws);
    if (!staged.ok) {
      Check c;
      c.name = "build";
      c.status = Status::error;
      c.message = staged.message;
      c.location = staged.location;
      return c;
    }
    return steps::build(ws, machine);
  });
  result.checks.push_back(build);
  if (build.status != Status::pass) {
    for (const char* name : {"tests", "race", "speedup"}) {
      result.checks.push_back(skipped(name, "the build check did not pass"));
      observer.step_finished(manifest.id, result.checks.back());
    }
  } else {
    Check tests = step("tests", [&] {
      auto outcome = steps::run_tests(ws, machine, kit, seed ^ 0x6a75646765ULL);  // "judge"
      tests_passed = outcome.passed;
      tests_total = outcome.total;
      hung_tests = outcome.hung;
      return outcome.check;
    });
    result.checks.push_back(tests);
    Check race = hung_tests ? skipped("race", "the tests do not finish; under ThreadSanitizer they would not either")
                            : step("race", [&] { return steps::check_races(ws, machine, seed ^ 0x72616365ULL); });  // "race"
    if (hung_tests) observer.step_finished(manifest.id, race);
    if (race.status == Status::pass && tests.status != Status::pass) {
      race.message += " (its points count once every test passes)";
    }
    result.checks.push_back(race);
    if (!options.timing) {
      result.checks.push_back(skipped("speedup", "not requested (--no-speedup)"));
    } else if (tests.status != Status::pass) {
      result.checks.push_back(skipped("speedup", "make every test pass first: timing wrong code means nothing"));
    } else if (race.status == Status::fail) {
      result.checks.push_back(skipped("speedup", "fix the data race first"));
    } else {
      steps::TimingOptions timing;
      timing.seed = seed;
      result.checks.push_back(step("speedup", [&] { return steps::measure_speedup(ws, machine, kit, timing); }));
    }
    if (result.checks.back().status == Status::skipped) observer.step_finished(manifest.id, result.checks.back());
  }
  steps::score(result, manifest, tests_passed, tests_total);
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
  // The kit's own programs (reference and test listings), built once per kit
  // content and shared by every submission graded against it.
  const steps::KitBuild kit = steps::ensure_kit_build(options.kit_root, machine);
  for (std::size_t i = 0; i < exercises.size(); ++i) {
    const Manifest& m = exercises[i];
    report.hidden_tests = report.hidden_tests || options.hidden == "on" || (options.hidden == "auto" && m.has_hidden_tests());
    observer.exercise_started(m.id, i + 1, exercises.size());  // 1-based, as shown
    report.exercises.push_back(grade_exercise(m, options, machine, kit, observer));
  }
  report.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return report;
}

}  // namespace parlab::grader
