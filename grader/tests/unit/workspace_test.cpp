// Where one exercise is staged, built and run, and how paths the compiler or
// TSan printed are named back to the student: their own file for their code,
// the kit's file for the rest, anything else unchanged.
#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include "core/workspace.hpp"

namespace parlab::grader {
namespace {

namespace fs = std::filesystem;

class WorkspaceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    manifest_.id = "03_race_counter";
    manifest_.slug = "race_counter";
    manifest_.dir = "/kit/exercises/03_race_counter";
    manifest_.student_files = {"race_counter.cpp", "src/helper.hpp"};
    ws_.manifest = &manifest_;
    ws_.kit_root = "/kit";
    ws_.submission_dir = "/class/ada/exercises/03_race_counter";
    ws_.root = "/work/ada/03_race_counter";
  }
  Manifest manifest_;
  Workspace ws_;
};

TEST_F(WorkspaceTest, LaysOutOneFolderPerPurpose) {
  EXPECT_EQ(ws_.staged(), fs::path("/work/ada/03_race_counter/src/03_race_counter"));
  EXPECT_EQ(ws_.build_dir("tsan"), fs::path("/work/ada/03_race_counter/build-tsan"));
  EXPECT_EQ(ws_.bin("release", "race_counter_tests"),
            fs::path("/work/ada/03_race_counter/build-release/bin/03_race_counter/exercise/race_counter_tests"));
  EXPECT_EQ(ws_.run_dir(), fs::path("/work/ada/03_race_counter/run"));
  EXPECT_EQ(ws_.results_dir(), fs::path("/work/ada/03_race_counter/results"));
}

TEST_F(WorkspaceTest, StudentFilesAreTheManifestsOnly) {
  const std::string staged = ws_.staged().string();
  EXPECT_TRUE(ws_.is_student_file(staged + "/race_counter.cpp"));
  EXPECT_TRUE(ws_.is_student_file(staged + "/src/helper.hpp"));
  EXPECT_TRUE(ws_.is_student_file("race_counter.cpp"));  // a bare name, as TSan sometimes prints it
  EXPECT_FALSE(ws_.is_student_file(staged + "/race_counter_test.cpp"));  // the kit's test, staged beside it
  EXPECT_FALSE(ws_.is_student_file("/elsewhere/race_counter.cpp"));       // same name, not staged
  EXPECT_FALSE(ws_.is_student_file(staged + "_evil/race_counter.cpp"));   // a sibling folder with the prefix
}

TEST_F(WorkspaceTest, DisplayNamesTheFileToOpen) {
  const std::string staged = ws_.staged().string();
  EXPECT_EQ(ws_.display(staged + "/race_counter.cpp"), "/class/ada/exercises/03_race_counter/race_counter.cpp");
  EXPECT_EQ(ws_.display(staged + "/race_counter_test.cpp"), "/kit/exercises/03_race_counter/race_counter_test.cpp");
  EXPECT_EQ(ws_.display("/usr/include/c++/12/thread"), "/usr/include/c++/12/thread");
}

TEST_F(WorkspaceTest, DisplayIsRelativeBelowTheCurrentFolder) {
  const fs::path here = fs::current_path();
  ws_.submission_dir = here / "exercises" / "03_race_counter";
  EXPECT_EQ(ws_.display(ws_.staged().string() + "/race_counter.cpp"), "exercises/03_race_counter/race_counter.cpp");
}

}  // namespace
}  // namespace parlab::grader
