// Fingerprints decide which students a re-run grades again: any change to a
// graded file, the commit or the settings must show; files the grader does
// not read must not.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "batch/fingerprint.hpp"

namespace {

using namespace parlab::grader;
using namespace parlab::grader::batch;
namespace fs = std::filesystem;

class BatchFingerprint : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("parlab-fingerprint-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    Manifest m;
    m.id = "04_monte_carlo_pi";
    m.student_files = {"monte_carlo_pi.cpp"};
    manifests_ = {m};
  }
  void TearDown() override { fs::remove_all(dir_); }
  void write(const fs::path& p, const std::string& text) {
    fs::create_directories(p.parent_path());
    std::ofstream(p, std::ios::binary) << text;
  }
  std::string files_hash() { return hash_student_files(dir_ / "exercises", manifests_); }
  fs::path dir_;
  std::vector<Manifest> manifests_;
};

TEST_F(BatchFingerprint, ChangesWithTheStudentFilesOnly) {
  const fs::path file = dir_ / "exercises" / "04_monte_carlo_pi" / "monte_carlo_pi.cpp";
  const std::string missing = files_hash();
  write(file, "int x = 1;\n");
  const std::string first = files_hash();
  EXPECT_NE(first, missing) << "a file appearing must change the hash";
  EXPECT_EQ(files_hash(), first) << "the hash must be stable";
  write(dir_ / "exercises" / "04_monte_carlo_pi" / "notes.txt", "not graded");
  EXPECT_EQ(files_hash(), first) << "a file the grader does not read changed the hash";
  write(file, "int x = 2;\n");
  EXPECT_NE(files_hash(), first) << "an edit of a graded file must change the hash";
  write(file, "");
  EXPECT_NE(files_hash(), missing) << "an empty file is not a missing file";
}

TEST_F(BatchFingerprint, ReadsTheCommitOfABranchALooseRefAndPackedRefs) {
  const std::string a(40, 'a');
  const std::string b(40, 'b');
  EXPECT_EQ(git_head(dir_), "") << "no .git: no commit";
  write(dir_ / ".git" / "HEAD", "ref: refs/heads/main\n");
  write(dir_ / ".git" / "packed-refs", "# pack-refs with: peeled fully-peeled sorted\n" + a + " refs/heads/main\n");
  EXPECT_EQ(git_head(dir_), a);
  write(dir_ / ".git" / "refs" / "heads" / "main", b + "\n");
  EXPECT_EQ(git_head(dir_), b) << "a loose ref wins over packed-refs";
  write(dir_ / ".git" / "HEAD", a + "\n");
  EXPECT_EQ(git_head(dir_), a) << "a detached HEAD names its commit";
}

TEST_F(BatchFingerprint, FollowsAGitdirFile) {
  const std::string c(40, 'c');
  write(dir_ / "store" / "HEAD", c + "\n");
  write(dir_ / "clone" / ".git", "gitdir: ../store\n");
  EXPECT_EQ(git_head(dir_ / "clone"), c);
}

TEST_F(BatchFingerprint, SaysWhatChanged) {
  const Fingerprint before{"c1", "f1", "s1"};
  EXPECT_EQ(what_changed(before, before), "");
  EXPECT_EQ(what_changed(before, {"c2", "f1", "s1"}), "the commit changed");
  EXPECT_EQ(what_changed(before, {"c1", "f2", "s1"}), "the files changed");
  EXPECT_EQ(what_changed(before, {"c1", "f1", "s2"}), "the batch settings or the kit changed");
}

}  // namespace
