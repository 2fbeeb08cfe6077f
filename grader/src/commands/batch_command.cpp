// `grade batch SUBMISSIONS --out OUT`: grade a whole class into a gradebook,
// per-student reports and a class summary; or prepare a Slurm job array
// (--slurm), run one of its tasks (--array-index) and merge the parts
// (--merge). The work is in src/batch/; docs/batch-grading.md explains it.
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <climits>
#include <csignal>
#include <cstdio>
#include <filesystem>

#include "batch/batch_run.hpp"
#include "commands/commands.hpp"
#include "sandbox/process.hpp"

namespace parlab::grader::commands {

namespace {

namespace fs = std::filesystem;

// This program's own path, for the per-student graders and the Slurm script.
std::string own_path() {
  char buffer[PATH_MAX];
  const ssize_t n = ::readlink("/proc/self/exe", buffer, sizeof buffer - 1);
  if (n <= 0) return "/proc/self/exe";
  return std::string(buffer, static_cast<std::size_t>(n));
}

// The exit statuses the footer promises live here, not in src/batch/, so
// that they are decided in one place: 0 when every row is without error, 1
// otherwise; 2 (a batch that could not start) is the BatchError below.
int exit_status(batch::BatchResult result) { return result == batch::BatchResult::complete ? 0 : 1; }

}  // namespace

int batch_command(int argc, char** argv) {
  CLI::App app{"Grade every student folder of a class: gradebook CSV, a report per student, a class summary.",
               "grade batch"};
  app.footer(
      "SUBMISSIONS holds one folder per student, each a clone of the template (exercises/NN_slug/...).\n"
      "Hidden tests are always used. A re-run skips students whose commit, files and settings did not change.\n"
      "Slurm: --slurm writes OUT/slurm/grade-array.sbatch (one task per student); --merge builds the gradebook.\n"
      "Exit status: 0 when every folder has a row without error, 1 otherwise, 2 on a usage error.\n"
      "See docs/batch-grading.md.");
  batch::BatchOptions o;
  std::string kit = PARLAB_KIT_DIR;
  std::string submissions;
  std::string out;
  std::vector<std::string> exercises;
  bool no_speedup = false;
  bool slurm = false;
  bool merge = false;
  int array_index = -1;
  long long timeout_s = o.student_timeout.count();
  std::string scratch;
  std::string phase_lock;
  std::string roster;
  batch::SlurmOptions slurm_options;
  app.add_option("SUBMISSIONS", submissions, "folder with one folder per student");
  app.add_option("--kit", kit, "the instructor's kit (with the hidden tests)")->check(CLI::ExistingDirectory);
  app.add_option("--out", out, "output folder: gradebook.csv, summary.md, students/<name>/")->required();
  app.add_option("--exercises", exercises, "grade only these exercises (04,06 or repeated)")->delimiter(',');
  app.add_option("--jobs", o.jobs, "students graded at once (default: the usable cores)")->check(CLI::Range(1, 256));
  app.add_flag("--no-speedup", no_speedup, "skip the speedup check (quicker; those points are not given)");
  app.add_flag("--force", o.force, "grade again students whose grade is up to date");
  app.add_option("--only-student", o.only_student, "grade just this folder (the gradebook keeps the others' rows)");
  app.add_option("--roster", roster, "CSV with columns folder,id[,name]: ids for the gradebook and a Canvas file")
      ->check(CLI::ExistingFile);
  app.add_option("--student-timeout", timeout_s, "seconds before a student's grade is stopped (default 7200)")
      ->check(CLI::Range(10LL, 7LL * 24 * 3600));
  app.add_option("--scratch", scratch, "build folders (default: OUT/work); removed after each student");
  app.add_flag("--keep-work", o.keep_work, "keep each student's build folders");
  app.add_option("--phase-lock", phase_lock, "lock file that keeps timing steps apart (default: OUT/phase.lock)");
  app.add_flag("--slurm", slurm, "write a Slurm job array (one task per student) instead of grading here");
  app.add_option("--slurm-cpus", slurm_options.cpus_per_task, "cores per array task (default 2)")->check(CLI::Range(1, 1024));
  app.add_option("--slurm-time", slurm_options.time_limit, "time limit per array task (default 01:00:00)");
  app.add_option("--slurm-option", slurm_options.sbatch_options, "extra #SBATCH line, e.g. --slurm-option=--partition=short");
  app.add_option("--array-index", array_index, "run one array task: grade line N of OUT/slurm/students.txt")
      ->check(CLI::NonNegativeNumber);
  app.add_flag("--merge", merge, "build the gradebook and summary from OUT/students/ (after a Slurm array)");
  CLI11_PARSE(app, argc, argv);

  o.kit = fs::weakly_canonical(kit);
  o.out = fs::absolute(out);
  o.exercises = exercises;
  o.timing = !no_speedup;
  o.student_timeout = std::chrono::seconds(timeout_s);
  if (!scratch.empty()) o.scratch = fs::absolute(scratch);
  if (!phase_lock.empty()) o.phase_lock = fs::absolute(phase_lock);
  if (!roster.empty()) o.lms_roster = fs::absolute(roster);
  o.grader = own_path();
  o.interactive = ::isatty(STDERR_FILENO) != 0;
  // A closed terminal or `| head` must not stop a batch half-way: progress
  // lines are lost, the grading goes on.
  ::signal(SIGPIPE, SIG_IGN);

  const int modes = (slurm ? 1 : 0) + (merge ? 1 : 0) + (array_index >= 0 ? 1 : 0);
  if (modes > 1) {
    std::fprintf(stderr, "grade batch: --slurm, --merge and --array-index are separate steps; pass one of them\n");
    return 2;
  }
  try {
    if (merge) return exit_status(batch::merge_batch(o));
    if (array_index >= 0) {
      o.array_index = array_index;
      o.jobs = 1;
      sandbox::become_subreaper();
      return exit_status(batch::run_array_task(o));
    }
    if (submissions.empty()) {
      std::fprintf(stderr, "grade batch: pass the submissions folder: grade batch SUBMISSIONS --out OUT\n");
      return 2;
    }
    o.submissions = fs::absolute(submissions);
    if (slurm) {
      batch::prepare_slurm(o, slurm_options);
      return 0;
    }
    sandbox::become_subreaper();
    return exit_status(batch::run_batch(o));
  } catch (const batch::BatchError& e) {
    // The batch could not start: a usage problem in the footer's terms.
    std::fprintf(stderr, "batch: %s\n", e.what());
    return 2;
  }
}

}  // namespace parlab::grader::commands
