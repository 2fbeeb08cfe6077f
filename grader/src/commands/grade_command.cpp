// `grade [DIR] [EXERCISE...]`: the main command. Builds a submission under
// ThreadSanitizer, runs its tests, measures its speedup and scores it.
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fmt/format.h>
#include <random>
#include <system_error>

#include "commands/commands.hpp"
#include "core/files.hpp"
#include "core/lines.hpp"
#include "core/phase_lock.hpp"
#include "pipeline/pipeline.hpp"
#include "report/report.hpp"
#include "sandbox/process.hpp"

namespace {

namespace fs = std::filesystem;
using namespace parlab::grader;

// Adapts the terminal progress display to the pipeline's observer interface.
class ProgressObserver final : public Observer {
 public:
  explicit ProgressObserver(report::TerminalProgress& p) : p_(p) {}
  void exercise_started(const std::string& id, std::size_t i, std::size_t n) override { p_.exercise_started(id, i, n); }
  void step_started(const std::string& id, CheckId s) override { p_.step_started(id, s); }
  void step_finished(const std::string& id, const Check& c) override { p_.step_finished(id, c); }
  void exercise_finished(const ExerciseResult& r) override { p_.exercise_finished(r); }

 private:
  report::TerminalProgress& p_;
};

std::string render(const std::string& format, const GradeReport& r, const report::GradescopeOptions& gradescope,
                   std::FILE* human) {
  if (format == "json") return report::to_json(r);
  if (format == "junit") return report::to_junit(r);
  if (format == "gradescope") return report::to_gradescope(r, gradescope);
  if (format == "classroom") return report::to_classroom_all(r);
  if (format == "classroom50") {
    // Classroom 50's runner (or the kit's workflow) names the submission in
    // the environment; without it the result cannot reach a gradebook.
    const auto identity = report::classroom50_identity_from_env(std::getenv, report::utc_now_iso8601());
    if (!identity.missing.empty()) {
      std::fprintf(human, "grade: classroom50: %s not set; the result has placeholders a gradebook rejects\n",
                   identity.missing.c_str());
    }
    return report::to_classroom50(r, identity);
  }
  if (format == "prairielearn") return report::to_prairielearn(r);
  if (format == "markdown") return report::to_markdown(r);
  return {};
}

bool env_is(const char* name, const char* value) {
  const char* v = std::getenv(name);
  return v != nullptr && std::string(v) == value;
}

}  // namespace

namespace parlab::grader::commands {

int grade_command(int argc, char** argv) {
  CLI::App app{"parlab grader: builds a submission under ThreadSanitizer, runs its tests and measures its speedup.",
               "grade"};
  app.footer(
      "DIR is a folder laid out like exercises/ (default: ./exercises). EXERCISE picks exercises by id, name or\n"
      "number (04_monte_carlo_pi, monte_carlo_pi or 4). Exit status: 0 when every graded exercise passed, 1 when\n"
      "one did not, 2 on a usage error. Output formats are documented in docs/grader-output.md.");

  std::vector<std::string> positional;
  std::string kit = PARLAB_KIT_DIR;
  std::string hidden = "auto";
  std::string format = "terminal";
  std::string out_path;
  std::string work;
  std::string color = "auto";
  std::string phase_lock;
  bool no_speedup = false;
  bool always_zero = false;
  bool no_bubblewrap = false;
  std::uint64_t seed = 0;
  int lanes = 0;
  app.add_option("DIR EXERCISE", positional, "submission folder, then exercises to grade");
  app.add_option("--kit", kit, "the kit to grade against (exercises, tests, CMake)")->check(CLI::ExistingDirectory);
  app.add_option("--hidden", hidden, "run hidden tests: auto = when the kit has them")
      ->check(CLI::IsMember({"auto", "on", "off"}));
  app.add_option("--format", format, "report format")
      ->check(CLI::IsMember(
          {"terminal", "json", "junit", "gradescope", "classroom", "classroom50", "prairielearn", "markdown"}));
  app.add_option("--out", out_path, "write the report here instead of standard output");
  app.add_option("--work", work, "scratch folder (default: <kit>/.parlab/work/...)");
  app.add_option("--seed", seed, "input seed for timed runs (default: fresh each grade)");
  app.add_option("--color", color, "colour in the terminal")->check(CLI::IsMember({"auto", "always", "never"}));
  app.add_flag("--no-speedup", no_speedup, "skip the speedup check (quicker feedback while fixing tests)");
  app.add_flag("--no-bubblewrap", no_bubblewrap,
               "run student code without the bubblewrap layer even where it works (as on hosts that refuse it)");
  app.add_flag("--always-exit-zero", always_zero, "exit 0 whatever the verdicts (for CI formats that read the report)");
  report::GradescopeOptions gradescope;
  app.add_option("--gradescope-hidden-visibility", gradescope.hidden_visibility,
                 "Gradescope visibility of the tests checks when hidden tests ran (their output may reveal them)")
      ->check(CLI::IsMember({"hidden", "after_due_date", "after_published", "visible"}));
  app.add_option("--phase-lock", phase_lock,
                 "lock file shared with concurrent graders (grade batch): timing runs alone, other steps overlap");
  app.add_option("--lanes", lanes,
                 "exercises graded at once (default: one per usable core); timing steps still run alone")
      ->check(CLI::Range(1, 64));
  CLI11_PARSE(app, argc, argv);

  GradeOptions options;
  options.kit_root = fs::weakly_canonical(kit);
  options.hidden = hidden;
  options.timing = !no_speedup;
  options.seed = seed;
  if (!phase_lock.empty()) options.phase_lock = fs::absolute(phase_lock);
  // `./grade 03` grades exercise 03 of ./exercises: a first argument that is
  // not a folder is an exercise.
  std::size_t first_exercise = 0;
  if (!positional.empty() && fs::is_directory(positional.front())) {
    options.submission = fs::absolute(positional.front());
    first_exercise = 1;
  } else {
    options.submission = fs::absolute("exercises");
  }
  options.only.assign(positional.begin() + static_cast<std::ptrdiff_t>(first_exercise), positional.end());
  if (!fs::is_directory(options.submission)) {
    std::fprintf(stderr, "grade: %s is not a folder; pass the folder to grade, e.g. ./grade exercises\n",
                 options.submission.c_str());
    return 2;
  }
  options.work_root = work.empty() ? default_work_root(options.kit_root, options.submission) : fs::absolute(work);
  // Paths that build commands and TSan's options carry (core/lines.hpp).
  if (shell_unsafe_path(options.kit_root.string())) {
    std::fprintf(stderr,
                 "grade: the kit's path %s has a character that build commands cannot carry ($, `, ', \", \\ or "
                 "a newline); move the kit to a folder whose path has none\n",
                 options.kit_root.c_str());
    return 2;
  }
  if (!plain_path(options.work_root.string())) {
    std::fprintf(stderr,
                 "grade: the work folder %s must have a plain path (letters, digits, . _ - + = @ /): build "
                 "commands and ThreadSanitizer's options carry it; pass --work with such a folder\n",
                 options.work_root.c_str());
    return 2;
  }

  std::vector<Manifest> chosen;
  try {
    chosen = select_exercises(options.kit_root, options.only);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "grade: %s\n", e.what());
    return 2;
  }
  if (chosen.empty()) {
    std::fprintf(stderr, "grade: the kit at %s has no exercises\n", options.kit_root.c_str());
    return 2;
  }

  sandbox::become_subreaper();
  // Human output goes to stdout unless a machine format takes stdout.
  const bool machine_on_stdout = format != "terminal" && out_path.empty();
  std::FILE* human = machine_on_stdout ? stderr : stdout;
  const bool tty = isatty(fileno(human)) != 0;
  const bool use_color = color == "always" || (color == "auto" && tty && std::getenv("NO_COLOR") == nullptr);

  // The canary is a build: like every build, it must not overlap another
  // grader's timing.
  Machine machine;
  try {
    const PhaseLock::Guard phase = PhaseLock(options.phase_lock).shared();
    machine = probe_machine(options.kit_root, options.work_root, !no_bubblewrap);
  } catch (const std::system_error& e) {
    std::fprintf(stderr, "grade: %s; pass a writable --phase-lock file\n", e.what());
    return 2;
  }
  std::fprintf(human, "grading %s against the kit in %s\ncores: %s\nsandbox: %s\n", options.submission.c_str(),
               options.kit_root.c_str(), machine.cores.explain().c_str(), machine.sandbox_summary.c_str());
  if (!machine.tsan_works) std::fprintf(human, "race check not judged: %s\n", machine.tsan_problem.c_str());

  // One lane per usable core: a build's compiler, a test that waits on its
  // simulated network and a TSan run leave cores idle that another
  // exercise's steps can use.
  options.lanes = lanes > 0 ? lanes : machine.cores.usable;

  report::TerminalProgress progress(human, use_color, tty);
  ProgressObserver observer(progress);
  const GradeReport result = grade(options, machine, observer);
  report::print_table(result, human, use_color);

  if (format != "terminal") {
    const std::string text = render(format, result, gradescope, human);
    if (out_path.empty()) {
      std::fwrite(text.data(), 1, text.size(), stdout);
    } else if (!write_file(out_path, text)) {
      std::fprintf(stderr, "grade: cannot write %s\n", out_path.c_str());
      return 2;
    }
  }
  // Under GitHub Actions: annotations at file:line, and a job summary.
  if (env_is("GITHUB_ACTIONS", "true")) {
    const std::string annotations = report::github_annotations(result);
    std::fwrite(annotations.data(), 1, annotations.size(), stdout);
    if (const char* summary = std::getenv("GITHUB_STEP_SUMMARY"); summary != nullptr && *summary != '\0') {
      if (std::FILE* f = std::fopen(summary, "a")) {
        const std::string md = report::to_markdown(result);
        std::fwrite(md.data(), 1, md.size(), f);
        std::fclose(f);
      }
    }
  }
  return always_zero || result.passed() ? 0 : 1;
}

}  // namespace parlab::grader::commands
