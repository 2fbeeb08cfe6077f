// A student's committed state and what the class files make of it: the
// state round-trips through JSON, a report is summarized with the right
// status, and the summary counts, groups problems and draws a valid chart.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "batch/class_summary.hpp"
#include "batch/student_state.hpp"

namespace {

using namespace parlab::grader;
using namespace parlab::grader::batch;

Check check(const char* name, Status status, const char* message = "") {
  Check c;
  c.id = *parse_check_id(name);
  c.status = status;
  c.message = message;
  return c;
}

GradeReport report_with(Status tests, const char* tests_message, Status speedup, double score) {
  GradeReport r;
  r.seconds = 42;
  ExerciseResult e;
  e.id = "04_monte_carlo_pi";
  e.score = score;
  e.max_score = 10;
  e.checks = {check("build", Status::pass), check("tests", tests, tests_message), check("race", Status::pass),
              check("speedup", speedup, "speedup message")};
  r.exercises.push_back(e);
  return r;
}

BatchSettings settings() {
  BatchSettings s;
  s.submissions = "/class";
  s.exercises = {{"04_monte_carlo_pi", 10}};
  s.kit_version = "test";
  return s;
}

TEST(BatchState, SummarizesAReport) {
  const auto passed = summarize("alice", report_with(Status::pass, "", Status::pass, 10));
  EXPECT_EQ(passed.status, kGraded);
  EXPECT_EQ(passed.message, "every exercise passed");
  EXPECT_DOUBLE_EQ(passed.total(), 10);
  EXPECT_TRUE(passed.exercises[0].problems.empty());

  const auto failed = summarize("bob", report_with(Status::fail, "3 of 9 tests failed", Status::skipped, 2.5));
  EXPECT_EQ(failed.status, kGraded);
  EXPECT_EQ(failed.message, "not passed: 04_monte_carlo_pi (tests)");
  ASSERT_EQ(failed.exercises[0].problems.size(), 1U) << "skipped checks are not problems";
  EXPECT_EQ(failed.exercises[0].statuses, (std::vector<std::string>{"pass", "fail", "pass", "skipped"}));

  const auto noisy = summarize("carol", report_with(Status::pass, "", Status::inconclusive, 7.5));
  EXPECT_EQ(noisy.status, kInconclusive);
  EXPECT_NE(noisy.message.find("--only-student carol --force"), std::string::npos) << noisy.message;
}

TEST(BatchState, RoundTripsThroughJson) {
  auto s = summarize("bob", report_with(Status::fail, "3 of 9 tests failed", Status::skipped, 2.5));
  s.fingerprint = {"abc", "def", "settings"};
  const auto back = state_from_json(to_json(s));
  ASSERT_TRUE(back.has_value());
  EXPECT_EQ(back->student, "bob");
  EXPECT_EQ(back->status, s.status);
  EXPECT_EQ(back->message, s.message);
  EXPECT_EQ(back->fingerprint, s.fingerprint);
  EXPECT_DOUBLE_EQ(back->total(), 2.5);
  EXPECT_EQ(back->exercises[0].problems[0].message, "3 of 9 tests failed");
  EXPECT_FALSE(state_from_json("{\"student\": \"x\"").has_value()) << "a truncated state file must not count";
  EXPECT_FALSE(state_from_json("{}").has_value());
}

TEST(BatchSummary, GroupsProblemsWhoseNumbersDiffer) {
  const std::vector<StudentState> states{
      summarize("a", report_with(Status::fail, "3 of 9 tests failed", Status::skipped, 2)),
      summarize("b", report_with(Status::fail, "5 of 9 tests failed", Status::skipped, 1)),
      summarize("c", report_with(Status::pass, "", Status::fail, 7.5)),
      summarize("d", report_with(Status::pass, "", Status::pass, 10))};
  const auto problems = common_problems(states, 10);
  ASSERT_EQ(problems.size(), 2U);
  EXPECT_EQ(problems[0].check, "tests");
  EXPECT_EQ(problems[0].students, (std::vector<std::string>{"a", "b"}));
  EXPECT_EQ(problems[0].example, "3 of 9 tests failed");
  EXPECT_EQ(problems[1].check, "speedup");
  EXPECT_EQ(common_problems(states, 1).size(), 1U);

  const auto bars = distributions(settings(), states);
  ASSERT_EQ(bars.size(), 2U);
  EXPECT_EQ(bars[0].low, 2);
  EXPECT_EQ(bars[0].high, 1);
  EXPECT_EQ(bars[0].full, 1);
  EXPECT_EQ(bars[1].label, "total");
}

TEST(BatchSummary, MarkdownCountsStatusesAndListsFoldersNotGraded) {
  StudentState empty;
  empty.student = "empty|pipe";
  empty.status = "empty";
  empty.message = "empty folder: nothing was submitted";
  const std::vector<StudentState> states{summarize("a", report_with(Status::pass, "", Status::pass, 10)), empty};
  const std::string md = summary_markdown(settings(), states, "summary.svg");
  EXPECT_NE(md.find("2 entries in `/class`: 1 empty, 1 graded."), std::string::npos) << md;
  EXPECT_NE(md.find("![Points per exercise"), std::string::npos);
  EXPECT_NE(md.find("| 04_monte_carlo_pi | 2 | 5/10 | 5 | 1 | 0 | 0 | 1 |"), std::string::npos) << md;
  EXPECT_NE(md.find("empty\\|pipe"), std::string::npos) << "a folder name must not break the table";
}

TEST(BatchSummary, ChartIsWellFormedAndEscaped) {
  PointsDistribution d;
  d.label = "<script>&";
  d.zero = 1;
  d.full = 3;
  const std::string svg = summary_svg({d});
  EXPECT_EQ(svg.rfind("<svg xmlns=\"http://www.w3.org/2000/svg\"", 0), 0U);
  EXPECT_NE(svg.find("&lt;script&gt;&amp;"), std::string::npos);
  EXPECT_EQ(svg.find("<script>"), std::string::npos);
  EXPECT_NE(svg.find("</svg>"), std::string::npos);
  // One bar segment per non-empty band: 1/4 and 3/4 of the 420-pixel bar.
  EXPECT_NE(svg.find("width=\"105.0\""), std::string::npos) << svg;
  EXPECT_NE(svg.find("width=\"315.0\""), std::string::npos) << svg;
}

}  // namespace
