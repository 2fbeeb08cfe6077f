// Reading GoogleTest's JSON reports (gtest 1.12 format), which say per test
// whether it ran, passed, was skipped, and why it failed: far more reliable
// than scraping the console output a student's code can write into.
//
// Both parsers are total: malformed, truncated or unexpected JSON gives
// nullopt and a one-line reason in *error (when error is not null), never an
// exception. A test binary that crashed writes no JSON at all; callers treat
// that as a crash, not as "no tests".
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace parlab::grader::tests {

// One entry of "failures": [{"failure": "/path/x.cpp:23\nExpected equality ..."}].
struct Failure {
  std::string file;     // "" for "unknown file" (an exception escaped the test)
  int line = 0;         // 0 when unknown
  std::string message;  // the text after the "file:line" line
};

struct TestResult {
  std::string suite;    // "Arithmetic", "Small/Squares"
  std::string name;     // "AddsSmallNumbers", "NonNegative/1"
  bool ran = false;     // "status": "RUN"; false for disabled tests ("NOTRUN")
  bool passed = false;  // ran, not skipped, and no failure
  bool skipped = false; // "result": "SKIPPED" (GTEST_SKIP)
  double seconds = 0;   // "time": "0.03s"
  std::vector<Failure> failures;
  [[nodiscard]] std::string full_name() const;  // "Suite.Name", what --gtest_filter takes
};

struct Report {
  std::vector<TestResult> tests;  // in file order; tests removed by --gtest_filter are absent
  // Tests that ran, skipped ones included (disabled ones are not).
  [[nodiscard]] int total() const;
  // Tests that ran and have at least one failure.
  [[nodiscard]] int failed() const;
};

// The --gtest_output=json:FILE of a test run.
std::optional<Report> parse_gtest_json(std::string_view json, std::string* error);

// --gtest_list_tests --gtest_output=json:FILE -> ["Suite.Name", ...] in file
// order, DISABLED_ tests included (they are listed, just not run).
std::optional<std::vector<std::string>> parse_gtest_list_json(std::string_view json, std::string* error);

}  // namespace parlab::grader::tests
