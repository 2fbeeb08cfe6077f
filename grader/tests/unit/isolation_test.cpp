// The isolation layers for student code (sandbox/isolation.hpp): the
// privilege drop and task limit, bubblewrap's network, file-system and PID
// isolation, and how the grader says which layers are on.
//
// Each test needs a layer to be available on this host; where one is not,
// the test is skipped with the probe's reason (never passed silently).
#include <signal.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <string>

#include <gtest/gtest.h>

#include "sandbox/isolation.hpp"
#include "sandbox/proc_tree.hpp"
#include "sandbox/process.hpp"

namespace parlab::grader::sandbox {
namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

class IsolatedRun : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { layers_ = probe_layers("/tmp"); }

  void SetUp() override {
    std::string pattern = (fs::temp_directory_path() / "parlab-isolation-test-XXXXXX").string();
    ASSERT_NE(mkdtemp(pattern.data()), nullptr);
    dir_ = pattern;
    // mkdtemp makes it 0700; the grader's own work folders are 0755, so
    // the unprivileged uid can pass through them to its scratch folder.
    fs::permissions(dir_, fs::perms::owner_all | fs::perms::group_read | fs::perms::group_exec |
                              fs::perms::others_read | fs::perms::others_exec);
    scratch_ = dir_ / "scratch";
    fs::create_directories(scratch_);
  }
  void TearDown() override {
    std::error_code ec;
    fs::remove_all(dir_, ec);
  }

  // A shell script run as student code, with `scratch_` writable.
  Command untrusted(const std::string& script) const {
    Command c;
    c.argv = {"sh", "-c", script};
    c.working_dir = scratch_.string();
    c.limits.wall_timeout = 20s;
    c.isolation.untrusted = true;
    c.isolation.layers = &layers_;
    c.isolation.writable = {scratch_.string()};
    return c;
  }

  static Layers layers_;
  fs::path dir_;
  fs::path scratch_;
};

Layers IsolatedRun::layers_;

#define REQUIRE_LAYER(on, why) \
  if (!(on)) GTEST_SKIP() << "layer not available on this host: " << (why)

TEST_F(IsolatedRun, SummaryNamesEveryLayerOnOrOff) {
  const std::string line = layers_.summary();
  EXPECT_NE(line.find("on: own process group"), std::string::npos) << line;
  EXPECT_NE(line.find("off: "), std::string::npos) << line;
  EXPECT_EQ(line.find("task limit") != std::string::npos, true) << line;
  EXPECT_NE(line.find(layers_.namespaces ? "bubblewrap" : "network and file-system isolation ("), std::string::npos)
      << line;
}

TEST_F(IsolatedRun, RootRunsStudentCodeAsAnUnprivilegedUid) {
  if (geteuid() != 0) GTEST_SKIP() << "the grader is not root: student code already runs unprivileged";
  REQUIRE_LAYER(layers_.drop_privileges, layers_.drop_problem);
  const Result r = run(untrusted("id -u; id -G"));
  ASSERT_TRUE(r.ok()) << r.describe() << r.err;
  EXPECT_EQ(r.out, std::to_string(layers_.uid) + "\n" + std::to_string(layers_.gid) + "\n");
}

TEST_F(IsolatedRun, TrustedToolsKeepTheGradersUser) {
  Command c = untrusted("id -u");
  c.isolation = Isolation{};
  const Result r = run(c);
  ASSERT_TRUE(r.ok()) << r.describe();
  EXPECT_EQ(r.out, std::to_string(geteuid()) + "\n");
}

TEST_F(IsolatedRun, SetsATaskLimit) {
  REQUIRE_LAYER(layers_.task_limit, layers_.drop_problem);
  Command c = untrusted("cat /proc/self/limits");
  c.limits.extra_tasks = 100;
  const Result r = run(c);
  ASSERT_TRUE(r.ok()) << r.describe() << r.err;
  std::istringstream lines(r.out);
  std::string line;
  while (std::getline(lines, line) && line.rfind("Max processes", 0) != 0) {
  }
  std::istringstream fields(line.substr(std::string("Max processes").size()));
  std::string soft;
  fields >> soft;
  ASSERT_NE(soft, "unlimited") << r.out;
  EXPECT_GE(std::stoull(soft), 100U);
}

// Only where the task limit is proven above: without it a fork bomb would
// take the machine down rather than test anything.
TEST_F(IsolatedRun, ContainsAForkBomb) {
  REQUIRE_LAYER(layers_.task_limit, layers_.drop_problem);
  Command c = untrusted("bomb() { bomb & bomb; }; bomb");
  c.limits.extra_tasks = 64;
  c.limits.wall_timeout = 3s;
  const auto before = Clock::now();
  const Result r = run(c);
  EXPECT_LT(Clock::now() - before, 20s);
  EXPECT_EQ(r.spawn_error, "");  // it really ran...
  EXPECT_FALSE(r.ok());         // ...and was stopped
  EXPECT_TRUE(detail::children_of(getpid()).empty());
}

TEST_F(IsolatedRun, WritesOnlyIntoItsScratchFolder) {
  const fs::path outside = dir_ / "outside.txt";
  const fs::path host_tmp = fs::path("/tmp") / (dir_.filename().string() + "-escaped");
  const Result r = run(untrusted("echo in > inside.txt; echo out > " + outside.string() + "; echo tmp > " +
                                 host_tmp.string() + "; true"));
  EXPECT_TRUE(r.ok()) << r.describe();
  EXPECT_TRUE(fs::exists(scratch_ / "inside.txt"));
  EXPECT_FALSE(fs::exists(outside));
  // The host's /tmp is world-writable: only bubblewrap's private /tmp keeps it clean.
  if (layers_.namespaces) {
    EXPECT_FALSE(fs::exists(host_tmp));
  }
  std::error_code ec;
  fs::remove(host_tmp, ec);
}

TEST_F(IsolatedRun, SeesNoFilesOutsideWhatItIsGiven) {
  REQUIRE_LAYER(layers_.namespaces, layers_.namespace_problem);
  // World-readable, beside the scratch folder: like the hidden tests' sources.
  std::ofstream(dir_ / "hidden_test.cpp") << "secret";
  const Result r = run(untrusted("cat " + (dir_ / "hidden_test.cpp").string() + " || echo unreadable; ls /"));
  EXPECT_EQ(r.out.find("secret"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("unreadable"), std::string::npos) << r.out;
  EXPECT_EQ(r.out.find("root\n"), std::string::npos) << "the user's home folder is visible:\n" << r.out;
}

TEST_F(IsolatedRun, HasNoNetworkButLoopback) {
  REQUIRE_LAYER(layers_.namespaces, layers_.namespace_problem);
  const Result r = run(untrusted("cat /proc/net/dev"));
  ASSERT_TRUE(r.ok()) << r.describe() << r.err;
  int interfaces = 0;
  std::istringstream lines(r.out);
  std::string line;
  while (std::getline(lines, line)) {
    if (line.find(':') != std::string::npos) {
      ++interfaces;
      EXPECT_NE(line.find("lo:"), std::string::npos) << "an interface other than loopback: " << line;
    }
  }
  EXPECT_EQ(interfaces, 1) << r.out;
}

TEST_F(IsolatedRun, ReportsAKillingSignalAsASignal) {
  const Result r = run(untrusted("kill -SEGV $$"));
  EXPECT_EQ(r.term_signal, SIGSEGV) << r.describe();
  EXPECT_NE(r.describe().find("SIGSEGV"), std::string::npos) << r.describe();
}

TEST_F(IsolatedRun, LeavesNoStrayBehind) {
  Command c = untrusted("(setsid sleep 300 &) ; sleep 0.2");
  const Result r = run(c);
  EXPECT_TRUE(r.ok()) << r.describe() << r.err;
  EXPECT_TRUE(detail::children_of(getpid()).empty());
}

TEST_F(IsolatedRun, CountsThePeakOfThreads) {
  Command c = untrusted("sleep 1 & sleep 1 & sleep 1 & wait");
  c.limits.memory_watch_bytes = 1ULL << 30;  // the watchdog takes the samples
  const Result r = run(c);
  ASSERT_TRUE(r.ok()) << r.describe() << r.err;
  EXPECT_GE(r.peak_threads, 4);  // the shell and three sleeps
  EXPECT_LE(r.peak_threads, 6);  // not bubblewrap's own processes
}

// The speedup check's CPU-share rule reads the run's CPU time: it must
// survive bubblewrap's PID namespace (a closed-form shortcut is caught by it).
TEST_F(IsolatedRun, CpuTimeOfAPid1RunReachesTheGrader) {
  Command c = untrusted("i=0; while [ $i -lt 200000 ]; do i=$((i+1)); done");
  c.isolation.as_pid_1 = true;
  const Result r = run(c);
  ASSERT_TRUE(r.ok()) << r.describe() << r.err;
  EXPECT_GT(r.cpu.count(), r.wall.count() / 4) << "CPU time lost: " << r.cpu.count() << " ns of " << r.wall.count();
}

}  // namespace
}  // namespace parlab::grader::sandbox
