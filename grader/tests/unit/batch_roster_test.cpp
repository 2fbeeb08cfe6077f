// Which entries of a submissions folder are students: bad folders are
// classified with a message that says what to do, hidden entries and the
// output folder are left out, and the platform roster is read strictly.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "batch/roster.hpp"

namespace {

using namespace parlab::grader::batch;
namespace fs = std::filesystem;

class BatchRoster : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("parlab-roster-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  void touch(const fs::path& p, const std::string& text = "x") {
    fs::create_directories(p.parent_path());
    std::ofstream(p) << text;
  }
  fs::path dir_;
};

TEST_F(BatchRoster, ClassifiesEveryKindOfEntry) {
  touch(dir_ / "alice" / "exercises" / "04_monte_carlo_pi" / "monte_carlo_pi.cpp");
  fs::create_directories(dir_ / "bob");
  touch(dir_ / "carol" / "README.md");
  touch(dir_ / "dave" / "04_monte_carlo_pi" / "monte_carlo_pi.cpp");
  touch(dir_ / "grades.xlsx");
  touch(dir_ / ".DS_Store");
  fs::create_directories(dir_ / "out" / "students");

  const auto students = discover_students(dir_, dir_ / "out");
  ASSERT_EQ(students.size(), 5U) << "hidden entries and the output folder are not students";
  EXPECT_EQ(students[0].name, "alice");
  EXPECT_EQ(students[0].kind, FolderKind::gradable);
  EXPECT_EQ(students[0].exercises(), fs::absolute(dir_ / "alice" / "exercises"));
  EXPECT_EQ(students[1].kind, FolderKind::empty);
  EXPECT_EQ(students[2].kind, FolderKind::no_exercises);
  EXPECT_NE(students[2].problem.find("template"), std::string::npos) << students[2].problem;
  EXPECT_EQ(students[3].kind, FolderKind::no_exercises);
  EXPECT_NE(students[3].problem.find("04_monte_carlo_pi at the top: move it into exercises/"), std::string::npos)
      << students[3].problem;
  EXPECT_EQ(students[4].name, "grades.xlsx");
  EXPECT_EQ(students[4].kind, FolderKind::not_a_folder);
  EXPECT_STREQ(to_string(students[4].kind), "not-a-folder");
}

TEST_F(BatchRoster, ALinkToAStudentFolderIsAStudent) {
  touch(dir_ / "real" / "exercises" / "x");
  fs::create_directories(dir_ / "class");
  fs::create_directory_symlink(dir_ / "real", dir_ / "class" / "linked");
  const auto students = discover_students(dir_ / "class");
  ASSERT_EQ(students.size(), 1U);
  EXPECT_EQ(students[0].kind, FolderKind::gradable);
}

TEST_F(BatchRoster, ReadsTheLmsRoster) {
  touch(dir_ / "roster.csv", "name,folder,id\r\n\"Doe, Jane\",jdoe,jane.doe@uni.example\r\n,bob,b0b\r\n\r\n");
  const auto roster = read_lms_roster(dir_ / "roster.csv");
  ASSERT_EQ(roster.size(), 2U);
  EXPECT_EQ(roster.at("jdoe").id, "jane.doe@uni.example");
  EXPECT_EQ(roster.at("jdoe").name, "Doe, Jane");
  EXPECT_EQ(roster.at("bob").name, "");
}

TEST_F(BatchRoster, RejectsARosterWithoutTheColumnsOrWithDuplicates) {
  touch(dir_ / "bad.csv", "student,email\nalice,a@x\n");
  try {
    (void)read_lms_roster(dir_ / "bad.csv");
    FAIL() << "a roster without folder,id columns was accepted";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("\"folder\" and \"id\""), std::string::npos) << e.what();
  }
  touch(dir_ / "dup.csv", "folder,id\nalice,1\nalice,2\n");
  try {
    (void)read_lms_roster(dir_ / "dup.csv");
    FAIL() << "a folder listed twice was accepted";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("dup.csv:3"), std::string::npos) << e.what();
  }
}

}  // namespace
