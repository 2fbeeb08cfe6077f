// The GoogleTest JSON parser against real reports of gtest 1.12
// (grader/tests/data/gtest, made from programs/sample_test.cpp): each test's
// state and failures, and nullopt (never an exception) for anything else.
#include <gtest/gtest.h>

#include "test_data.hpp"

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "steps/tests/gtest_report.hpp"

namespace {

using namespace parlab::grader::tests;
namespace fs = std::filesystem;

const fs::path kData = fs::path(PARLAB_GRADER_TEST_DATA) / "gtest";
constexpr const char* kSource = "/tmp/g2-gtest/sample_test.cpp";

std::string read_file(const fs::path& path) { return parlab::grader::testing::read_test_file(path); }

Report parse_file(const char* name) {
  std::string error;
  const std::optional<Report> report = parse_gtest_json(read_file(kData / name), &error);
  EXPECT_TRUE(report.has_value()) << error;
  return report.value_or(Report{});
}

const TestResult* find(const Report& r, const std::string& full_name) {
  for (const TestResult& t : r.tests) {
    if (t.full_name() == full_name) return &t;
  }
  ADD_FAILURE() << "no test " << full_name;
  return nullptr;
}

TEST(GtestReport, CountsOfAFullRun) {
  const Report r = parse_file("run.json");
  ASSERT_EQ(r.tests.size(), 9U);
  EXPECT_EQ(r.total(), 8) << "the disabled test did not run";
  EXPECT_EQ(r.failed(), 4);
  std::vector<std::string> names;
  for (const TestResult& t : r.tests) names.push_back(t.full_name());
  EXPECT_EQ(names, (std::vector<std::string>{
                       "Arithmetic.AddsSmallNumbers", "Arithmetic.AddsNegativeNumbers", "Arithmetic.TwoFailures",
                       "Arithmetic.FatalStopsTheTest", "Arithmetic.ThrowsUnexpectedly",
                       "Environment.SkippedOnThisMachine", "Environment.DISABLED_NotReadyYet",
                       "Small/Squares.NonNegative/0", "Small/Squares.NonNegative/1"}));
}

TEST(GtestReport, PassingTest) {
  const Report r = parse_file("run.json");
  const TestResult* t = find(r, "Arithmetic.AddsSmallNumbers");
  ASSERT_NE(t, nullptr);
  EXPECT_EQ(t->suite, "Arithmetic");
  EXPECT_EQ(t->name, "AddsSmallNumbers");
  EXPECT_TRUE(t->ran);
  EXPECT_TRUE(t->passed);
  EXPECT_FALSE(t->skipped);
  EXPECT_TRUE(t->failures.empty());
  EXPECT_DOUBLE_EQ(t->seconds, 0.03);  // the recorded "time": "0.03s", not a measurement
}

TEST(GtestReport, FailureWithAStreamedMessage) {
  const Report r = parse_file("run.json");
  const TestResult* t = find(r, "Arithmetic.AddsNegativeNumbers");
  ASSERT_NE(t, nullptr);
  EXPECT_TRUE(t->ran);
  EXPECT_FALSE(t->passed);
  EXPECT_FALSE(t->skipped);
  ASSERT_EQ(t->failures.size(), 1U);
  EXPECT_EQ(t->failures[0].file, kSource);
  EXPECT_EQ(t->failures[0].line, 19);
  EXPECT_EQ(t->failures[0].message,
            "Expected equality of these values:\n  add(-2, -3)\n    Which is: -5\n  -6\nsum of two negatives is wrong");
}

TEST(GtestReport, TwoFailuresInOneTestAndAFatalOne) {
  const Report r = parse_file("run.json");
  const TestResult* two = find(r, "Arithmetic.TwoFailures");
  ASSERT_NE(two, nullptr);
  ASSERT_EQ(two->failures.size(), 2U);
  EXPECT_EQ(two->failures[0].line, 23);
  EXPECT_EQ(two->failures[1].line, 24);
  EXPECT_EQ(two->failures[1].message, "Value of: add(0, 0) == 1\n  Actual: false\nExpected: true\nsecond");

  const TestResult* fatal = find(r, "Arithmetic.FatalStopsTheTest");
  ASSERT_NE(fatal, nullptr);
  ASSERT_EQ(fatal->failures.size(), 1U);
  EXPECT_EQ(fatal->failures[0].line, 29);
  EXPECT_EQ(fatal->failures[0].message,
            "Value of: v.empty()\n  Actual: true\nExpected: false\nthe vector must not be empty");
}

TEST(GtestReport, ExceptionEscapingATestHasNoFile) {
  const Report r = parse_file("run.json");
  const TestResult* t = find(r, "Arithmetic.ThrowsUnexpectedly");
  ASSERT_NE(t, nullptr);
  EXPECT_FALSE(t->passed);
  ASSERT_EQ(t->failures.size(), 1U);
  EXPECT_EQ(t->failures[0].file, "");  // gtest wrote "unknown file"
  EXPECT_EQ(t->failures[0].line, 0);
  EXPECT_EQ(t->failures[0].message,
            "C++ exception with description \"boom \"quoted\"\nsecond line\" thrown in the test body.");
}

TEST(GtestReport, SkippedAndDisabledTests) {
  const Report r = parse_file("run.json");
  const TestResult* skipped = find(r, "Environment.SkippedOnThisMachine");
  ASSERT_NE(skipped, nullptr);
  EXPECT_TRUE(skipped->ran);
  EXPECT_TRUE(skipped->skipped);
  EXPECT_FALSE(skipped->passed);
  EXPECT_TRUE(skipped->failures.empty());

  const TestResult* disabled = find(r, "Environment.DISABLED_NotReadyYet");
  ASSERT_NE(disabled, nullptr);
  EXPECT_FALSE(disabled->ran);
  EXPECT_FALSE(disabled->skipped);
  EXPECT_FALSE(disabled->passed);
}

TEST(GtestReport, ParameterisedTestNamesKeepTheirSlashes) {
  const Report r = parse_file("run.json");
  const TestResult* t = find(r, "Small/Squares.NonNegative/1");
  ASSERT_NE(t, nullptr);
  EXPECT_EQ(t->suite, "Small/Squares");  // written as "Small\/Squares" in the JSON
  EXPECT_EQ(t->name, "NonNegative/1");
  EXPECT_TRUE(t->passed);
}

TEST(GtestReport, FilteredRunListsOnlyTheTestsThatMatched) {
  const Report r = parse_file("filtered.json");
  ASSERT_EQ(r.tests.size(), 4U);
  EXPECT_EQ(r.total(), 4);
  EXPECT_EQ(r.failed(), 1);
  EXPECT_EQ(r.tests[1].full_name(), "Arithmetic.AddsNegativeNumbers");
}

TEST(GtestReport, RacyRunPassesEveryTest) {
  // GoogleTest cannot see a race: this run's TSan report is in tsan/racy_gtest_merged_output.txt.
  const Report r = parse_file("racy.json");
  ASSERT_EQ(r.tests.size(), 2U);
  EXPECT_EQ(r.failed(), 0);
  EXPECT_TRUE(r.tests[0].passed);
  EXPECT_EQ(r.tests[0].full_name(), "Counter.CountsEveryHit");
}

TEST(GtestReport, TestList) {
  std::string error;
  const auto names = parse_gtest_list_json(read_file(kData / "list.json"), &error);
  ASSERT_TRUE(names.has_value()) << error;
  EXPECT_EQ(*names, (std::vector<std::string>{
                        "Arithmetic.AddsSmallNumbers", "Arithmetic.AddsNegativeNumbers", "Arithmetic.TwoFailures",
                        "Arithmetic.FatalStopsTheTest", "Arithmetic.ThrowsUnexpectedly",
                        "Environment.SkippedOnThisMachine", "Environment.DISABLED_NotReadyYet",
                        "Small/Squares.NonNegative/0", "Small/Squares.NonNegative/1"}));
}

TEST(GtestReport, StatusIsComparedWithoutCase) {
  std::string error;
  const auto r = parse_gtest_json(
      R"({"testsuites":[{"name":"S","testsuite":[{"name":"T","status":"run","time":"0.5s"}]}]})", &error);
  ASSERT_TRUE(r.has_value()) << error;
  ASSERT_EQ(r->tests.size(), 1U);
  EXPECT_TRUE(r->tests[0].ran);
  EXPECT_TRUE(r->tests[0].passed);
  EXPECT_DOUBLE_EQ(r->tests[0].seconds, 0.5);
}

TEST(GtestReport, RejectsWhatIsNotAReport) {
  for (const char* text : {"", "   ", "{", "[1, 2]", "{}", R"({"testsuites": 3})", "null", "\"x\"",
                           "{\"testsuites\":[]}garbage"}) {
    std::string error;
    std::optional<Report> report;
    ASSERT_NO_THROW(report = parse_gtest_json(text, &error)) << text;
    EXPECT_FALSE(report.has_value()) << text;
    EXPECT_FALSE(error.empty()) << text;
    std::optional<std::vector<std::string>> names;
    ASSERT_NO_THROW(names = parse_gtest_list_json(text, nullptr)) << text;
    EXPECT_FALSE(names.has_value()) << text;
  }
}

TEST(GtestReport, WrongTypesAreIgnoredNotThrown) {
  const char* odd = R"({"testsuites":[7, {"name":5,"testsuite":[1, {"name":["x"],"status":7,"result":null,
      "time":"fast","failures":"none"}, {"name":"T","status":"RUN","failures":[3, {"failure":42}, {"failure":"f.cpp:0\nx"}]}]},
      {"name":"Empty"}]})";
  std::string error;
  std::optional<Report> r;
  ASSERT_NO_THROW(r = parse_gtest_json(odd, &error));
  ASSERT_TRUE(r.has_value()) << error;
  ASSERT_EQ(r->tests.size(), 2U);
  EXPECT_EQ(r->tests[0].name, "");
  EXPECT_FALSE(r->tests[0].ran);
  EXPECT_EQ(r->tests[0].seconds, 0);
  ASSERT_EQ(r->tests[1].failures.size(), 3U);
  EXPECT_FALSE(r->tests[1].passed);
  EXPECT_EQ(r->tests[1].failures[2].file, "") << "line 0 is not a location";
  EXPECT_EQ(r->tests[1].failures[2].message, "f.cpp:0\nx");
}

TEST(GtestReport, TruncatedReportsNeverThrow) {
  for (const char* name : {"run.json", "list.json", "filtered.json", "racy.json"}) {
    const std::string text = read_file(kData / name);
    for (std::size_t n = 0; n < text.size(); n += 97) {
      const std::string_view prefix(text.data(), n);
      std::string error;
      std::optional<Report> report;
      ASSERT_NO_THROW(report = parse_gtest_json(prefix, &error)) << name << " cut at " << n;
      if (n + 2 < text.size()) {  // only the final "}\n" can go and leave a whole document
        EXPECT_FALSE(report.has_value()) << name << " cut at " << n;
        EXPECT_FALSE(error.empty());
      }
      ASSERT_NO_THROW((void)parse_gtest_list_json(prefix, &error));
    }
  }
}

}  // namespace
