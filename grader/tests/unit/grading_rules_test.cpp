// Unit tests of the small grading rules: result comparison, scoring, manifests.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "core/manifest.hpp"
#include "steps/score/score.hpp"
#include "steps/timing/result_compare.hpp"

namespace {

using namespace parlab::grader;
namespace fs = std::filesystem;

TEST(ResultsAgree, IntegersMustMatchExactly) {
  EXPECT_TRUE(timing::results_agree("31418556", "31418556", 0.1));
  EXPECT_FALSE(timing::results_agree("31418556", "31418557", 0.1));
  EXPECT_FALSE(timing::results_agree("1 2 3", "1 2", 0));
}

TEST(ResultsAgree, DecimalsWithinTheRelativeTolerance) {
  EXPECT_TRUE(timing::results_agree("10.4505835721856", "10.450583572185601", 1e-12));
  EXPECT_FALSE(timing::results_agree("10.45", "10.46", 1e-12));
  EXPECT_FALSE(timing::results_agree("10.45", "nan", 1));
  EXPECT_FALSE(timing::results_agree("10.45", "garbage", 1));
}

Manifest manifest_with_points(double points) {
  Manifest m;
  m.id = "99_test";
  m.points = points;
  return m;
}

ExerciseResult result_with(Status tests, Status race, Status speedup) {
  ExerciseResult r;
  r.checks = {Check{}, Check{}, Check{}, Check{}};
  r.checks[0].id = CheckId::build;
  r.checks[0].status = Status::pass;
  r.checks[1].id = CheckId::tests;
  r.checks[1].status = tests;
  r.checks[2].id = CheckId::race;
  r.checks[2].status = race;
  r.checks[3].id = CheckId::speedup;
  r.checks[3].status = speedup;
  return r;
}

TEST(Score, FullMarksWhenEveryCheckPasses) {
  auto r = result_with(Status::pass, Status::pass, Status::pass);
  r.checks[1].tests = TestCounts{12, 12, false};
  steps::score(r, manifest_with_points(10));
  EXPECT_DOUBLE_EQ(r.score, 10);
  EXPECT_DOUBLE_EQ(r.max_score, 10);
  EXPECT_TRUE(r.passed());
}

TEST(Score, TestsScoreInProportion) {
  auto r = result_with(Status::fail, Status::pass, Status::skipped);
  r.checks[1].tests = TestCounts{3, 4, false};
  steps::score(r, manifest_with_points(10));
  EXPECT_DOUBLE_EQ(r.checks[1].score, 3.75);
  EXPECT_DOUBLE_EQ(r.checks[2].score, 0) << "race points need every test to pass";
  EXPECT_DOUBLE_EQ(r.score, 3.75);
  EXPECT_FALSE(r.passed());
}

TEST(Score, InconclusiveSpeedupEarnsNothingButDoesNotFail) {
  auto r = result_with(Status::pass, Status::pass, Status::inconclusive);
  r.checks[1].tests = TestCounts{5, 5, false};
  steps::score(r, manifest_with_points(10));
  EXPECT_DOUBLE_EQ(r.score, 7.5);
  EXPECT_TRUE(r.passed());
}

TEST(Score, BuildErrorScoresZero) {
  auto r = result_with(Status::skipped, Status::skipped, Status::skipped);
  r.checks[0].status = Status::error;
  r.checks[1].tests = TestCounts{0, 0, false};
  steps::score(r, manifest_with_points(10));
  EXPECT_DOUBLE_EQ(r.score, 0);
  EXPECT_DOUBLE_EQ(r.max_score, 10);
  EXPECT_FALSE(r.passed());
}

class ManifestFile : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("parlab-manifest-" + std::to_string(::getpid())) / "07_example";
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_.parent_path()); }
  void write(const std::string& text) { std::ofstream(dir_ / "manifest.json") << text; }
  fs::path dir_;
};

TEST_F(ManifestFile, ReadsEveryField) {
  write(R"({"id":"07_example","slug":"example","title":"T","points":12,"student_files":["example.cpp"],
            "build":{"kit_sources":["baseline.cpp"],"libraries":["tbb"]},
            "speedup":{"kind":"cpu","fraction":0.6,"max_parallelism":8,"timing_size":1000,"result_tolerance":1e-12},
            "timeouts":{"build_s":100,"tests_s":20,"race_s":40,"timing_run_s":5}})");
  const auto m = load_manifest(dir_);
  EXPECT_EQ(m.slug, "example");
  EXPECT_DOUBLE_EQ(m.points, 12);
  EXPECT_EQ(m.student_files, std::vector<std::string>{"example.cpp"});
  EXPECT_EQ(m.libraries, std::vector<std::string>{"tbb"});
  EXPECT_EQ(m.speedup.max_parallelism, 8);
  EXPECT_EQ(m.speedup.timing_size, 1000U);
  EXPECT_EQ(m.timeouts.tests_s, 20);
}

TEST_F(ManifestFile, RejectsAnIdThatIsNotTheFolderName) {
  write(R"({"id":"08_other","slug":"x","student_files":["x.cpp"],"speedup":{"kind":"cpu","fraction":0.6,"timing_size":1}})");
  EXPECT_THROW(load_manifest(dir_), ManifestError);
}

TEST_F(ManifestFile, RejectsStudentFilesOutsideTheFolder) {
  write(R"({"id":"07_example","slug":"x","student_files":["../../etc/passwd"],"speedup":{"kind":"cpu","fraction":0.6,"timing_size":1}})");
  EXPECT_THROW(load_manifest(dir_), ManifestError);
}

TEST_F(ManifestFile, RejectsBrokenJsonWithTheFileName) {
  write("{ not json");
  try {
    load_manifest(dir_);
    FAIL() << "expected ManifestError";
  } catch (const ManifestError& e) {
    EXPECT_NE(std::string(e.what()).find("manifest.json"), std::string::npos);
  }
}

TEST_F(ManifestFile, LatencyRuleNeedsAConcurrency) {
  write(R"({"id":"07_example","slug":"x","student_files":["x.cpp"],"speedup":{"kind":"latency","fraction":0.6,"timing_size":16}})");
  EXPECT_THROW(load_manifest(dir_), ManifestError);
}

TEST(KitManifests, EveryBundledExerciseLoads) {
  const auto all = load_exercises(fs::path(PARLAB_KIT_DIR) / "exercises");
  EXPECT_GE(all.size(), 1U);
  for (const auto& m : all) {
    EXPECT_FALSE(m.student_files.empty()) << m.id;
    EXPECT_TRUE(m.has_hidden_tests()) << m.id << " has no hidden tests";
    for (const auto& f : m.student_files) EXPECT_TRUE(fs::exists(m.dir / f)) << m.id << "/" << f;
  }
}

}  // namespace
