// The sandboxed process runner: exit status, signals, capture, limits,
// killing whole process trees, environment scrubbing, concurrency.
//
// Commands that need real C++ (two busy threads, touching memory) run this
// test program itself in a helper mode, chosen by an environment variable and
// entered before main() so that no test runs inside the helper.
#include <signal.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <time.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <set>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include "core/files.hpp"
#include "platform/cores.hpp"
#include "sandbox/proc_tree.hpp"
#include "sandbox/process.hpp"

namespace parlab::grader::sandbox {
namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

constexpr const char* kHelperVariable = "PARLAB_SANDBOX_TEST_HELPER";

// --- helper modes -----------------------------------------------------------

std::int64_t thread_cpu_ns() {
  timespec t{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
  return static_cast<std::int64_t>(t.tv_sec) * 1'000'000'000 + t.tv_nsec;
}

// Two threads, each spinning until it has used 300 ms of CPU: the process
// uses 600 ms of CPU however busy the machine is. Prints its own CPU time.
[[noreturn]] void spin_two_threads() {
  const auto spin = [] {
    volatile std::uint64_t sink = 0;
    while (thread_cpu_ns() < 300'000'000) {
      for (int i = 0; i < 10'000; ++i) sink = sink + static_cast<std::uint64_t>(i);
    }
  };
  std::thread other(spin);
  spin();
  other.join();
  rusage self{};
  getrusage(RUSAGE_SELF, &self);
  const auto ns = [](const timeval& t) { return static_cast<long long>(t.tv_sec) * 1'000'000'000 + t.tv_usec * 1000; };
  std::printf("%lld\n", ns(self.ru_utime) + ns(self.ru_stime));
  std::exit(0);
}

// Touches 1 GiB, 16 MiB at a time, then waits to be killed.
[[noreturn]] void touch_one_gib() {
  constexpr std::size_t chunk = 16U << 20;
  std::vector<char*> kept;
  for (std::size_t total = 0; total < (1U << 30); total += chunk) {
    auto* block = static_cast<char*>(std::malloc(chunk));
    if (block == nullptr) std::exit(3);
    std::memset(block, 1, chunk);
    kept.push_back(block);
  }
  std::this_thread::sleep_for(30s);
  std::exit(0);
}

[[noreturn]] void try_big_malloc() {
  // Stored to a volatile so the compiler cannot elide the call (clang does).
  void* volatile block = std::malloc(512U << 20);
  std::puts(block == nullptr ? "null" : "allocated");
  std::exit(0);
}

bool run_helper_if_asked() {
  const char* mode = std::getenv(kHelperVariable);
  if (mode == nullptr) return false;
  const std::string m = mode;
  if (m == "spin_two_threads") spin_two_threads();
  if (m == "touch_one_gib") touch_one_gib();
  if (m == "try_big_malloc") try_big_malloc();
  std::exit(99);
}

const bool helper_mode = run_helper_if_asked();

// --- fixtures ----------------------------------------------------------------

class TempDir {
 public:
  TempDir() {
    std::string pattern = (fs::temp_directory_path() / "parlab-sandbox-test-XXXXXX").string();
    if (mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
    path_ = fs::canonical(pattern);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path_, ec);
  }
  [[nodiscard]] const fs::path& path() const { return path_; }

 private:
  fs::path path_;
};

Command shell(const std::string& script, const fs::path& dir) {
  Command c;
  c.argv = {"sh", "-c", script};
  c.working_dir = dir.string();
  c.limits.wall_timeout = 30s;
  return c;
}

Command helper(const std::string& mode, const fs::path& dir) {
  Command c;
  c.argv = {fs::read_symlink("/proc/self/exe").string()};
  c.working_dir = dir.string();
  c.env[kHelperVariable] = mode;
  c.limits.wall_timeout = 60s;
  return c;
}

bool process_exists(pid_t pid) { return kill(pid, 0) == 0 || errno != ESRCH; }

// --- exit status and signals -------------------------------------------------

TEST(SandboxRun, ReportsExitCode) {
  ASSERT_FALSE(helper_mode);
  TempDir dir;
  const Result r = run(shell("exit 3", dir.path()));
  EXPECT_EQ(r.exit_code, 3);
  EXPECT_EQ(r.term_signal, 0);
  EXPECT_FALSE(r.ok());
  EXPECT_EQ(r.describe(), "exit 3");

  const Result fine = run(shell("true", dir.path()));
  EXPECT_TRUE(fine.ok()) << fine.describe() << fine.spawn_error;
  EXPECT_EQ(fine.describe(), "exit 0");
}

TEST(SandboxRun, ReportsKillingSignal) {
  TempDir dir;
  const Result r = run(shell("kill -SEGV $$", dir.path()));
  EXPECT_EQ(r.term_signal, SIGSEGV);
  EXPECT_FALSE(r.ok());
  EXPECT_EQ(r.describe(), "killed by SIGSEGV (segmentation fault)");
}

// --- input and output --------------------------------------------------------

TEST(SandboxRun, CapturesStdoutAndStderrSeparately) {
  TempDir dir;
  const Result r = run(shell("echo to-out; echo to-err >&2", dir.path()));
  EXPECT_EQ(r.out, "to-out\n");
  EXPECT_EQ(r.err, "to-err\n");
  EXPECT_EQ(r.out_dropped, 0U);
}

TEST(SandboxRun, FeedsStdinDataOrNothing) {
  TempDir dir;
  Command c = shell("cat", dir.path());
  c.stdin_data = "line one\nline two\n";
  EXPECT_EQ(run(c).out, "line one\nline two\n");

  c.stdin_data.clear();  // /dev/null: cat must not wait for a terminal
  const Result r = run(c);
  EXPECT_TRUE(r.ok());
  EXPECT_EQ(r.out, "");
}

TEST(SandboxRun, CapsHugeOutputWithoutHanging) {
  TempDir dir;
  Command c = shell("head -c 50000000 /dev/zero; echo done >&2", dir.path());
  c.limits.output_cap_bytes = 1U << 20;
  const Result r = run(c);
  EXPECT_TRUE(r.ok()) << r.describe();
  EXPECT_FALSE(r.timed_out);
  EXPECT_EQ(r.out.size(), 1U << 20);
  EXPECT_EQ(r.out_dropped, 50'000'000U - (1U << 20));
  EXPECT_EQ(r.err, "done\n");  // the command was never blocked on a full pipe
}

// --- timeouts and process trees ----------------------------------------------

TEST(SandboxRun, TimeoutKillsTheCommand) {
  TempDir dir;
  Command c;
  c.argv = {"sleep", "1000"};
  c.working_dir = dir.path().string();
  c.limits.wall_timeout = 1s;
  const auto before = Clock::now();
  const Result r = run(c);
  EXPECT_LT(Clock::now() - before, 10s);
  EXPECT_TRUE(r.timed_out);
  EXPECT_EQ(r.term_signal, SIGKILL);
  EXPECT_FALSE(r.ok());
  EXPECT_EQ(r.describe(), "timed out after 1 s");
}

// A grandchild in its own session escapes kill(-pgid) and keeps stdout open:
// without the sweep the grader would wait for it until the timeout.
TEST(SandboxRun, KillsDoubleForkedSetsidStray) {
  TempDir dir;
  const auto before = Clock::now();
  const Result r = run(shell("(setsid sleep 1000 & echo $!); exit 0", dir.path()));
  EXPECT_LT(Clock::now() - before, 10s);
  EXPECT_FALSE(r.timed_out);
  EXPECT_TRUE(r.ok()) << r.describe();
  EXPECT_GE(r.leftovers_killed, 1);
  const pid_t stray = static_cast<pid_t>(std::stol(r.out));
  ASSERT_GT(stray, 1);
  EXPECT_FALSE(process_exists(stray)) << "stray pid " << stray << " survived";
}

TEST(SandboxRun, TimeoutAlsoKillsStraysInOtherSessions) {
  TempDir dir;
  Command c = shell("setsid sleep 1000 & echo $!; sleep 1000", dir.path());
  c.limits.wall_timeout = 1s;
  const auto before = Clock::now();
  const Result r = run(c);
  EXPECT_LT(Clock::now() - before, 10s);
  EXPECT_TRUE(r.timed_out);
  const pid_t stray = static_cast<pid_t>(std::stol(r.out));
  EXPECT_FALSE(process_exists(stray)) << "stray pid " << stray << " survived";
}

// A process that is running and not a zombie (a zombie has exited; whoever
// adopted it just has not reaped it yet).
bool running(pid_t pid) {
  // read_file, not an istreambuf_iterator: a process reaped between the open
  // and the read fails the read with ESRCH, which the iterator throws out of
  // the test (seen once in CI); read_file gives what it could read.
  const std::string text = read_file("/proc/" + std::to_string(pid) + "/stat").value_or("");
  const auto close = text.rfind(')');
  return close != std::string::npos && close + 2 < text.size() && text[close + 2] != 'Z';
}

// The grader killed outright (a batch killed with SIGKILL, a CI job
// cancelled) must take its runs' whole trees with it: a compiler's linker or
// a student's helper process left running would write into the next run's
// folder. Both a child in the command's process group and one in its own
// session must go.
TEST(SandboxRun, GraderKilledOutrightTakesTheWholeTreeWithIt) {
  TempDir dir;
  const fs::path pids = dir.path() / "pids";
  const pid_t grader = fork();
  ASSERT_GE(grader, 0);
  if (grader == 0) {
    Command c = shell("sleep 1000 & echo $! >pids.tmp; setsid sleep 1000 & echo $! >>pids.tmp; mv pids.tmp pids; wait",
                      dir.path());
    c.limits.wall_timeout = 120s;
    (void)run(c);
    _exit(0);
  }
  // Generous waits: on a loaded 2-core machine starting a shell can take seconds.
  for (int i = 0; i < 1500 && !fs::exists(pids); ++i) std::this_thread::sleep_for(20ms);
  if (!fs::exists(pids)) kill(grader, SIGKILL);
  ASSERT_TRUE(fs::exists(pids)) << "the command did not start";
  std::ifstream in(pids);
  pid_t grandchild = 0, other_session = 0;
  in >> grandchild >> other_session;
  ASSERT_GT(grandchild, 1);
  ASSERT_GT(other_session, 1);
  kill(grader, SIGKILL);
  waitpid(grader, nullptr, 0);
  for (int i = 0; i < 1000 && (running(grandchild) || running(other_session)); ++i) std::this_thread::sleep_for(20ms);
  EXPECT_FALSE(running(grandchild)) << "pid " << grandchild << " outlived the grader";
  EXPECT_FALSE(running(other_session)) << "pid " << other_session << " (own session) outlived the grader";
  kill(grandchild, SIGKILL);  // do not leave them to the rest of the suite
  kill(other_session, SIGKILL);
}

TEST(SandboxRun, RunsInItsOwnProcessGroup) {
  TempDir dir;
  const Result r = run(shell("echo $$; cut -d' ' -f5 /proc/$$/stat", dir.path()));
  std::istringstream lines(r.out);
  std::string pid, group;
  lines >> pid >> group;
  EXPECT_EQ(pid, group) << r.out;
}

TEST(SandboxRun, LeavesNoDescriptorsOrChildrenBehind) {
  TempDir dir;
  const auto open_descriptors = [] {
    return std::distance(fs::directory_iterator("/proc/self/fd"), fs::directory_iterator{});
  };
  const auto before = open_descriptors();
  Command c = shell("(setsid sleep 1000 &); echo out; echo err >&2", dir.path());
  c.stdin_data = "input";
  EXPECT_TRUE(run(c).ok());
  EXPECT_EQ(open_descriptors(), before);
  EXPECT_TRUE(detail::children_of(getpid()).empty());
}

// --- resource limits as the command sees them ---------------------------------

// "Max cpu time" -> {soft, hard} from /proc/self/limits text.
std::pair<std::string, std::string> limit_values(const std::string& limits, const std::string& name) {
  std::istringstream lines(limits);
  for (std::string line; std::getline(lines, line);) {
    if (line.rfind(name, 0) != 0) continue;
    std::istringstream fields(line.substr(26));  // the name column is 26 characters wide
    std::string soft, hard;
    fields >> soft >> hard;
    return {soft, hard};
  }
  return {};
}

TEST(SandboxRun, SetsResourceLimits) {
  TempDir dir;
  Command c;
  c.argv = {"cat", "/proc/self/limits"};
  c.working_dir = dir.path().string();
  c.limits.wall_timeout = 30s;
  c.limits.file_size_bytes = 1U << 20;
  c.limits.data_bytes = 3ULL << 30;
  const Result r = run(c);
  ASSERT_TRUE(r.ok()) << r.describe();
  const auto cpu = std::to_string(30 * platform::usable_cores().usable);  // wall timeout x usable cores
  EXPECT_EQ(limit_values(r.out, "Max cpu time"), std::make_pair(cpu, std::to_string(std::stoi(cpu) + 1))) << r.out;
  EXPECT_EQ(limit_values(r.out, "Max core file size"), std::make_pair(std::string("0"), std::string("0")));
  EXPECT_EQ(limit_values(r.out, "Max file size").first, "1048576");
  EXPECT_EQ(limit_values(r.out, "Max data size").first, std::to_string(3ULL << 30));

  c.limits.data_bytes = 0;  // TSan runs: no data limit at all
  c.limits.cpu_seconds = 7;
  const Result tsan_like = run(c);
  EXPECT_EQ(limit_values(tsan_like.out, "Max data size").first, "unlimited");
  EXPECT_EQ(limit_values(tsan_like.out, "Max cpu time").first, "7");
}

// The task limit and the fork bomb: see isolation_test.cpp, where student
// code runs unprivileged even when the grader is root.

// --- environment and working directory ---------------------------------------

TEST(SandboxRun, ChildSeesOnlyTheScrubbedEnvironment) {
  TempDir dir;
  setenv("GITHUB_TOKEN", "ghp_fake_token_for_test", 1);
  setenv("SECRET", "hunter2", 1);
  Command c;
  c.argv = {"env"};
  c.working_dir = dir.path().string();
  c.env["EXTRA"] = "given";
  const Result r = run(c);
  unsetenv("GITHUB_TOKEN");
  unsetenv("SECRET");
  ASSERT_TRUE(r.ok()) << r.describe();
  EXPECT_EQ(r.out.find("ghp_fake"), std::string::npos) << r.out;
  EXPECT_EQ(r.out.find("hunter2"), std::string::npos) << r.out;

  std::set<std::string> names;
  std::istringstream lines(r.out);
  for (std::string line; std::getline(lines, line);) names.insert(line.substr(0, line.find('=')));
  EXPECT_EQ(names, (std::set<std::string>{"PATH", "HOME", "TMPDIR", "LANG", "EXTRA"})) << r.out;
  EXPECT_NE(r.out.find("HOME=" + dir.path().string() + "\n"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("EXTRA=given\n"), std::string::npos) << r.out;
}

TEST(SandboxEnvironment, IsBuiltFromNothing) {
  const auto env = scrubbed_environment("/work/x");
  EXPECT_EQ(env.size(), 4U);
  EXPECT_EQ(env.at("PATH"), "/usr/local/bin:/usr/bin:/bin");
  EXPECT_EQ(env.at("HOME"), "/work/x");
  EXPECT_EQ(env.at("TMPDIR"), "/work/x");
  EXPECT_EQ(env.at("LANG"), "C.UTF-8");
}

TEST(SandboxRun, RunsInTheWorkingDirectory) {
  TempDir dir;
  std::ofstream(dir.path() / "script.sh") << "#!/bin/sh\npwd\n";
  fs::permissions(dir.path() / "script.sh", fs::perms::owner_all);
  Command c;
  c.argv = {"./script.sh"};  // relative to the working directory
  c.working_dir = dir.path().string();
  const Result r = run(c);
  EXPECT_TRUE(r.ok()) << r.describe();
  EXPECT_EQ(r.out, dir.path().string() + "\n");
}

// --- commands that cannot start ----------------------------------------------

TEST(SandboxRun, MissingProgramIsASpawnErrorNotAnException) {
  TempDir dir;
  Command c;
  c.working_dir = dir.path().string();
  c.argv = {"/nonexistent/parlab-program"};
  const Result absolute = run(c);
  EXPECT_FALSE(absolute.ok());
  EXPECT_NE(absolute.spawn_error.find("cannot execute /nonexistent/parlab-program"), std::string::npos)
      << absolute.spawn_error;
  EXPECT_EQ(absolute.describe().rfind("could not start: ", 0), 0U) << absolute.describe();

  c.argv = {"parlab-no-such-command"};
  EXPECT_EQ(run(c).spawn_error, "parlab-no-such-command: command not found");

  std::ofstream(dir.path() / "not-executable") << "#!/bin/sh\n";
  c.argv = {(dir.path() / "not-executable").string()};
  EXPECT_NE(run(c).spawn_error.find("Permission denied"), std::string::npos);

  c.argv.clear();
  EXPECT_EQ(run(c).spawn_error, "empty command");
}

TEST(SandboxRun, MissingWorkingDirectoryIsASpawnError) {
  TempDir dir;
  const Result r = run(shell("true", dir.path() / "missing"));
  EXPECT_NE(r.spawn_error.find("cannot enter"), std::string::npos) << r.spawn_error;
}

// --- resource limits ---------------------------------------------------------

TEST(SandboxRun, MemoryWatchdogKillsTheTree) {
  TempDir dir;
  Command c = helper("touch_one_gib", dir.path());
  c.limits.data_bytes = 0;  // as for TSan runs: only the watchdog applies
  c.limits.memory_watch_bytes = 200ULL << 20;
  const Result r = run(c);
  EXPECT_TRUE(r.memory_exceeded) << r.describe() << " rss " << r.max_rss_bytes;
  EXPECT_FALSE(r.timed_out);
  EXPECT_FALSE(r.ok());
  EXPECT_EQ(r.describe(), "exceeded the memory limit (200 MiB)");
}

TEST(SandboxRun, DataLimitMakesBigMallocFail) {
  TempDir dir;
  Command c = helper("try_big_malloc", dir.path());
  c.limits.data_bytes = 64ULL << 20;
  const Result r = run(c);
  EXPECT_TRUE(r.ok()) << r.describe();
  EXPECT_EQ(r.out, "null\n");
}

TEST(SandboxRun, FileSizeLimitStopsTheWriter) {
  TempDir dir;
  Command c = shell("exec head -c 2000000 /dev/zero > big", dir.path());
  c.limits.file_size_bytes = 1U << 20;
  const Result r = run(c);
  EXPECT_EQ(r.term_signal, SIGXFSZ) << r.describe();
  EXPECT_EQ(fs::file_size(dir.path() / "big"), 1U << 20);
}

TEST(SandboxRun, CpuLimitStopsASpinner) {
  TempDir dir;
  Command c = shell("while :; do :; done", dir.path());
  c.limits.cpu_seconds = 1;
  const Result r = run(c);
  EXPECT_FALSE(r.timed_out) << r.describe();
  EXPECT_TRUE(r.term_signal == SIGXCPU || r.term_signal == SIGKILL) << r.describe();
}

// --- CPU time accounting -----------------------------------------------------

TEST(SandboxRun, CpuTimeCountsEveryThread) {
  TempDir dir;
  const Command c = helper("spin_two_threads", dir.path());
  std::vector<double> ratios;
  for (int attempt = 0; attempt < 3; ++attempt) {
    const Result r = run(c);
    ASSERT_TRUE(r.ok()) << r.describe() << r.err;
    // Load-independent: the rusage the grader got covers what the process
    // itself counted, i.e. both threads (2 x 300 ms).
    const auto self_reported = std::chrono::nanoseconds(std::stoll(r.out));
    EXPECT_GE(self_reported, 590ms);
    EXPECT_GE(r.cpu, self_reported * 95 / 100);
    EXPECT_GT(r.wall, 0ns);
    ratios.push_back(std::chrono::duration<double>(r.cpu) / std::chrono::duration<double>(r.wall));
    if (ratios.back() > 1.3) break;
  }
  const auto cores = platform::usable_cores();
  if (cores.usable < 2) GTEST_SKIP() << "needs 2 usable cores to run two threads at once: " << cores.explain();
  if (ratios.back() <= 1.3) {
    // Another job held a core in every attempt: inconclusive, not a failure.
    GTEST_SKIP() << "machine too busy: CPU/wall ratios " << ::testing::PrintToString(ratios);
  }
  EXPECT_GT(ratios.back(), 1.3);
}

// --- several runs at once ----------------------------------------------------

// Batch grading calls run() from several threads: each run must get its own
// output, and one run's sweep must not kill another run's processes.
TEST(SandboxRun, FourThreadsAtOnce) {
  TempDir dir;
  std::vector<Result> results(4);
  std::vector<std::thread> threads;
  for (std::size_t i = 0; i < results.size(); ++i) {
    threads.emplace_back([&, i] {
      const std::string script = i == 0 ? "(setsid sleep 1000 &); sleep 0.2; echo run-0"
                                        : "sleep 0.5; echo run-" + std::to_string(i);
      results[i] = run(shell(script, dir.path()));
    });
  }
  for (auto& t : threads) t.join();
  for (std::size_t i = 0; i < results.size(); ++i) {
    EXPECT_TRUE(results[i].ok()) << i << ": " << results[i].describe();
    EXPECT_EQ(results[i].out, "run-" + std::to_string(i) + "\n");
  }
  EXPECT_EQ(results[0].leftovers_killed, 1);
}

// --- descriptions ------------------------------------------------------------

TEST(SandboxResult, DescribesEachEnding) {
  Result r;
  r.exit_code = 1;
  EXPECT_EQ(r.describe(), "exit 1");
  r.term_signal = SIGKILL;
  EXPECT_EQ(r.describe(), "killed by SIGKILL (killed)");
  r.memory_exceeded = true;
  r.memory_watch_bytes = 2ULL << 30;
  EXPECT_EQ(r.describe(), "exceeded the memory limit (2.0 GiB)");
  r.timed_out = true;
  r.wall_timeout = 60s;
  EXPECT_EQ(r.describe(), "timed out after 60 s");
  r.wall_timeout = 1500ms;
  EXPECT_EQ(r.describe(), "timed out after 1.5 s");
  r.spawn_error = "x: command not found";
  EXPECT_EQ(r.describe(), "could not start: x: command not found");
}

// --- /proc helpers -----------------------------------------------------------

TEST(ProcTree, FindsChildrenAndMemory) {
  const pid_t child = fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    pause();
    _exit(0);
  }
  const auto children = detail::descendants_of(getpid());
  kill(child, SIGKILL);
  waitpid(child, nullptr, 0);
  EXPECT_NE(std::find(children.begin(), children.end(), child), children.end());
  EXPECT_GT(detail::resident_bytes(getpid()), 0U);
  EXPECT_GE(detail::tasks_of_user(getuid()), 1U);
}

}  // namespace
}  // namespace parlab::grader::sandbox
