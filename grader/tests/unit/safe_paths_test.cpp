// Paths that go into build commands (core/lines.hpp): a student's folder
// name must never become shell syntax, whether the batch names the work
// folder after it or a TA passes --work.
#include <gtest/gtest.h>

#include <string>

#include "batch/batch_settings.hpp"
#include "core/lines.hpp"

namespace parlab::grader {
namespace {

TEST(SafePaths, PlainNamesStayAsTheyAre) {
  EXPECT_EQ(file_name_for("student-001"), "student-001");
  EXPECT_EQ(file_name_for("Ann.Lee_2+1"), "Ann.Lee_2+1");
}

TEST(SafePaths, ShellSyntaxBecomesUnderscoresAndAHash) {
  const std::string evil = file_name_for("x$(touch pwned)");
  EXPECT_EQ(evil.rfind("x__touch_pwned_-", 0), 0U) << evil;
  EXPECT_FALSE(shell_unsafe_path(evil));
  EXPECT_TRUE(plain_path(evil));
  for (const std::string name : {"a`id`", "it's", "a b", "a\"b", "back\\slash", "new\nline", "ü"}) {
    const std::string safe = file_name_for(name);
    EXPECT_EQ(safe.find_first_not_of("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-+"),
              std::string::npos)
        << safe;
  }
}

TEST(SafePaths, TwoNamesThatLookAlikeNeverShareAFolder) {
  EXPECT_NE(file_name_for("a b"), file_name_for("a_b"));
  EXPECT_NE(file_name_for("a b"), file_name_for("a;b"));
}

TEST(SafePaths, DotsAndNothingAreNotFolderNames) {
  for (const std::string name : {"", ".", ".."}) {
    const std::string safe = file_name_for(name);
    EXPECT_NE(safe, name);
    EXPECT_NE(safe, ".");
    EXPECT_NE(safe, "..");
    EXPECT_FALSE(safe.empty());
  }
}

TEST(SafePaths, WhatACompileCommandCannotCarry) {
  for (const std::string bad : {"/w/x$(id)", "/w/`id`", "/w/it's", "/w/a\"b", "/w/a\\b", "/w/a\nb"}) {
    EXPECT_TRUE(shell_unsafe_path(bad)) << bad;
  }
  // CMake quotes these correctly: they are not refused (a recipe is not used for them).
  for (const std::string fine : {"/home/ta/My Courses/parlab", "/w/plain-1"}) {
    EXPECT_FALSE(shell_unsafe_path(fine)) << fine;
  }
}

TEST(SafePaths, ABatchNamesEachStudentsWorkFolderSafely) {
  batch::BatchLayout layout;
  layout.out = "/out";
  EXPECT_EQ(layout.work("student-001"), std::filesystem::path("/out/work/student-001"));
  const auto evil = layout.work("x$(touch pwned)");
  EXPECT_TRUE(plain_path(evil.string())) << evil;
  EXPECT_TRUE(plain_path(layout.work("Ann Lee, 2nd try: final").string()));
  EXPECT_EQ(evil.parent_path(), std::filesystem::path("/out/work"));
}

TEST(SafePaths, AWorkFolderMustBePlainForTsansOptions) {
  EXPECT_TRUE(plain_path("/out/work/student-001/04_monte_carlo_pi"));
  // A space, a comma or a colon ends TSan's log_path; the shell's characters as above.
  for (const std::string bad : {"/w/a b", "/w/a,b", "/w/a:b", "/w/x$(id)", "/w/it's", ""}) {
    EXPECT_FALSE(plain_path(bad)) << bad;
  }
}

}  // namespace
}  // namespace parlab::grader
