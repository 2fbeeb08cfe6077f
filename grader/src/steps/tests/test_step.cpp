#include "steps/tests/test_step.hpp"

#include <chrono>
#include <fmt/format.h>
#include <set>

#include "core/files.hpp"
#include "core/lines.hpp"
#include "steps/student_run.hpp"
#include "steps/tests/gtest_report.hpp"

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

SuiteResult run_suite(const Workspace& ws, const Suite& suite) {
  SuiteResult out;
  const int timeout = ws.manifest->timeouts.tests_s;
  // Written by the test program, so into its scratch folder: student code
  // can write nowhere else (the grader's own files are in results/).
  const fs::path list_file = ws.run_dir() / (suite.name + "-list.json");
  const fs::path report_file = ws.run_dir() / (suite.name + "-results.json");
  std::error_code ec;
  fs::remove(list_file, ec);
  fs::remove(report_file, ec);

  const auto listing = sandbox::run(test_command(
      ws, {suite.program.string(), "--gtest_list_tests", "--gtest_output=json:" + list_file.string()}, timeout));
  std::string error;
  const auto list_json = read_file(list_file);
  const auto names = list_json ? tests::parse_gtest_list_json(*list_json, &error) : std::nullopt;
  if (!listing.ok() || !names) {
    out.problem = fmt::format("the {} test program did not start ({})", suite.name, listing.describe());
    out.run = listing;
    return out;
  }
  out.expected = *names;

  out.run = sandbox::run(test_command(ws, {suite.program.string(), "--gtest_output=json:" + report_file.string()}, timeout));
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

sandbox::Command test_command(const Workspace& ws, std::vector<std::string> argv, int timeout_s) {
  sandbox::Command c;
  c.argv = std::move(argv);
  c.working_dir = ws.run_dir().string();
  c.limits.wall_timeout = std::chrono::seconds(timeout_s);
  c.limits.data_bytes = 2ULL << 30;
  c.limits.memory_watch_bytes = 3ULL << 30;
  c.isolation = student_code_isolation(ws);
  return c;
}

TestOutcome run_tests(const Workspace& ws, const Machine& /*machine*/) {
  const auto start = std::chrono::steady_clock::now();
  TestOutcome out;
  Check& c = out.check;
  c.name = "tests";

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
    SuiteResult r = run_suite(ws, suite);
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
        failures.push_back(label + ": " + (t.failures.empty() ? "failed" : one_line(t.failures.front().message)));
        if (!t.failures.empty()) {
          const auto& f = t.failures.front();
          // Point at public test lines only: hidden test sources stay hidden.
          if (!first_location && suite.name == "public" && !f.file.empty()) {
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
      if (!r.run.err.empty()) details += "[" + suite.name + " test program stderr]\n" + first_lines(r.run.err, 15);
    }
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
  c.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return out;
}

}  // namespace parlab::grader::steps
