// What a dropped uid leaves outside its work folder (sandbox/leftovers.hpp):
// the world-writable folders it could write into, and the sweep of its files
// and SysV IPC objects between two runs of one grade.
//
// The sweep tests need root, as the grader does when it drops privileges: a
// child process drops to a test uid (no groups, like the sandbox), leaves
// files, links and IPC objects as a student's code could, and the sweep must
// remove exactly those. They are skipped when not root.
#include <fcntl.h>
#include <sys/ipc.h>
#include <sys/msg.h>
#include <sys/sem.h>
#include <sys/shm.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "sandbox/isolation.hpp"
#include "unprivileged_fixture.hpp"
#include "sandbox/leftovers.hpp"

namespace parlab::grader::sandbox {
namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

using testing::as_user;
using testing::other_uid;
using testing::test_uid;

// In the child: runs a system call and notes what failed.
void check(std::string& complaints, bool ok, const std::string& what) {
  if (!ok) complaints += what + ": " + std::strerror(errno) + "\n";
}

bool write_file(const fs::path& p, const std::string& text) {
  std::ofstream out(p);
  out << text;
  return static_cast<bool>(out);
}

bool is_there(const fs::path& p) {
  struct stat st {};
  return lstat(p.c_str(), &st) == 0;
}

std::string read_text(const fs::path& p) {
  std::ifstream in(p);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// SysV IPC objects the uid owns or created, as /proc/sysvipc lists them.
int ipc_objects_of(uid_t uid) {
  int count = 0;
  for (const char* listing : {"/proc/sysvipc/shm", "/proc/sysvipc/msg", "/proc/sysvipc/sem"}) {
    std::ifstream in(listing);
    std::string line;
    std::getline(in, line);
    std::vector<std::string> header;
    std::istringstream h(line);
    for (std::string f; h >> f;) header.push_back(f);
    const auto uid_col = static_cast<std::size_t>(std::find(header.begin(), header.end(), "uid") - header.begin());
    const auto cuid_col = static_cast<std::size_t>(std::find(header.begin(), header.end(), "cuid") - header.begin());
    while (std::getline(in, line)) {
      std::vector<std::string> row;
      std::istringstream r(line);
      for (std::string f; r >> f;) row.push_back(f);
      if (row.size() < header.size()) continue;
      if (row[uid_col] == std::to_string(uid) || row[cuid_col] == std::to_string(uid)) ++count;
    }
  }
  return count;
}

#define REQUIRE_ROOT() \
  if (geteuid() != 0) GTEST_SKIP() << "needs root: the grader drops privileges only when it is root"

// Root's own files for a test, beside the student's, removed at the end.
class Leftovers : public ::testing::Test {
 protected:
  void SetUp() override { tag_ = "parlab-leftovers-test-" + std::to_string(getpid()); }
  void TearDown() override {
    std::error_code ec;
    for (const auto& p : cleanup_) fs::remove_all(p, ec);
    if (geteuid() == 0) {
      for (const uid_t uid : {test_uid(), other_uid()}) {
        sweep_files_owned_by(uid, {"/tmp", "/dev/shm", "/var/tmp"});
        remove_sysv_ipc_owned_by(uid);
      }
    }
  }
  fs::path tmp(const std::string& suffix) { return fs::path("/tmp") / (tag_ + suffix); }
  fs::path root_file(const fs::path& p, const std::string& text, fs::perms mode) {
    std::ofstream(p) << text;
    fs::permissions(p, mode);
    cleanup_.push_back(p);
    return p;
  }
  fs::path root_dir(const fs::path& p, fs::perms mode) {
    fs::create_directories(p);
    fs::permissions(p, mode);
    cleanup_.push_back(p);
    return p;
  }

  std::string tag_;
  std::vector<fs::path> cleanup_;
};

constexpr auto kPublic = fs::perms::owner_read | fs::perms::owner_write | fs::perms::group_read |
                         fs::perms::others_read;  // 0644
constexpr auto kPublicDir = fs::perms::owner_all | fs::perms::group_read | fs::perms::group_exec |
                            fs::perms::others_read | fs::perms::others_exec;  // 0755
constexpr auto kAllReadWrite = fs::perms::owner_read | fs::perms::owner_write | fs::perms::group_read |
                              fs::perms::group_write | fs::perms::others_read | fs::perms::others_write;  // 0666
constexpr auto kSticky = fs::perms::all | fs::perms::sticky_bit;             // 1777

TEST_F(Leftovers, SweepRemovesEverythingOfTheUidAndNothingElse) {
  REQUIRE_ROOT();
  ASSERT_TRUE(fs::is_directory("/dev/shm")) << "this host has no /dev/shm";
  const uid_t uid = test_uid();

  // Root's and another user's entries, which must all survive.
  const fs::path secret = root_file(tmp("-root.txt"), "root data", kPublic);
  const fs::path shared_rw = root_file(tmp("-rw.txt"), "root rw", kAllReadWrite);
  const fs::path target = root_dir(tmp("-target"), kPublicDir);
  root_file(target / "keep.txt", "kept", kPublic);
  const fs::path shared = root_dir(tmp("-shared"), kSticky);  // like /tmp/.X11-unix
  root_file(shared / "root-in-shared.txt", "root's", kPublic);
  const fs::path other = root_file(tmp("-other-user.txt"), "another student's", kPublic);
  ASSERT_EQ(lchown(other.c_str(), other_uid(), other_uid()), 0);
  const fs::path other_shm = root_file(fs::path("/dev/shm") / (tag_ + "-root"), "root shm", kPublic);

  const fs::path deep = tmp("-deep");
  constexpr int kDeep = 130;  // deeper than the sweep keeps folders open at once
  const std::string complaints = as_user(uid, [&] {
    std::string c;
    check(c, write_file(tmp("-answer.txt"), "42"), "answer file");
    check(c, write_file(tmp("-open.txt"), "cached"), "open file");
    check(c, chmod(tmp("-open.txt").c_str(), 0777) == 0, "chmod 0777");
    check(c, symlink(secret.c_str(), tmp("-link").c_str()) == 0, "symlink to root's file");
    check(c, symlink(target.c_str(), tmp("-dirlink").c_str()) == 0, "symlink to root's folder");
    check(c, symlink("/etc", tmp("-etc").c_str()) == 0, "symlink to /etc");
    check(c, mkfifo(tmp("-fifo").c_str(), 0666) == 0, "fifo");
    const fs::path dir = tmp("-dir");
    check(c, mkdir(dir.c_str(), 0777) == 0, "folder");
    check(c, chmod(dir.c_str(), 0777) == 0, "chmod 0777 folder");
    check(c, mkdir((dir / "sub").c_str(), 0755) == 0, "subfolder");
    check(c, write_file(dir / "sub" / "cache.bin", "data"), "file in subfolder");
    check(c, symlink("/etc", (dir / "etc").c_str()) == 0, "symlink to /etc in folder");
    check(c, symlink(target.c_str(), (dir / "sub" / "target").c_str()) == 0, "symlink to root's folder in folder");
    check(c, link(shared_rw.c_str(), (dir / "hard").c_str()) == 0, "hard link to root's 0666 file");
    check(c, mkdir((dir / "locked").c_str(), 0700) == 0, "locked folder");
    check(c, write_file(dir / "locked" / "inside", "x"), "file in locked folder");
    check(c, chmod((dir / "locked").c_str(), 0) == 0, "chmod 000");
    check(c, write_file(shared / "student.txt", "in someone else's world-writable folder"), "file in shared");
    check(c, write_file(fs::path("/dev/shm") / (tag_ + "-posix-shm"), "shm"), "/dev/shm file");
    // Nested deeper than the sweep's descriptor budget.
    check(c, mkdir(deep.c_str(), 0755) == 0, "deep root");
    int fd = open(deep.c_str(), O_RDONLY | O_DIRECTORY);
    for (int i = 0; i < kDeep && fd >= 0; ++i) {
      check(c, mkdirat(fd, "d", 0755) == 0, "deep folder");
      const int next = openat(fd, "d", O_RDONLY | O_DIRECTORY);
      close(fd);
      fd = next;
    }
    if (fd >= 0) {
      const int f = openat(fd, "bottom.txt", O_WRONLY | O_CREAT, 0644);
      check(c, f >= 0, "file at the bottom");
      if (f >= 0) close(f);
      close(fd);
    }
    // SysV IPC: one of each.
    check(c, shmget(IPC_PRIVATE, 4096, IPC_CREAT | 0600) >= 0, "shmget");
    check(c, msgget(IPC_PRIVATE, IPC_CREAT | 0600) >= 0, "msgget");
    check(c, semget(IPC_PRIVATE, 1, IPC_CREAT | 0600) >= 0, "semget");
    return c;
  });
  ASSERT_EQ(complaints, "");
  ASSERT_TRUE(is_there(deep));
  ASSERT_EQ(ipc_objects_of(uid), 3);

  const SweepResult swept = sweep_files_owned_by(uid, {"/tmp", "/dev/shm"});
  std::string problems;
  for (const auto& p : swept.first_problems) problems += p + "\n";
  EXPECT_EQ(swept.failed, 0U) << problems;
  EXPECT_EQ(swept.kept_foreign, 0U);
  // answer, open, link, dirlink, etc, fifo, 2 in dir, hard, inside, shared, shm, bottom
  EXPECT_EQ(swept.removed_files, 14U);
  // dir, sub, locked, deep and its kDeep folders
  EXPECT_EQ(swept.removed_dirs, static_cast<std::size_t>(4 + kDeep));
  EXPECT_FALSE(swept.first_removed.empty());

  for (const char* gone : {"-answer.txt", "-open.txt", "-link", "-dirlink", "-etc", "-fifo", "-dir", "-deep"}) {
    EXPECT_FALSE(is_there(tmp(gone))) << tmp(gone);
  }
  EXPECT_FALSE(is_there(shared / "student.txt"));
  EXPECT_FALSE(is_there(fs::path("/dev/shm") / (tag_ + "-posix-shm")));
  // Nothing moved up by the deep sweep is left behind either.
  for (const auto& entry : fs::directory_iterator("/tmp")) {
    EXPECT_NE(entry.path().filename().string().rfind(".parlab-leftover-" + std::to_string(getpid()), 0), 0U)
        << entry.path();
  }

  // Everything else is as it was.
  EXPECT_EQ(read_text(secret), "root data");
  EXPECT_EQ(read_text(shared_rw), "root rw");
  EXPECT_EQ(fs::hard_link_count(shared_rw), 1U);
  EXPECT_EQ(read_text(target / "keep.txt"), "kept");
  EXPECT_TRUE(fs::is_directory(shared));
  EXPECT_EQ(read_text(shared / "root-in-shared.txt"), "root's");
  EXPECT_EQ(read_text(other), "another student's");
  EXPECT_EQ(read_text(other_shm), "root shm");
  EXPECT_TRUE(fs::exists("/etc/passwd"));

  EXPECT_EQ(remove_sysv_ipc_owned_by(uid), 3);
  EXPECT_EQ(ipc_objects_of(uid), 0);
  EXPECT_EQ(remove_sysv_ipc_owned_by(uid), 0);
}

TEST_F(Leftovers, SweepsAWorldWritableFolderOfAnotherUser) {
  REQUIRE_ROOT();
  const uid_t uid = test_uid();
  // Another student's 0777 folder (of a grader running beside this one): the
  // uid may write into it, so the sweep looks inside, and removes only its own.
  const fs::path theirs = root_dir(tmp("-theirs"), fs::perms::all);
  ASSERT_EQ(lchown(theirs.c_str(), other_uid(), other_uid()), 0);
  root_file(theirs / "their-file", "theirs", kPublic);
  ASSERT_EQ(lchown((theirs / "their-file").c_str(), other_uid(), other_uid()), 0);

  const std::string complaints = as_user(uid, [&] {
    std::string c;
    check(c, write_file(theirs / "mine", "stash"), "file in their folder");
    check(c, mkdir((theirs / "my-dir").c_str(), 0700) == 0, "folder in their folder");
    return c;
  });
  ASSERT_EQ(complaints, "");
  const SweepResult swept = sweep_files_owned_by(uid, {"/tmp"});
  EXPECT_EQ(swept.removed_files, 1U);
  EXPECT_EQ(swept.removed_dirs, 1U);
  EXPECT_FALSE(is_there(theirs / "mine"));
  EXPECT_FALSE(is_there(theirs / "my-dir"));
  EXPECT_EQ(read_text(theirs / "their-file"), "theirs");
}

TEST_F(Leftovers, LeavesFoldersOfOthersInsideTheUidsFolder) {
  REQUIRE_ROOT();
  const uid_t uid = test_uid();
  const fs::path dir = tmp("-mixed");
  ASSERT_EQ(as_user(uid, [&] {
              std::string c;
              check(c, mkdir(dir.c_str(), 0777) == 0, "folder");
              check(c, chmod(dir.c_str(), 0777) == 0, "chmod 0777");  // (mkdir applies the umask)
              return c;
            }),
            "");
  // Another uid puts a folder into the student's 0777 folder.
  ASSERT_EQ(as_user(other_uid(), [&] {
              std::string c;
              check(c, mkdir((dir / "foreign").c_str(), 0755) == 0, "their folder");
              check(c, write_file(dir / "foreign" / "f", "theirs"), "their file");
              return c;
            }),
            "");
  const SweepResult swept = sweep_files_owned_by(uid, {"/tmp"});
  EXPECT_EQ(swept.kept_foreign, 1U);
  EXPECT_EQ(swept.failed, 1U);  // the student's folder, which is not empty
  EXPECT_EQ(read_text(dir / "foreign" / "f"), "theirs");
  sweep_files_owned_by(other_uid(), {"/tmp"});
  sweep_files_owned_by(uid, {"/tmp"});
  EXPECT_FALSE(is_there(dir));
}

TEST_F(Leftovers, CleanUpAfterRemovesFilesAndIpcAndIsCheapWhenThereIsNothing) {
  REQUIRE_ROOT();
  const uid_t uid = test_uid();
  const auto dirs = world_writable_dirs();
  const auto listed = [&](const char* dir) { return std::find(dirs.begin(), dirs.end(), dir) != dirs.end(); };
  ASSERT_TRUE(listed("/tmp"));
  std::vector<fs::path> planted;
  for (const char* dir : {"/tmp", "/var/tmp", "/dev/shm", "/run/lock"}) {
    if (listed(dir)) planted.push_back(fs::path(dir) / (tag_ + "-cached-answer"));
  }
  ASSERT_EQ(as_user(uid, [&] {
              std::string c;
              for (const auto& p : planted) check(c, write_file(p, "42"), p.string());
              check(c, shmget(IPC_PRIVATE, 4096, IPC_CREAT | 0600) >= 0, "shmget");
              return c;
            }),
            "");
  const CleanupReport first = clean_up_after(uid);
  EXPECT_TRUE(first.anything_found());
  EXPECT_EQ(first.files.removed_files, planted.size());
  EXPECT_EQ(first.ipc_removed, 1);
  for (const auto& p : planted) EXPECT_FALSE(is_there(p)) << p;
  EXPECT_NE(first.summary().find("left by uid " + std::to_string(uid)), std::string::npos) << first.summary();
  EXPECT_NE(first.summary().find("1 SysV IPC object"), std::string::npos) << first.summary();

  // Nothing left: cheap, and says so.
  constexpr int kRounds = 50;
  const auto start = Clock::now();
  CleanupReport again;
  for (int i = 0; i < kRounds; ++i) again = clean_up_after(uid);
  const auto each = std::chrono::duration_cast<std::chrono::microseconds>(Clock::now() - start) / kRounds;
  EXPECT_FALSE(again.anything_found());
  EXPECT_EQ(again.summary(), "nothing left behind");
  std::cout << "[ cost     ] clean_up_after() with nothing to remove: " << each.count() << " us over "
            << dirs.size() << " folders\n";
  EXPECT_LT(each, std::chrono::milliseconds(50));
}

TEST_F(Leftovers, RefusesRootAndTheGradersOwnUid) {
  const fs::path mine = tmp("-graders-own");
  std::ofstream(mine) << "the grader's";
  cleanup_.push_back(mine);
  for (const uid_t uid : {uid_t{0}, geteuid()}) {
    const SweepResult swept = sweep_files_owned_by(uid, {"/tmp"});
    EXPECT_EQ(swept.removed(), 0U);
    ASSERT_EQ(swept.first_problems.size(), 1U);
    EXPECT_NE(swept.first_problems.front().find("refused"), std::string::npos);
    EXPECT_EQ(remove_sysv_ipc_owned_by(uid), 0);
  }
  EXPECT_TRUE(is_there(mine));
}

// ---- the folders ------------------------------------------------------------

TEST(WorldWritableDirs, ListsTheUsualFoldersOnceWithoutLinksAndIsCached) {
  const WritableDirScan& scan = world_writable_scan();  // (maybe cached already by another test)
  std::cout << "[ cost     ] world_writable_dirs(), first call: " << scan.elapsed.count() << " us ("
            << scan.directories_listed << " folders listed, " << scan.dirs.size() << " world-writable"
            << (scan.complete ? "" : "; " + scan.note) << ")\n";
  for (const auto& d : scan.dirs) std::cout << "[ found    ] " << d.string() << "\n";
  EXPECT_LT(scan.elapsed, std::chrono::seconds(1));

  struct stat st {};
  if (lstat("/tmp", &st) == 0 && (st.st_mode & S_IWOTH) != 0) {
    EXPECT_NE(std::find(scan.dirs.begin(), scan.dirs.end(), "/tmp"), scan.dirs.end());
  }
  EXPECT_TRUE(std::is_sorted(scan.dirs.begin(), scan.dirs.end()));
  EXPECT_EQ(std::adjacent_find(scan.dirs.begin(), scan.dirs.end()), scan.dirs.end());
  for (const auto& d : scan.dirs) {
    // (A folder listed then may be gone since: another test's, run beside this one.)
    if (lstat(d.c_str(), &st) != 0) continue;
    EXPECT_EQ(fs::canonical(d), d) << "not free of links: " << d;
    EXPECT_NE(d.string().rfind("/proc", 0), 0U) << d;
    EXPECT_NE(d.string().rfind("/sys/", 0), 0U) << d;
    if (d.string().rfind("/dev/", 0) == 0) {
      EXPECT_TRUE(d.string().rfind("/dev/shm", 0) == 0 || d.string().rfind("/dev/mqueue", 0) == 0) << d;
    }
    EXPECT_TRUE(S_ISDIR(st.st_mode) && (st.st_mode & S_IWOTH) != 0 && (st.st_mode & S_IXOTH) != 0) << d;
  }
  // Cached: the same object, at no cost.
  const auto again_start = Clock::now();
  EXPECT_EQ(&world_writable_scan(), &scan);
  EXPECT_EQ(world_writable_dirs(), scan.dirs);
  EXPECT_LT(Clock::now() - again_start, std::chrono::milliseconds(5));
}

class ScanTree : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string pattern = (fs::temp_directory_path() / "parlab-scan-test-XXXXXX").string();
    ASSERT_NE(mkdtemp(pattern.data()), nullptr);
    root_ = pattern;
    fs::permissions(root_, kPublicDir);
  }
  void TearDown() override {
    std::error_code ec;
    fs::remove_all(root_, ec);
  }
  fs::path dir(const std::string& rel, fs::perms mode) {
    fs::create_directories(root_ / rel);
    fs::permissions(root_ / rel, mode);
    return root_ / rel;
  }
  fs::path root_;
};

TEST_F(ScanTree, FindsOnlyFoldersTheUidCanReachAndWriteInto) {
  const fs::path open = dir("open", kSticky);
  const fs::path nested = dir("public/inner", fs::perms::all);
  dir("public", kPublicDir);
  const fs::path below_open = dir("open/deeper", fs::perms::all);
  dir("private/inner", fs::perms::all);
  dir("private", fs::perms::owner_all);  // 0700: the uid cannot get below it
  // Writable by others but not searchable: no entry can be made in it.
  dir("no-search", fs::perms::all & ~fs::perms::others_exec);
  fs::create_directory_symlink(open, root_ / "link-to-open");
  const fs::path skipped = dir("skipped", fs::perms::all);

  const WritableDirScan scan = scan_world_writable_dirs({root_}, ScanBudget{}, {skipped});
  EXPECT_TRUE(scan.complete);
  EXPECT_EQ(scan.note, "");
  const std::vector<fs::path> expected = {open, below_open, nested};
  std::vector<fs::path> sorted = expected;
  std::sort(sorted.begin(), sorted.end());
  EXPECT_EQ(scan.dirs, sorted);

  ScanBudget tiny;
  tiny.directories = 1;
  const WritableDirScan cut = scan_world_writable_dirs({root_}, tiny);
  EXPECT_FALSE(cut.complete);
  EXPECT_NE(cut.note.find("stopped after"), std::string::npos) << cut.note;
}

}  // namespace
}  // namespace parlab::grader::sandbox
