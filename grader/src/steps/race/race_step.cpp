#include "steps/race/race_step.hpp"

#include <chrono>
#include <fmt/format.h>
#include <set>

#include "core/files.hpp"
#include "core/seeds.hpp"
#include "steps/race/canary.hpp"
#include "steps/race/race_hints.hpp"
#include "steps/race/race_text.hpp"
#include "steps/race/tsan_log_parser.hpp"
#include "steps/race/tsan_report.hpp"
#include "steps/student_run.hpp"
#include "steps/tests/judge.hpp"
#include "steps/timer/timer_runner.hpp"

namespace parlab::grader::steps {

namespace {

namespace fs = std::filesystem;

constexpr int kTsanExitCode = 66;  // tsan_options(): exitcode=66

// "parlab::x::estimate_pi(unsigned long, unsigned int)::$_0::operator()() const"
// becomes "a lambda in estimate_pi": what a student recognises in their file.
std::string short_function(const std::string& name) {
  if (name.empty()) return "your code";
  const std::string head = name.substr(0, name.find('('));
  const auto colon = head.rfind("::");
  const std::string base = colon == std::string::npos ? head : head.substr(colon + 2);
  const bool lambda = name.find("::$_") != std::string::npos || name.find("{lambda") != std::string::npos ||
                      name.find("::operator()") != std::string::npos;
  return lambda ? "a lambda in " + base : base;
}

}  // namespace

Check check_races(const Workspace& ws, const Machine& machine, std::uint64_t options_seed) {
  Check c;
  if (!machine.tsan_works) {
    c.status = Status::inconclusive;
    c.message = "not judged: " + machine.tsan_problem;
    return c;
  }

  std::vector<race::TsanReport> reports;
  std::string run_problem;
  std::string crash;
  bool lost_report = false;  // exit code 66, but no report left to read
  // What one run under TSan left: its reports, a crash, or why it says nothing.
  auto take = [&](const std::string& what, const fs::path& scratch, const sandbox::Result& r) {
    const std::string log = collect_tsan_logs(scratch, "tsan");
    auto found = race::parse_tsan_log(log);
    // A crash under TSan lands in the same log with the same exit code; it is
    // not a race finding (the tests check reports crashes).
    bool raced = false;
    for (auto& report : found) {
      if (report.is_crash()) {
        if (crash.empty()) crash = fmt::format("{} crashed under ThreadSanitizer: {}", what, report.kind);
      } else {
        raced = true;
        reports.push_back(std::move(report));
      }
    }
    const bool mapping = race::has_unexpected_memory_mapping(log + r.err);
    if (!raced && mapping) {
      run_problem = "ThreadSanitizer could not start (unexpected memory mapping): run 'sudo sysctl -w "
                    "vm.mmap_rnd_bits=28' and grade again";
    } else if (!raced && found.empty() && r.exit_code == kTsanExitCode) {
      lost_report = true;
    } else if (!raced && (r.timed_out || r.memory_exceeded)) {
      run_problem = fmt::format("{} under ThreadSanitizer {}: a deadlock, or far too much work?", what, r.describe());
    }
  };
  auto tsan_env = [](const fs::path& scratch) {
    return std::map<std::string, std::string>{{"TSAN_OPTIONS", tsan_options(scratch / "tsan")}};
  };

  std::vector<std::pair<std::string, fs::path>> suites = {{"public", ws.bin("tsan", "public_tests")}};
  if (ws.hidden) suites.emplace_back("hidden", ws.bin("tsan", "hidden_tests"));
  for (const auto& [name, program] : suites) {
    const FreshScratch scratch(ws, "tsan-" + name);
    std::vector<std::string> argv = machine.tsan_launcher;
    argv.push_back(program.string());
    const auto flags = graded_gtest_flags(scratch.path() / "results.json");
    argv.insert(argv.end(), flags.begin(), flags.end());
    auto cmd = test_command(ws, machine.sandbox, argv, ws.manifest->timeouts.race_s, scratch.path());
    cmd.limits.data_bytes = 0;                   // RLIMIT_DATA and RLIMIT_AS break TSan...
    cmd.limits.memory_watch_bytes = 8ULL << 30;  // ...so a watchdog bounds its memory instead
    cmd.env = tsan_env(scratch.path());
    take("the " + name + " tests", scratch.path(), sandbox::run(cmd));
  }

  // The judge's runs under TSan: fresh inputs the code must really compute
  // (its answers are checked in the tests check), so its parallel code runs
  // here whatever its test program does, and a race in it is reported.
  if (reports.empty() && !lost_report) {
    TimerRunnerOptions options;
    options.student_config = "tsan";
    options.timeout_s = ws.manifest->timeouts.race_s;
    options.launcher = machine.tsan_launcher;
    options.env_for = tsan_env;
    options.inspect = [&](const fs::path& scratch, const sandbox::Result& r) { take("the timed code", scratch, r); };
    TimerRunner runner(ws, machine.sandbox, {}, options);
    const std::uint64_t size = ws.manifest->judge.sizes.back();
    std::uint64_t index = 0;
    for (const int threads : judged_threads(*ws.manifest, machine)) {
      if (threads == 1) continue;
      runner.run({timer::Variant::student, size, threads, derived_seed(options_seed, index++)});
      if (!reports.empty() || lost_report) break;
    }
  }

  if (reports.empty() && lost_report) {
    c.status = Status::fail;
    c.message = "ThreadSanitizer reported a data race, but its report is gone (does your code close stderr or "
                "remove files?): fix the race; run the tests under ThreadSanitizer to see it";
    return c;
  }
  if (reports.empty()) {
    if (run_problem.empty()) run_problem = crash;
    if (!run_problem.empty()) {
      c.status = Status::error;
      c.message = run_problem;
      return c;
    }
    c.status = Status::pass;
    c.message = "no data race found by ThreadSanitizer";
    return c;
  }

  // One entry per distinct race (TSan reports each racing pair once per run,
  // but public and hidden programs may both hit it).
  auto is_student = [&](std::string_view f) { return ws.is_student_file(f); };
  auto display = [&](std::string_view f) { return ws.display(f); };
  std::set<std::string> seen;
  std::string details;
  const race::TsanReport* first = nullptr;
  std::optional<race::Frame> first_frame;
  for (const auto& r : reports) {
    if (!seen.insert(r.summary.empty() ? r.raw.substr(0, 200) : r.summary).second) continue;
    if (seen.size() <= 3) details += race::summarize(r, display) + "\n";
    const auto frame = race::first_student_frame(r, is_student);
    if (first == nullptr || (!first_frame && frame)) {
      first = &r;
      first_frame = frame;
    }
  }
  c.status = Status::fail;
  if (first_frame) {
    c.location = Location{ws.display(first_frame->file), first_frame->line, first_frame->column};
    c.message = fmt::format("{} in {}: {}", first->kind, short_function(first_frame->function), race::hint_for(*first));
  } else {
    c.message = fmt::format("{} reported outside your files (see details): {}", first->kind, race::hint_for(*first));
  }
  if (seen.size() > 1) c.message += fmt::format(" ({} distinct reports)", seen.size());
  c.details = details;
  return c;
}

std::string race_next_step(const Check& check) {
  // A failed race check's message already carries a hint chosen for that
  // very report (steps/race/race_hints.cpp); do not repeat a generic one.
  return check.status == Status::fail
             ? ""
             : "the tests crashed under ThreadSanitizer: build with the tsan preset and run them to see where";
}

}  // namespace parlab::grader::steps
