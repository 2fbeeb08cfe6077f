// The kit's secrets out of reach of the dropped uid (sandbox/kit_privacy.hpp).
//
// A fake kit is laid out in a temporary folder with a world-readable file in
// every secret folder and in the folders that must stay open; a child process
// that has dropped to a test uid (no groups, like the sandbox) then tries to
// open each. The tests that change owners and modes need root, as the grader
// does: they are skipped when not root.
#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <functional>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "sandbox/isolation.hpp"
#include "unprivileged_fixture.hpp"
#include "sandbox/kit_privacy.hpp"

namespace parlab::grader::sandbox {
namespace {

namespace fs = std::filesystem;

using testing::as_user;
using testing::other_uid;
using testing::test_uid;

// In the child: "" when `path` opens for reading, else why not.
std::string open_error(const fs::path& path) {
  const int fd = open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return std::strerror(errno);
  close(fd);
  return "";
}

mode_t mode_of(const fs::path& p) {
  struct stat st {};
  return lstat(p.c_str(), &st) == 0 ? (st.st_mode & 07777) : 0;
}

#define REQUIRE_ROOT() \
  if (geteuid() != 0) GTEST_SKIP() << "needs root: the kit is made private only when the grader is root"

class FakeKit : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string pattern = (fs::temp_directory_path() / "parlab-kit-privacy-test-XXXXXX").string();
    ASSERT_NE(mkdtemp(pattern.data()), nullptr);
    base_ = pattern;
    fs::permissions(base_, kOpenDir);  // the test uid must get to the kit
    kit_ = base_ / "kit";
    for (const char* secret : kSecretFiles) file(secret);
    for (const char* open : kOpenFiles) file(open);
    for (const char* dir : kOpenDirs) fs::create_directories(kit_ / dir);
    // mkdir applies the umask: every folder 0755, every file 0644.
    for (const auto& entry : fs::recursive_directory_iterator(base_)) {
      if (entry.is_directory()) fs::permissions(entry.path(), kOpenDir);
    }
  }
  void TearDown() override {
    std::error_code ec;
    fs::remove_all(base_, ec);
  }

  void file(const fs::path& rel, const fs::path& under = {}) {
    const fs::path p = (under.empty() ? kit_ : under) / rel;
    fs::create_directories(p.parent_path());
    std::ofstream(p) << "content of " << rel.string() << "\n";
    fs::permissions(p, fs::perms::owner_read | fs::perms::owner_write | fs::perms::group_read |
                           fs::perms::others_read);
  }

  static constexpr fs::perms kOpenDir = fs::perms::owner_all | fs::perms::group_read | fs::perms::group_exec |
                                        fs::perms::others_read | fs::perms::others_exec;
  // One world-readable file in each folder that must become private.
  static constexpr const char* kSecretFiles[] = {
      ".git/config",
      ".git/objects/ab/cdef0123",
      "solutions/02_x/x.cpp",
      "exercises/01_a/hidden/hidden_test.cpp",
      "exercises/02_x/hidden/hidden_test.cpp",
      "grader/tests/golden/near_solution/x.cpp",
      "tests/export/export_test.cpp",
      "build/bin/02_x/solution/bench",                  // build*/bin/*/solution
      "build/release/bin/02_x/solution/hidden_tests",   // build/<preset>/bin/*/solution
      "build/tsan/bin/01_a/solution/public_tests",
      "build-asan/bin/01_a/solution/public_tests",
  };
  // Files the student's code may read.
  static constexpr const char* kOpenFiles[] = {
      "exercises/02_x/api.hpp",
      "exercises/02_x/tests/public_test.cpp",
      "kit/include/parlab/random.hpp",
      "grader/src/main.cpp",
      "build/release/bin/02_x/exercise/public_tests",
      ".cache/tbb-tsan/install/lib/libtbb.so",
  };
  // Folders the dropped uid must still get through.
  static constexpr const char* kOpenDirs[] = {
      ".parlab/work/submission-1234/run",
      ".cache/tbb-tsan/install/lib",
      "build/release/golden-work/case-1/run",
      "exercises/02_x",
  };

  fs::path base_;
  fs::path kit_;
};

TEST_F(FakeKit, HidesTheSecretsFromTheDroppedUidAndNothingElse) {
  REQUIRE_ROOT();
  // Readable before, or the test proves nothing.
  ASSERT_EQ(as_user(test_uid(), [&] {
              std::string c;
              for (const char* f : kSecretFiles) {
                const std::string e = open_error(kit_ / f);
                if (!e.empty()) c += std::string(f) + " not readable before: " + e + "\n";
              }
              return c;
            }),
            "");

  const PrivacyReport report = make_kit_secrets_private(kit_);
  EXPECT_TRUE(report.applied);
  EXPECT_TRUE(report.problems.empty()) << report.summary();
  EXPECT_TRUE(report.already_private.empty()) << report.summary();
  std::vector<std::string> changed = report.changed;
  std::sort(changed.begin(), changed.end());
  const std::vector<std::string> expected = {
      ".git/",
      "build-asan/bin/01_a/solution/",
      "build/bin/02_x/solution/",
      "build/release/bin/02_x/solution/",
      "build/tsan/bin/01_a/solution/",
      "exercises/01_a/hidden/",
      "exercises/02_x/hidden/",
      "grader/tests/",
      "solutions/",
      "tests/",
  };
  EXPECT_EQ(changed, expected) << report.summary();
  EXPECT_EQ(report.summary(),
            "made private to root: solutions/, 2 hidden/ folders, .git/, grader/tests/, tests/, "
            "4 solution program folders");

  // The owner's and the group's bits stay.
  EXPECT_EQ(mode_of(kit_ / "solutions"), 0750U);
  EXPECT_EQ(mode_of(kit_ / "exercises/02_x"), 0755U);
  EXPECT_EQ(mode_of(kit_ / ".parlab"), 0755U);

  const std::string complaints = as_user(test_uid(), [&] {
    std::string c;
    for (const char* f : kSecretFiles) {
      const int fd = open((kit_ / f).c_str(), O_RDONLY | O_CLOEXEC);
      if (fd >= 0) {
        c += std::string("could still read ") + f + "\n";
        close(fd);
      } else if (errno != EACCES) {
        c += std::string(f) + ": " + std::strerror(errno) + " rather than EACCES\n";
      }
    }
    for (const char* f : kOpenFiles) {
      const std::string e = open_error(kit_ / f);
      if (!e.empty()) c += std::string("cannot read ") + f + ": " + e + "\n";
    }
    for (const char* d : kOpenDirs) {
      if (access((kit_ / d).c_str(), X_OK) != 0) c += std::string("cannot get through ") + d + "\n";
    }
    DIR* listing = opendir((kit_ / ".parlab/work").c_str());
    if (listing == nullptr) c += "cannot list .parlab/work\n";
    if (listing != nullptr) closedir(listing);
    return c;
  });
  EXPECT_EQ(complaints, "");

  // Root reads on, and a second call finds everything done.
  std::ifstream in(kit_ / "solutions/02_x/x.cpp");
  EXPECT_TRUE(in.good());
  const PrivacyReport again = make_kit_secrets_private(kit_);
  EXPECT_TRUE(again.changed.empty());
  EXPECT_EQ(again.already_private.size(), expected.size());
  EXPECT_EQ(again.summary().rfind("kit secrets already private to root: solutions/, 2 hidden/ folders", 0), 0U)
      << again.summary();
}

TEST_F(FakeKit, NeverFollowsALinkOutOfTheKit) {
  REQUIRE_ROOT();
  // Outside the kit, readable, reached through links inside it.
  const fs::path outside = base_ / "elsewhere";
  file("solutions/x.cpp", outside);
  file("bin/02_x/solution/hidden_tests", outside);
  file("hidden/hidden_test.cpp", outside);
  for (const auto& entry : fs::recursive_directory_iterator(outside)) {
    if (entry.is_directory()) fs::permissions(entry.path(), kOpenDir);
  }
  fs::remove_all(kit_ / "solutions");
  fs::create_directory_symlink(outside / "solutions", kit_ / "solutions");
  fs::create_directory_symlink(outside, kit_ / "build-linked");  // build-linked/bin/02_x/solution
  fs::create_directories(kit_ / "exercises/03_y");
  fs::create_directory_symlink(outside / "hidden", kit_ / "exercises/03_y/hidden");
  fs::remove_all(kit_ / ".git");
  std::ofstream(kit_ / ".git") << "gitdir: " << (outside / "repo").string() << "\n";  // a worktree

  const PrivacyReport report = make_kit_secrets_private(kit_);
  EXPECT_TRUE(report.applied);
  for (const char* d : {"", "solutions", "bin", "bin/02_x", "bin/02_x/solution", "hidden"}) {
    EXPECT_EQ(mode_of(outside / d), 0755U) << "changed outside the kit: " << (outside / d);
  }
  const auto mentioned = [&](const std::string& what) {
    return std::any_of(report.problems.begin(), report.problems.end(),
                       [&](const std::string& p) { return p.rfind(what, 0) == 0; });
  };
  EXPECT_TRUE(mentioned("solutions/: a symbolic link")) << report.summary();
  EXPECT_TRUE(mentioned("build-linked/: a symbolic link")) << report.summary();
  EXPECT_TRUE(mentioned("exercises/03_y/hidden/: a symbolic link")) << report.summary();
  EXPECT_TRUE(mentioned(".git/: a file")) << report.summary();
  EXPECT_NE(report.summary().find("; left readable: solutions/: a symbolic link"), std::string::npos)
      << report.summary();
  // The rest is still done.
  EXPECT_EQ(mode_of(kit_ / "exercises/02_x/hidden"), 0750U);
  EXPECT_EQ(mode_of(kit_ / "build/release/bin/02_x/solution"), 0750U);
}

TEST_F(FakeKit, DoesNothingWhenNotRoot) {
  const auto check = [&] {
    const PrivacyReport report = make_kit_secrets_private(kit_);
    std::string c;
    if (report.applied) c += "applied without root\n";
    if (!report.changed.empty()) c += "changed something\n";
    if (report.summary().find("the grader is not root") == std::string::npos) c += "summary: " + report.summary();
    return c;
  };
  // As root, the way a non-root grader would see it: from a dropped child.
  EXPECT_EQ(geteuid() == 0 ? as_user(test_uid(), check) : check(), "");
  EXPECT_EQ(mode_of(kit_ / "solutions"), 0755U);
  EXPECT_EQ(mode_of(kit_ / "exercises/01_a/hidden"), 0755U);
}

TEST_F(FakeKit, MakePrivateToGivesAWorkFolderToOneUidOnly) {
  REQUIRE_ROOT();
  const uid_t uid = test_uid();
  const fs::path work = kit_ / ".parlab/work/submission-1234/run";
  make_private_to(work, uid, uid, 0700);
  struct stat st {};
  ASSERT_EQ(lstat(work.c_str(), &st), 0);
  EXPECT_EQ(st.st_uid, uid);
  EXPECT_EQ(st.st_gid, uid);
  EXPECT_EQ(st.st_mode & 07777, 0700U);
  EXPECT_EQ(as_user(uid, [&] {
              std::string c;
              const fs::path out = work / "result.json";
              const int fd = open(out.c_str(), O_WRONLY | O_CREAT | O_CLOEXEC, 0644);
              if (fd < 0) c += std::string("the owner cannot write in it: ") + std::strerror(errno) + "\n";
              if (fd >= 0) close(fd);
              return c;
            }),
            "");
  // Another student's uid (a grader beside this one) cannot look in.
  EXPECT_EQ(as_user(other_uid(), [&] {
              DIR* listing = opendir(work.c_str());
              if (listing != nullptr) {
                closedir(listing);
                return std::string("another uid can list it");
              }
              return errno == EACCES ? std::string() : std::string("not EACCES: ") + std::strerror(errno);
            }),
            "");
}

TEST_F(FakeKit, MakePrivateToRefusesALink) {
  REQUIRE_ROOT();
  const fs::path target = kit_ / "solutions";
  const fs::path link = kit_ / ".parlab/work/link-to-solutions";
  fs::create_directory_symlink(target, link);
  EXPECT_THROW(make_private_to(link, test_uid(), test_uid(), 0700), fs::filesystem_error);
  struct stat st {};
  ASSERT_EQ(lstat(target.c_str(), &st), 0);
  EXPECT_EQ(st.st_uid, 0U);
  EXPECT_EQ(st.st_mode & 07777, 0755U);
  EXPECT_THROW(make_private_to(kit_ / "exercises/02_x/api.hpp", test_uid(), test_uid(), 0700), fs::filesystem_error);
  EXPECT_THROW(make_private_to(kit_ / "no-such-folder", test_uid(), test_uid(), 0700), fs::filesystem_error);
}

}  // namespace
}  // namespace parlab::grader::sandbox
