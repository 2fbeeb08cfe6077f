// The parts of a batch run that need no real grading: the ETA, the child
// pool (parallel limit, timeouts, crashes, logs), the Slurm scripts (valid
// bash, one task per student), --merge from pre-seeded student states,
// which is also how a crashed or resumed batch rebuilds its gradebook, and
// the usage errors each mode reports (BatchError) before grading anyone.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "batch/batch_outputs.hpp"
#include "batch/batch_progress.hpp"
#include "batch/batch_run.hpp"
#include "batch/child_pool.hpp"
#include "batch/csv.hpp"
#include "batch/slurm_script.hpp"
#include "core/files.hpp"

namespace {

using namespace parlab::grader;
using namespace parlab::grader::batch;
namespace fs = std::filesystem;

fs::path scratch_dir() {
  const fs::path dir = fs::temp_directory_path() /
                       ("parlab-batch-" + std::to_string(::getpid()) + "-" +
                        ::testing::UnitTest::GetInstance()->current_test_info()->name());
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir;
}

TEST(BatchProgress, EtaFollowsThePaceSoFar) {
  EXPECT_FALSE(eta_seconds(10, 0, 5).has_value()) << "no pace before the first student";
  EXPECT_DOUBLE_EQ(*eta_seconds(120, 2, 10), 480);
  EXPECT_DOUBLE_EQ(*eta_seconds(120, 10, 10), 0);
  EXPECT_EQ(format_duration(45), "45 s");
  EXPECT_EQ(format_duration(185), "3 min 05 s");
  EXPECT_EQ(format_duration(7620), "2 h 07 min");
  EXPECT_EQ(progress_bar(1, 4, 8), "[##------]");
  EXPECT_EQ(progress_bar(0, 0, 4), "[####]");
}

TEST(BatchChildPool, RunsAtMostNAtOnceAndReportsEachOutcome) {
  const fs::path dir = scratch_dir();
  // Each job records when it started and ended (nanoseconds), in its own files.
  std::vector<ChildJob> jobs;
  for (int i = 0; i < 4; ++i) {
    const std::string name = "s" + std::to_string(i);
    const std::string stamp = (dir / name).string();
    const std::string script = "date +%s%N > " + stamp + ".start; sleep 0.3; date +%s%N > " + stamp + ".end; echo done-$0";
    jobs.push_back({name, {"/bin/sh", "-c", script, "job" + std::to_string(i)}, dir / name / "log", std::chrono::seconds(30)});
  }
  jobs.push_back({"crash", {"/bin/sh", "-c", "kill -SEGV $$"}, dir / "crash.log", std::chrono::seconds(30)});
  jobs.push_back({"hang", {"/bin/sh", "-c", "echo hanging; sleep 60"}, dir / "hang.log", std::chrono::seconds(1)});
  jobs.push_back({"missing", {"/nonexistent/grader"}, dir / "missing.log", std::chrono::seconds(30)});
  std::map<std::string, ChildOutcome> outcomes;
  ChildHooks hooks;
  hooks.finished = [&](const ChildJob& job, const ChildOutcome& o) { outcomes[job.name] = o; };
  const auto start = std::chrono::steady_clock::now();
  run_children(jobs, 2, hooks);
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(20)) << "the hang was not stopped";
  ASSERT_EQ(outcomes.size(), jobs.size());
  for (int i = 0; i < 4; ++i) EXPECT_TRUE(outcomes["s" + std::to_string(i)].ok()) << outcomes["s" + std::to_string(i)].describe();
  EXPECT_EQ(read_file(dir / "s2" / "log").value_or(""), "done-job2\n") << "output goes to the job's log";
  EXPECT_EQ(outcomes["crash"].term_signal, SIGSEGV);
  EXPECT_TRUE(outcomes["hang"].timed_out);
  EXPECT_NE(outcomes["hang"].describe().find("timed out"), std::string::npos);
  EXPECT_EQ(read_file(dir / "hang.log").value_or(""), "hanging\n");
  EXPECT_EQ(outcomes["missing"].exit_code, 127);
  // The most jobs running at one moment: at each start, count the intervals that contain it.
  auto stamp = [&](const std::string& file) { return std::stoll(read_file(dir / file).value_or("0")); };
  int peak = 0;
  for (int i = 0; i < 4; ++i) {
    const long long t = stamp("s" + std::to_string(i) + ".start");
    int running = 0;
    for (int k = 0; k < 4; ++k) {
      running += stamp("s" + std::to_string(k) + ".start") <= t && t < stamp("s" + std::to_string(k) + ".end") ? 1 : 0;
    }
    peak = std::max(peak, running);
  }
  EXPECT_EQ(peak, 2) << "expected exactly 2 jobs at once at the busiest moment";
  fs::remove_all(dir);
}

TEST(BatchSlurm, ScriptsAreValidBashWithOneTaskPerStudent) {
  const fs::path dir = scratch_dir();
  SlurmOptions o;
  o.grader = "/opt/parlab/build/bin/grader";
  o.kit = "/opt/parlab";
  o.out = "/home/ta/it's graded";
  o.students = 30;
  o.cpus_per_task = 4;
  o.sbatch_options = {"--partition=short"};
  const std::string array = array_script(o);
  EXPECT_NE(array.find("#SBATCH --array=0-29\n"), std::string::npos) << array;
  EXPECT_NE(array.find("#SBATCH --cpus-per-task=4\n"), std::string::npos);
  EXPECT_NE(array.find("#SBATCH --partition=short\n"), std::string::npos);
  EXPECT_NE(array.find("--array-index \"$SLURM_ARRAY_TASK_ID\""), std::string::npos);
  EXPECT_NE(array.find("'/home/ta/it'\\''s graded'"), std::string::npos) << "paths must be quoted for bash";
  EXPECT_NE(array.find("/tmp/parlab-phase-$(id -u).lock"), std::string::npos) << "the phase lock must be node-local";
  const std::string merge = merge_script(o);
  EXPECT_NE(merge.find("--merge --out '/home/ta/it'\\''s graded'"), std::string::npos) << merge;
  for (const auto& [name, text] : {std::pair{"array.sbatch", array}, std::pair{"merge.sbatch", merge}}) {
    ASSERT_TRUE(write_file(dir / name, text));
    const std::string check = "bash -n '" + (dir / name).string() + "'";
    EXPECT_EQ(std::system(check.c_str()), 0) << name << " is not valid bash:\n" << text;
  }
  EXPECT_EQ(shell_quote("plain/path-1.x"), "plain/path-1.x");
  EXPECT_EQ(shell_quote(""), "''");
  EXPECT_EQ(shell_quote("$(rm -rf ~)"), "'$(rm -rf ~)'");
  fs::remove_all(dir);
}

// What `grade batch` saved for a class in dir/class graded on exercise 04.
BatchSettings one_exercise_settings(const fs::path& dir) {
  BatchSettings settings;
  settings.kit = PARLAB_KIT_DIR;
  settings.submissions = dir / "class";
  settings.exercises = {{"04_monte_carlo_pi", 10}};
  return settings;
}

TEST(BatchMerge, BuildsTheGradebookFromCommittedStatesAndMarksTheRestPending) {
  const fs::path dir = scratch_dir();
  const BatchLayout layout{dir / "out", {}};
  BatchSettings settings = one_exercise_settings(dir);
  settings.kit_version = "test";
  ASSERT_TRUE(write_file(layout.settings(), to_json(settings)));
  ASSERT_TRUE(write_file(layout.slurm_students(), "alice\nbob\ncarol\n"));
  // alice finished; bob's task crashed before committing; carol's state is torn.
  StudentState alice;
  alice.student = "alice";
  alice.status = kGraded;
  alice.message = "every exercise passed";
  alice.exercises = {{"04_monte_carlo_pi", 10, 10, {"pass", "pass", "pass", "pass"}, {}}};
  ASSERT_TRUE(write_file(layout.state("alice"), to_json(alice)));
  ASSERT_TRUE(write_file(layout.report_json("bob"), "{\"schema_version\": 1"));
  ASSERT_TRUE(write_file(layout.state("carol"), "{\"student\": \"carol\", \"stat"));

  BatchOptions o;
  o.out = layout.out;
  EXPECT_EQ(merge_batch(o), BatchResult::needs_attention) << "a merge with pending students must say so";
  const auto rows = parse_csv(read_file(layout.gradebook()).value_or(""));
  ASSERT_EQ(rows.size(), 4U);
  EXPECT_EQ(rows[1], (CsvRow{"alice", "alice", "10", "10", "10", "graded", "every exercise passed"}));
  EXPECT_EQ(rows[2][0], "bob");
  EXPECT_EQ(rows[2][5], "pending");
  EXPECT_EQ(rows[2][2], "") << "no verdict, no points";
  EXPECT_EQ(rows[3][5], "pending") << "a torn state file is not a grade";
  EXPECT_TRUE(fs::exists(layout.summary_markdown()));
  EXPECT_TRUE(fs::exists(layout.summary_chart()));

  // Once every part is in, the merge succeeds.
  for (const char* name : {"bob", "carol"}) {
    StudentState s = alice;
    s.student = name;
    ASSERT_TRUE(write_file(layout.state(name), to_json(s)));
  }
  EXPECT_EQ(merge_batch(o), BatchResult::complete);
  EXPECT_EQ(parse_csv(read_file(layout.gradebook()).value_or("")).size(), 4U);
  fs::remove_all(dir);
}

// The message of a BatchError, or "" when `step` did not throw one.
template <typename Step>
std::string batch_error_of(Step step) {
  try {
    step();
  } catch (const BatchError& e) {
    return e.what();
  }
  return "";
}

TEST(BatchMerge, WithoutBatchSettingsSaysWhatToDo) {
  const fs::path dir = scratch_dir();
  BatchOptions o;
  o.out = dir / "never-started";
  EXPECT_EQ(batch_error_of([&] { merge_batch(o); }),
            (o.out / "batch.json").string() + " not found: start the batch first (grade batch DIR --out " +
                o.out.string() + ", or --slurm)");
  fs::remove_all(dir);
}

TEST(BatchPrepare, ChecksTheSubmissionsFolderBeforeWritingAnything) {
  const fs::path dir = scratch_dir();
  BatchOptions o;
  o.kit = PARLAB_KIT_DIR;
  o.submissions = dir / "no-such-class";
  o.out = dir / "out";
  const std::string expected =
      o.submissions.string() + " is not a folder; pass the folder holding one folder per student";
  EXPECT_EQ(batch_error_of([&] { run_batch(o); }), expected);
  EXPECT_EQ(batch_error_of([&] { prepare_slurm(o, {}); }), expected);
  EXPECT_FALSE(fs::exists(o.out));
  fs::create_directories(o.submissions);
  o.out = o.submissions;
  EXPECT_EQ(batch_error_of([&] { run_batch(o); }),
            "--out must not be the submissions folder itself; pick another folder");
  fs::remove_all(dir);
}

TEST(BatchSlurmTask, AnIndexPastTheStudentListIsAUsageError) {
  const fs::path dir = scratch_dir();
  const BatchLayout layout{dir / "out", {}};
  BatchSettings settings = one_exercise_settings(dir);
  ASSERT_TRUE(write_file(layout.settings(), to_json(settings)));
  BatchOptions o;
  o.out = layout.out;
  o.array_index = 2;
  EXPECT_EQ(batch_error_of([&] { run_array_task(o); }),
            layout.slurm_students().string() + " not found: prepare the array with grade batch DIR --out " +
                layout.out.string() + " --slurm");
  ASSERT_TRUE(write_file(layout.slurm_students(), "alice\nbob\n"));
  EXPECT_EQ(batch_error_of([&] { run_array_task(o); }),
            "array index 2 is outside the 2 students of " + layout.slurm_students().string());
  fs::remove_all(dir);
}

}  // namespace
