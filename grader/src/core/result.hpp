// What the grader decides: a verdict per check, checks per exercise, and a
// report over all exercises. Every output format (terminal, JSON, JUnit,
// Gradescope, Classroom, Markdown, GitHub annotations) renders this model and
// nothing else, so they can never disagree.
#pragma once

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace parlab::grader {

enum class Status {
  pass,          // the check passed
  fail,          // the submission is wrong, racy or too slow: the student must act
  error,         // the check could not run on this submission (does not compile, crashed...)
  inconclusive,  // the machine, not the submission, prevented a verdict: re-run
  skipped,       // not run, because an earlier check failed or it was not asked for
};

// "pass", "fail", ... as used in every output format.
const char* to_string(Status s);

// The four checks of every exercise, in the order the pipeline runs them.
// Code compares ids, never names: the names are only for output formats.
enum class CheckId { build, tests, race, speedup };
inline constexpr std::array<CheckId, 4> kCheckIds = {CheckId::build, CheckId::tests, CheckId::race, CheckId::speedup};

// "build", "tests", "race", "speedup" as used in every output format.
const char* to_string(CheckId id);
// The id named `name`; nullopt for anything else (reading a report back).
std::optional<CheckId> parse_check_id(std::string_view name);

// A place in the student's code (or the kit's, for diagnostics about it).
struct Location {
  std::string file;  // path relative to the submission folder, e.g. "03_race_counter/race_counter.cpp"
  int line = 0;      // 1-based; 0 when unknown
  int column = 0;    // 1-based; 0 when unknown
  [[nodiscard]] bool known() const { return !file.empty(); }
  [[nodiscard]] std::string str() const;  // "file:line:col", "file:line" or "file"
};

// The figures behind a speedup verdict, reported so a student or TA can see
// exactly how it was computed.
// What the student's threads did in the timed runs (sampled from /proc by
// the sandbox), and, for a speedup below the bar, why it is low. Computed by
// steps/timing/thread_use.hpp; worded by steps/timing/speedup_advice.cpp.
struct ThreadUse {
  // "" (the speedup passed), "oversubscribed", "overhead", "too_few_threads",
  // "imbalance", "serialized", "contention" or "unexplained".
  std::string diagnosis;
  double balance_efficiency = 0;  // mean / max CPU time of the `threads` busiest threads: 1 = even
  double busiest_share = 0;       // the busiest thread's share of those threads' CPU time
  int busiest_thread = 0;         // its number in start order (1 = the program's main thread)
  double busy_threads = 0;        // CPU time / wall time: threads busy at once, on average
  double cpu_vs_baseline = 0;     // the submission's CPU time / the baseline's, same input
  double switches_per_ms = 0;     // context switches per ms of wall time
  double run_delay_share = 0;     // time spent runnable but waiting for a core / CPU time
  int threads_seen = 0;           // threads that ran at all
  std::vector<double> thread_cpu_ms;  // per thread, in start order (median run; at most 16)
};

struct SpeedupFigures {
  std::string kind;            // "cpu" or "latency"
  double measured = 0;         // median over rounds of baseline_time / student_time
  double required = 0;         // the bar the measured speedup had to reach
  double fraction = 0;         // manifest fraction of the attainable speedup
  double attainable = 0;       // cpu: calibration speedup (capped); latency: expected concurrency
  double calibration = 0;      // median speedup of the baseline as T copies at the same moment (cpu)
  double baseline_ms = 0;      // median wall time of the kit's sequential baseline
  double student_ms = 0;       // median wall time of the submission
  double student_cpu_ratio = 0;  // student CPU time / wall time: the cores it really used
  int student_peak_threads = 0;  // most threads of the student's timed runs alive at once (sampled)
  double spread = 0;           // noise measure of the calibration ratios (relative)
  int usable_cores = 0;        // affinity and cgroup quota
  int threads = 0;             // threads the submission was given
  int rounds = 0;              // rounds in the accepted measurement
  int attempts = 0;            // measurements made (the noise gate may ask for more)
  std::vector<double> ratios;  // per-round student speedups
  std::optional<ThreadUse> thread_use;  // cpu rule, when the runs were sampled
};

// What the tests check counted: scoring gives points per passing test, and
// the race check is skipped when the tests never finish.
struct TestCounts {
  int passed = 0;
  int total = 0;
  bool hung = false;  // the test program timed out: under TSan it would too
};

struct Check {
  CheckId id = CheckId::build;  // set by the pipeline (pipeline/step_runner.hpp)
  Status status = Status::skipped;
  std::string message;  // one short line a student can act on
  // What to do about it, chosen by the step from what it found (empty when
  // the check passed); the pipeline fills in the generic ones for skipped
  // and inconclusive checks.
  std::string next_step;
  std::string details;  // longer text: compiler diagnostics, failed assertions, race report
  std::optional<Location> location;
  double score = 0;      // points earned by this check
  double max_score = 0;  // points this check is worth
  std::optional<SpeedupFigures> speedup;  // only for the speedup check
  std::optional<TestCounts> tests;        // only for the tests check
  std::string missing_file;  // build check: the student file that was not handed in (relative path)
  double seconds = 0;    // time the check took
};

struct ExerciseResult {
  std::string id;     // "03_race_counter"
  std::string title;  // from the manifest
  double score = 0;
  double max_score = 0;
  std::vector<Check> checks;  // always build, tests, race, speedup, in that order
  [[nodiscard]] bool passed() const;  // no check failed or errored
  [[nodiscard]] const Check* find(CheckId check) const;
};

struct GradeReport {
  std::string submission;  // folder that was graded
  std::string kit_version;
  bool hidden_tests = false;  // whether hidden tests were part of this grade
  std::string sandbox;        // one line: which isolation layers were on
  int usable_cores = 0;
  double seconds = 0;
  std::vector<ExerciseResult> exercises;
  [[nodiscard]] double score() const;
  [[nodiscard]] double max_score() const;
  [[nodiscard]] bool passed() const;  // every graded exercise passed
};

}  // namespace parlab::grader
