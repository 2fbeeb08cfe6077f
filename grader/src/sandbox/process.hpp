// Running untrusted code: every child the grader starts goes through run().
//
// Each child gets its own process group, a wall-clock timeout, rlimits, a
// scrubbed environment, capped output capture and its own working directory.
// Each run has its own supervising process, a child sub-reaper, so even a
// child that double-forks and calls setsid() is found and killed in the final
// sweep, and only that run's processes are swept: run() may be called from
// several threads at once.
#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "sandbox/isolation.hpp"

namespace parlab::grader::sandbox {

struct Limits {
  std::chrono::milliseconds wall_timeout{60'000};
  // RLIMIT_CPU in seconds; 0 = derive from wall_timeout x usable cores.
  std::uint64_t cpu_seconds = 0;
  std::uint64_t file_size_bytes = 64ULL << 20;  // RLIMIT_FSIZE; 0 = none
  // RLIMIT_DATA for native builds. TSan maps ~124 TiB, so TSan runs set this
  // to 0 (no rlimit) and rely on memory_watch_bytes instead.
  std::uint64_t data_bytes = 2ULL << 30;
  // Poll the process tree's resident memory and kill it above this (0 = off).
  std::uint64_t memory_watch_bytes = 0;
  // Extra tasks (processes + threads) allowed above the user's current count
  // (RLIMIT_NPROC; 0 = none). Root ignores RLIMIT_NPROC, so it is set only
  // when the command runs unprivileged (isolation.hpp drops root).
  std::uint64_t extra_tasks = 512;
  std::size_t output_cap_bytes = 1U << 20;  // per stream; the rest is dropped and counted
  // Sample every thread's CPU time this often (0 = never): the speedup check
  // reads what each of the student's threads did (Result::threads).
  std::chrono::milliseconds thread_sample_interval{0};
};

// What the command's threads did, seen from /proc while it ran
// (Limits::thread_sample_interval) and from its rusage at the end.
struct ThreadActivity {
  struct Thread {
    int tid = 0;                    // in start order: the kernel numbers threads as they start
    std::chrono::nanoseconds cpu{0};        // on a CPU, as last sampled
    std::chrono::nanoseconds run_delay{0};  // runnable but waiting for a CPU
    std::int64_t timeslices = 0;            // times put on a CPU (its switches), as last sampled
  };
  std::vector<Thread> threads;      // every thread sampled, by tid
  // regions[r][i]: CPU time of threads[i] in region r of the run; a region
  // begins where new threads appear (sandbox/thread_ledger.hpp).
  std::vector<std::vector<std::chrono::nanoseconds>> regions;
  int samples = 0;                  // looks taken
  std::int64_t voluntary_switches = 0;    // rusage: the command blocked (lock, wait, sleep)
  std::int64_t involuntary_switches = 0;  // rusage: preempted (more runnable threads than cores)
};

struct Command {
  // argv[0] is looked up in the child's PATH if it has no '/'; a relative
  // path with a '/' ("./a.out") is relative to working_dir.
  std::vector<std::string> argv;
  std::string working_dir;  // must exist
  // Variables passed to the child in addition to the scrubbed base
  // environment (PATH, HOME=working_dir, LANG=C.UTF-8, TMPDIR=working_dir).
  std::map<std::string, std::string> env;
  Limits limits;
  std::string stdin_data;  // written to the child's stdin, then closed
  // Student code: run unprivileged and inside bubblewrap where the host
  // allows it (isolation.hpp). Trusted tools leave this off.
  Isolation isolation;
};

struct Result {
  int exit_code = -1;       // when exited normally
  int term_signal = 0;      // when killed by a signal (SIGKILL after a timeout, SIGSEGV...)
  bool timed_out = false;   // wall timeout hit; the whole tree was killed
  bool memory_exceeded = false;  // memory watchdog killed the tree
  std::string out;          // captured stdout (capped)
  std::string err;          // captured stderr (capped)
  std::size_t out_dropped = 0;  // bytes beyond the cap
  std::size_t err_dropped = 0;
  // Fork to exit of the command (steady clock, measured by its supervisor, so
  // the supervisor's own start-up and sweep are not included).
  std::chrono::nanoseconds wall{0};
  // User + system time of the command and of the descendants it waited for
  // (wait4 rusage); strays killed in the sweep are not included.
  std::chrono::nanoseconds cpu{0};
  std::uint64_t max_rss_bytes = 0;  // largest single process, not the tree's sum
  // Most threads of the command's processes seen at once by the watchdog's
  // samples (taken only when memory_watch_bytes is set; the sandbox's own
  // bubblewrap processes are not counted).
  int peak_threads = 0;
  ThreadActivity threads;
  int leftovers_killed = 0;  // stray descendants killed in the final sweep
  std::string spawn_error;   // non-empty when the child could not be started
  std::chrono::milliseconds wall_timeout{0};  // the limits it ran under, for describe()
  std::uint64_t memory_watch_bytes = 0;
  [[nodiscard]] bool ok() const { return spawn_error.empty() && !timed_out && !memory_exceeded && term_signal == 0 && exit_code == 0; }
  // One line: "exit 1", "killed by SIGSEGV (segmentation fault)", "timed out
  // after 60 s", "exceeded the memory limit (2.0 GiB)", "could not start: ...".
  [[nodiscard]] std::string describe() const;
};

// Runs the command to completion (or timeout) and kills anything it left.
// Never throws for a command that cannot start: see Result::spawn_error.
Result run(const Command& cmd);

// Makes the calling process a child sub-reaper (PR_SET_CHILD_SUBREAPER), so
// that anything orphaned by the grader's own children comes back to it
// rather than to PID 1. Idempotent. run() does not need it: each run's
// supervising process is the sub-reaper of that run, and sweeps it.
void become_subreaper();

// The environment every child starts from: no tokens, secrets or CI variables.
std::map<std::string, std::string> scrubbed_environment(const std::string& home);

}  // namespace parlab::grader::sandbox
