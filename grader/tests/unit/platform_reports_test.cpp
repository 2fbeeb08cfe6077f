// The Classroom 50 and PrairieLearn formats, rendered from hand-built
// GradeReports: their points (whole points for Classroom 50, a fraction for
// PrairieLearn), statuses, identity fields and size limit. Their JSON Schemas
// (docs/grader-output.md) are checked by the export.platform_formats test,
// which validates what WritesSamplesForTheSchemaTest writes here.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "pipeline/step_runner.hpp"
#include "report/classroom50_report.hpp"
#include "report/prairielearn_report.hpp"
#include "sample_results.hpp"

namespace {

using namespace parlab::grader;
using namespace parlab::grader::report;
using json = nlohmann::json;

Check check(const char* name, Status status, double score, double max_score, const char* message) {
  return parlab::grader::testing::make_check(name, status, score, max_score, message, 2);
}

ExerciseResult exercise(const char* id, std::vector<Check> checks) {
  return parlab::grader::testing::make_exercise(id, id, std::move(checks));
}

// The kit's default split of 10 points: tests 5, race 2.5, speedup 2.5.
ExerciseResult passing(const char* id) {
  return exercise(id, {check("build", Status::pass, 0, 0, "built without warnings"),
                       check("tests", Status::pass, 5, 5, "6 tests passed"),
                       check("race", Status::pass, 2.5, 2.5, "no data race"),
                       check("speedup", Status::pass, 2.5, 2.5, "1.84x faster")});
}

ExerciseResult racy_with_two_of_three_tests(const char* id) {
  Check race = check("race", Status::fail, 0, 2.5, "data race in hits_of: One random generator shared by all threads");
  race.location = Location{"04_monte_carlo_pi/monte_carlo_pi.cpp", 14, 22};
  race.details = "WARNING: ThreadSanitizer: data race (pid=42)\n  Read of size 8 by thread T2:\n";
  return exercise(id, {check("build", Status::pass, 0, 0, "built without warnings"),
                       check("tests", Status::fail, 5.0 * 2 / 3, 5, "2 of 3 tests passed"), race,
                       check("speedup", Status::skipped, 0, 2.5, "not run: the race check failed")});
}

ExerciseResult not_compiling(const char* id) {
  Check build = check("build", Status::error, 0, 0, "does not compile: 'foo' was not declared in this scope");
  build.location = Location{std::string(id) + "/slow_sum.cpp", 12, 3};
  build.details = "slow_sum.cpp:12:3: error: 'foo' was not declared in this scope\n   12 |   foo();\n";
  return exercise(id, {build, check("tests", Status::skipped, 0, 5, "not run: the build failed"),
                       check("race", Status::skipped, 0, 2.5, "not run: the build failed"),
                       check("speedup", Status::skipped, 0, 2.5, "not run: the build failed")});
}

GradeReport report_of(std::vector<ExerciseResult> exercises, int cores = 2) {
  GradeReport r;
  r.submission = "exercises";
  r.kit_version = "0.1.0";
  r.usable_cores = cores;
  r.seconds = 30;
  r.exercises = std::move(exercises);
  return r;
}

GradeReport mixed() {
  return report_of({passing("02_slow_sum"), racy_with_two_of_three_tests("04_monte_carlo_pi"),
                    not_compiling("05_option_strikes")});
}

Classroom50Identity identity() {
  const std::map<std::string, std::string> env = {
      {"CLASSROOM", "pp-2026"},
      {"ASSIGNMENT", "parlab"},
      {"ASSIGNMENT_TYPE", "individual"},
      {"OWNER", "student1"},
      {"SUBMISSION_TAG", "submit/2026-10-01T14-32-05Z-a1b2c3d"},
      {"COMMIT_URL", "https://github.com/course-org/pp-2026-parlab-student1/commit/a1b2c3d"},
      {"RELEASE_URL", "https://github.com/course-org/pp-2026-parlab-student1/releases/tag/submit%2F2026-10-01T14-32-05Z-a1b2c3d"},
      {"SUBMISSION_DATETIME", "2026-10-01T14:32:01Z"},
      {"GITHUB_ACTOR", "student1"},
      {"GITHUB_ACTOR_ID", "4242"},
  };
  return classroom50_identity_from_env(
      [&env](const char* name) -> const char* {
        const auto it = env.find(name);
        return it == env.end() ? nullptr : it->second.c_str();
      },
      "2026-10-01T14:40:00Z");
}

// ---- Classroom 50 ---------------------------------------------------------------

TEST(Classroom50Report, WholePointsScaledByTheSmallestFactor) {
  EXPECT_EQ(classroom50_scale(report_of({passing("02_slow_sum")})), 2) << "2.5 points need halves";
  EXPECT_EQ(classroom50_scale(report_of({exercise("x", {check("tests", Status::pass, 3, 3, "")})})), 1);
  EXPECT_EQ(classroom50_scale(report_of({exercise("x", {check("tests", Status::pass, 0.2, 0.2, "")})})), 5);
  EXPECT_EQ(classroom50_scale(report_of({exercise("x", {check("tests", Status::pass, 1, 1.0 / 3, "")})})), 100)
      << "no factor makes a third whole: hundredths, rounded";

  const json j = json::parse(to_classroom50(mixed(), identity()));
  EXPECT_EQ(j.at("max-score"), 60) << "30 points counted in halves";
  // 02: 10 + 2.5 + 2.5 -> 20 halves; 04: 3.33 tests -> 6 halves (rounded down); 05: 0.
  EXPECT_EQ(j.at("score"), 26);
  long long sum = 0;
  long long max_sum = 0;
  for (const json& t : j.at("tests")) {
    EXPECT_TRUE(t.at("score").is_number_integer() && t.at("max-score").is_number_integer()) << t;
    EXPECT_LE(t.at("score").get<long long>(), t.at("max-score").get<long long>());
    sum += t.at("score").get<long long>();
    max_sum += t.at("max-score").get<long long>();
  }
  EXPECT_EQ(sum, j.at("score").get<long long>()) << "score is the sum of the tests, as Classroom 50 requires";
  EXPECT_EQ(max_sum, j.at("max-score").get<long long>());
}

TEST(Classroom50Report, OneTestPerCheckWithTheRealVerdictAndExactPoints) {
  const json tests = json::parse(to_classroom50(mixed(), identity())).at("tests");
  ASSERT_EQ(tests.size(), 12U);
  const json& partial = tests.at(5);
  EXPECT_EQ(partial.at("test-name"), "04_monte_carlo_pi · tests");
  EXPECT_EQ(partial.at("passed"), false);
  EXPECT_EQ(partial.at("score"), 6);
  EXPECT_EQ(partial.at("max-score"), 10);
  EXPECT_NEAR(partial.at("unscaled-score").get<double>(), 10.0 / 3, 1e-9);
  EXPECT_EQ(partial.at("unscaled-max-score"), 5.0);
  EXPECT_NE(partial.at("message").get<std::string>().find("Next step: read the first failed assertion"),
            std::string::npos);
  const json& race = tests.at(6);
  EXPECT_EQ(race.at("status"), "fail");
  EXPECT_NE(race.at("message").get<std::string>().find("random generator"), std::string::npos);
  EXPECT_EQ(race.at("message").get<std::string>().find("ThreadSanitizer"), std::string::npos)
      << "details stay out of the gradebook";
  EXPECT_EQ(tests.at(7).at("status"), "skipped");
  EXPECT_EQ(tests.at(0).at("passed"), true);
  EXPECT_EQ(tests.at(0).at("max-score"), 0) << "the build gate is worth nothing, and still shown";
}

TEST(Classroom50Report, IdentityComesFromTheRunnersEnvironment) {
  const json j = json::parse(to_classroom50(mixed(), identity()));
  EXPECT_EQ(j.at("schema"), "classroom50/result/v1");
  EXPECT_EQ(j.at("classroom"), "pp-2026");
  EXPECT_EQ(j.at("assignment"), "parlab");
  EXPECT_EQ(j.at("assignment_type"), "individual");
  EXPECT_EQ(j.at("owner"), "student1");
  EXPECT_EQ(j.at("submission"), "submit/2026-10-01T14-32-05Z-a1b2c3d");
  EXPECT_EQ(j.at("review"), j.at("commit")) << "no REVIEW_URL: the commit link";
  EXPECT_EQ(j.at("datetime"), "2026-10-01T14:32:01Z");
  EXPECT_EQ(j.at("graded_at"), "2026-10-01T14:40:00Z");
  EXPECT_EQ(j.at("submitted_by"), (json{{"username", "student1"}, {"id", 4242}}));
  EXPECT_TRUE(identity().missing.empty());

  const Classroom50Identity none =
      classroom50_identity_from_env([](const char*) -> const char* { return nullptr; }, "2026-10-01T14:40:00Z");
  EXPECT_EQ(none.missing, "CLASSROOM, ASSIGNMENT, OWNER, SUBMISSION_TAG, COMMIT_URL, RELEASE_URL");
  const json placeholder = json::parse(to_classroom50(mixed(), none));
  EXPECT_EQ(placeholder.at("submission"), "submit/unknown");
  EXPECT_EQ(placeholder.at("datetime"), "2026-10-01T14:40:00Z") << "no SUBMISSION_DATETIME: now";
  EXPECT_FALSE(placeholder.contains("submitted_by"));
  EXPECT_EQ(utc_now_iso8601().size(), 20U);
}

// ---- PrairieLearn -----------------------------------------------------------------

TEST(PrairieLearnReport, ScoreIsTheFractionOfThePoints) {
  const GradeReport r = mixed();
  const json j = json::parse(to_prairielearn(r));
  EXPECT_EQ(j.at("gradable"), true);
  EXPECT_DOUBLE_EQ(j.at("score").get<double>(), r.score() / r.max_score());
  EXPECT_NE(j.at("message").get<std::string>().find("/ 30 points"), std::string::npos) << j.at("message");
  EXPECT_NE(j.at("output").get<std::string>().find("04_monte_carlo_pi"), std::string::npos) << "the table";
  ASSERT_EQ(j.at("tests").size(), 12U);
  double points = 0;
  for (const json& t : j.at("tests")) {
    for (const char* key : {"name", "description", "points", "max_points", "message", "output"}) {
      EXPECT_TRUE(t.contains(key)) << key;
    }
    points += t.at("points").get<double>();
  }
  EXPECT_DOUBLE_EQ(points, r.score()) << "partial credit per check, as in the other formats";
  const json& race = j.at("tests").at(6);
  EXPECT_EQ(race.at("name"), "04_monte_carlo_pi · race");
  EXPECT_NE(race.at("output").get<std::string>().find("04_monte_carlo_pi/monte_carlo_pi.cpp:14"), std::string::npos);
  EXPECT_NE(race.at("output").get<std::string>().find("ThreadSanitizer"), std::string::npos);

  EXPECT_DOUBLE_EQ(json::parse(to_prairielearn(report_of({passing("02_slow_sum")}))).at("score").get<double>(), 1.0);
}

TEST(PrairieLearnReport, NothingBuiltIsNotGradableAndSaysWhy) {
  const json j = json::parse(to_prairielearn(report_of({not_compiling("02_slow_sum"), not_compiling("03_x")})));
  EXPECT_EQ(j.at("gradable"), false);
  EXPECT_FALSE(j.contains("score")) << "an ungradable submission has no score";
  EXPECT_NE(j.at("message").get<std::string>().find("not graded"), std::string::npos);
  ASSERT_EQ(j.at("format_errors").size(), 2U);
  EXPECT_EQ(j.at("format_errors").at(0), "02_slow_sum: does not compile: 'foo' was not declared in this scope");
  GradeReport missing = report_of({not_compiling("01_slow_downloads")}, 1);
  missing.exercises[0].checks[0].message =
      "missing file 01_slow_downloads/slow_downloads.cpp: copy it from the kit's exercises/01_slow_downloads/ and "
      "edit it there";
  missing.exercises[0].checks[0].missing_file = "01_slow_downloads/slow_downloads.cpp";  // as the stage step sets it
  const json m = json::parse(to_prairielearn(missing));
  EXPECT_EQ(m.at("format_errors").at(0), "01_slow_downloads: slow_downloads.cpp was not submitted: upload it and submit again")
      << "a PrairieLearn student uploads files; the kit's advice would mislead";
  EXPECT_EQ(m.at("message").get<std::string>().find("usable cores:"), std::string::npos)
      << "nothing was timed, so the cores do not matter";
  // One exercise that builds is enough to grade.
  EXPECT_EQ(json::parse(to_prairielearn(mixed())).at("gradable"), true);
}

TEST(PrairieLearnReport, WarnsStaffOnOneCore) {
  const json j = json::parse(to_prairielearn(report_of({passing("02_slow_sum")}, 1)));
  EXPECT_NE(j.at("message").get<std::string>().find("Fewer than 2 usable cores"), std::string::npos);
}

TEST(PrairieLearnReport, StaysUnderTheSizeLimitByCuttingOutputs) {
  GradeReport r;
  r.usable_cores = 2;
  std::string huge;
  for (int i = 0; i < 20000; ++i) huge += "a line of compiler output that goes on and on, number " + std::to_string(i) + "\n";
  for (int i = 0; i < 40; ++i) {
    ExerciseResult e = not_compiling("02_slow_sum");
    e.checks[0].details = huge;
    r.exercises.push_back(e);
  }
  const std::string full = to_prairielearn(r);
  EXPECT_LE(full.size(), kPrairieLearnMaxBytes);
  const json j = json::parse(full);
  EXPECT_NE(j.at("tests").at(0).at("output").get<std::string>().find("more lines in the grader's full report"),
            std::string::npos);

  const std::string small = to_prairielearn(r, 200 * 1000);
  EXPECT_LE(small.size(), 200U * 1000U) << "a tighter limit cuts the outputs further";
  EXPECT_EQ(json::parse(small).at("tests").size(), 160U) << "every check keeps its test and points";
}

// With PARLAB_FORMAT_SAMPLES=DIR (the export.platform_formats test sets it),
// writes each format of a few reports to DIR for the JSON Schema check.
// Writes the samples where the export test asks (PARLAB_FORMAT_SAMPLES), or
// into a scratch folder otherwise; either way every sample must read back as
// a JSON document, so a format change that breaks the writer fails here too.
TEST(PlatformSamples, WritesSamplesForTheSchemaTest) {
  const char* env_dir = std::getenv("PARLAB_FORMAT_SAMPLES");
  const std::string dir = env_dir != nullptr && *env_dir != '\0'
                              ? std::string(env_dir)
                              : (std::filesystem::path(::testing::TempDir()) / "parlab-format-samples").string();
  const std::map<std::string, GradeReport> reports = {
      {"mixed", mixed()},
      {"all-pass", report_of({passing("02_slow_sum"), passing("04_monte_carlo_pi")})},
      {"nothing-built", report_of({not_compiling("02_slow_sum")}, 1)},
  };
  std::filesystem::create_directories(dir);
  for (const auto& [name, r] : reports) {
    std::ofstream(std::filesystem::path(dir) / (name + ".classroom50.json")) << to_classroom50(r, identity());
    std::ofstream(std::filesystem::path(dir) / (name + ".prairielearn.json")) << to_prairielearn(r);
  }
  for (const auto& [name, r] : reports) {
    for (const char* format : {".classroom50.json", ".prairielearn.json"}) {
      std::ifstream in(std::filesystem::path(dir) / (name + format));
      ASSERT_TRUE(in) << name << format << " was not written";
      const nlohmann::json doc = nlohmann::json::parse(in, nullptr, /*allow_exceptions=*/false);
      EXPECT_TRUE(doc.is_object()) << name << format << " is not a JSON object";
    }
  }
}

}  // namespace
