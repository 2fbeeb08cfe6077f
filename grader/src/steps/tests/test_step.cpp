#include "steps/tests/test_step.hpp"

#include <chrono>
#include <fmt/format.h>
#include <set>

#include "core/files.hpp"
#include "core/lines.hpp"
#include "steps/student_run.hpp"
#include "steps/tests/gtest_report.hpp"
#include "steps/tests/judge.hpp"

namespace parlab::grader::steps {

namespace {

namespace fs = std::filesystem;

struct Suite {
  std::string name;  // "public" or "hidden"
  fs::path program;
};

// The last "[ RUN      ] Suite.Name" line: which test was running when the
// program died. Used only to word the message, never to decide the verdict.
std::string last_started_test(const std::string& stdout_text) {
  const std::string tag = "[ RUN      ] ";
  const auto pos = stdout_text.rfind(tag);
  if (pos == std::string::npos) return {};
  const auto end = stdout_text.find('\n', pos);
  return stdout_text.substr(pos + tag.size(), end == std::string::npos ? std::string::npos : end - pos - tag.size());
}

// A GoogleTest failure message on one line: "Expected equality of these
// values: got.hits Which is: 8 expected.hits Which is: 7", cut at 200 characters.
std::string one_line(const std::string& message) {
  std::string out;
  std::size_t lines = 0;
  for (const auto line : split_lines(message)) {
    const auto begin = line.find_first_not_of(" \t");
    if (begin == std::string_view::npos) continue;
    if (!out.empty()) out += ' ';
    out += line.substr(begin);
    if (++lines == 6 || out.size() > 200) break;
  }
  if (out.size() > 200) out = out.substr(0, 197) + "...";
  return out;
}

struct SuiteResult {
  std::vector<std::string> expected;
  std::optional<tests::Report> report;
  sandbox::Result run;
  std::string problem;  // set when the suite could not be judged test by test
};

// The flags every graded test program runs with, whatever its environment
// or its own code says (GTEST_* variables are scrubbed anyway): all tests,
// once, in order. A program that still skips some (its code rewrote argv or
// GoogleTest's flags) is caught by the list of expected names below, which
// comes from the kit's own build.
}  // namespace

namespace {

// The names of the tests of a suite, listed by the kit's build of that suite
// (no student code in it: cmake/ParlabExercise.cmake), never by the program
// under test: code in that program could change what it lists.
std::optional<std::vector<std::string>> expected_tests(const Workspace& ws, const KitBuild& kit, const Suite& suite,
                                                       std::string* problem) {
  const fs::path list_file = ws.results_dir() / (suite.name + "-expected-tests.json");
  std::error_code ec;
  fs::remove(list_file, ec);
  sandbox::Command c;
  c.argv = {kit.program(*ws.manifest, suite.name + "_tests").string(), "--gtest_list_tests",
            "--gtest_output=json:" + list_file.string()};
  c.working_dir = ws.results_dir().string();
  c.limits.wall_timeout = std::chrono::seconds(60);
  const auto listing = sandbox::run(c);
  std::string error;
  const auto json = read_file(list_file);
  auto names = json ? tests::parse_gtest_list_json(*json, &error) : std::nullopt;
  if (!listing.ok() || !names) {
    *problem = fmt::format("the kit could not list its {} tests ({}): a kit problem, not yours", suite.name,
                           listing.describe());
  }
  return names;
}

SuiteResult run_suite(const Workspace& ws, const sandbox::Layers& layers, const KitBuild& kit, const Suite& suite) {
  SuiteResult out;
  const int timeout = ws.manifest->timeouts.tests_s;
  const auto names = expected_tests(ws, kit, suite, &out.problem);
  if (!names) return out;
  out.expected = *names;

  // Written by the test program, so into its own fresh scratch folder: no
  // other run can read it or have left one there.
  const FreshScratch scratch(ws, suite.name + "-tests");
  const fs::path report_file = scratch.path() / "results.json";
  std::vector<std::string> argv = {suite.program.string()};
  const auto flags = graded_gtest_flags(report_file);
  argv.insert(argv.end(), flags.begin(), flags.end());
  out.run = sandbox::run(test_command(ws, layers, argv, timeout, scratch.path()));
  std::string error;
  const auto report_json = read_file(report_file);
  if (report_json) out.report = tests::parse_gtest_json(*report_json, &error);
  const std::string last = last_started_test(out.run.out);
  const std::string during = last.empty() ? "" : " during " + last;
  if (out.run.timed_out) {
    out.problem = fmt::format("the {} tests did not finish within {} s{}: a deadlock, or an endless loop?", suite.name,
                              timeout, during);
  } else if (out.run.memory_exceeded) {
    out.problem = fmt::format("the {} tests used too much memory{}", suite.name, during);
  } else if (out.run.term_signal != 0) {
    out.problem = fmt::format("the {} tests crashed{} ({})", suite.name, during, out.run.describe());
  } else if (!out.report) {
    out.problem = fmt::format("the {} test program ended without its report ({}){}: exit() or abort() called "
                              "inside your code?",
                              suite.name, out.run.describe(), during);
  }
  return out;
}

}  // namespace

Check run_tests(const Workspace& ws, const Machine& machine, const KitBuild& kit, std::uint64_t judge_seed) {
  Check c;
  TestCounts& out = c.tests.emplace();

  std::vector<Suite> suites = {{"public", ws.bin("release", "public_tests")}};
  if (ws.hidden) suites.push_back({"hidden", ws.bin("release", "hidden_tests")});

  std::vector<std::string> failures;  // "Suite.Name: first line"
  std::string details;
  std::optional<Location> first_location;
  std::string problem;
  for (const Suite& suite : suites) {
    if (out.hung) {  // a hang costs its timeout once, not once per suite
      failures.push_back("the " + suite.name + " tests: not run, an earlier test program did not finish");
      continue;
    }
    SuiteResult r = run_suite(ws, machine.sandbox, kit, suite);
    out.hung = r.run.timed_out;
    out.total += static_cast<int>(r.expected.size());
    std::set<std::string> reported;
    if (r.report) {
      for (const auto& t : r.report->tests) {
        reported.insert(t.full_name());
        if (t.ran && t.passed && !t.skipped) {
          ++out.passed;
          continue;
        }
        const std::string label = t.full_name() + (suite.name == "hidden" ? " (hidden test)" : "");
        if (t.skipped) {
          failures.push_back(label + ": skipped");
          continue;
        }
        // A hidden test's failure message quotes its code and its expected
        // values: only its name leaves the grader.
        const bool hidden = suite.name == "hidden";
        failures.push_back(label + ": " + (t.failures.empty() || hidden ? "failed" : one_line(t.failures.front().message)));
        if (!t.failures.empty() && !hidden) {
          const auto& f = t.failures.front();
          if (!first_location && !f.file.empty()) {
            first_location = Location{ws.display(f.file), f.line, 0};
          }
          if (failures.size() <= 3) details += "[" + label + "]\n" + first_lines(f.message, 8) + "\n";
        }
      }
    }
    for (const auto& name : r.expected) {
      if (reported.count(name) == 0) {
        failures.push_back(name + (suite.name == "hidden" ? " (hidden test)" : "") + ": did not run");
      }
    }
    if (!r.problem.empty() && problem.empty()) {
      problem = r.problem;
      // What a hidden test program printed may quote the hidden tests.
      if (!r.run.err.empty() && suite.name != "hidden") {
        details += "[" + suite.name + " test program stderr]\n" + first_lines(r.run.err, 15);
      }
    }
  }

  // The judge: fresh inputs, answers compared outside the student's process.
  if (!out.hung) {
    const JudgeOutcome judged = run_judge(ws, machine, kit, judge_seed);
    out.hung = judged.hung;
    out.total += judged.total;
    out.passed += judged.passed;
    failures.insert(failures.end(), judged.failures.begin(), judged.failures.end());
  }

  c.location = first_location;
  c.details = details;
  if (out.total == 0 && problem.empty()) problem = "no tests were found in the test program";
  if (problem.empty() && failures.empty() && out.passed == out.total) {
    c.status = Status::pass;
    c.message = fmt::format("{} of {} tests pass{}", out.passed, out.total, ws.hidden ? " (public and hidden)" : "");
  } else {
    c.status = Status::fail;
    const std::string headline = problem.empty() ? "" : problem + "; ";
    c.message = fmt::format("{}{} of {} tests fail{}", headline, out.total - out.passed, out.total,
                            failures.empty() ? "" : ": " + failures.front());
    if (failures.size() > 1) {
      details = "failing tests:\n";
      for (std::size_t i = 0; i < failures.size() && i < 10; ++i) details += "  " + failures[i] + "\n";
      c.details = details + "\n" + c.details;
    }
  }
  return c;
}

std::string tests_next_step(const Check& check) {
  return check.status == Status::fail ? "read the first failed assertion (expected vs actual) and fix that case first"
                                      : "the tests crashed or timed out: run them locally to see where";
}

}  // namespace parlab::grader::steps
