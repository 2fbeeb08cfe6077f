// The per-run supervising process that run() forks, and the protocol it uses
// to talk back to the grader.
//
// Why a supervisor per run: the final sweep must kill only this run's strays,
// even while other threads of the grader run other commands. The supervisor
// makes itself a child sub-reaper, so every descendant of the command that is
// orphaned (double fork, setsid) is re-parented to it and to nothing else.
//
// Everything here runs between fork() and exec() of a multi-threaded grader,
// where only async-signal-safe calls are allowed: no allocation, no locks, no
// stdio. The plan is therefore prepared completely before fork().
#pragma once

#include <signal.h>
#include <sys/resource.h>
#include <sys/types.h>

#include <cstdint>

namespace parlab::grader::sandbox::detail {

struct ResourceLimit {
  int resource = 0;  // RLIMIT_*
  rlim_t soft = 0;
  rlim_t hard = 0;
};

inline constexpr int kMaxLimits = 8;

struct SpawnPlan {
  const char* path = nullptr;  // executable, resolved in PATH already
  char* const* argv = nullptr;
  char* const* envp = nullptr;
  const char* working_dir = nullptr;
  int stdin_fd = -1;   // a memfd holding stdin_data, or -1 for /dev/null
  int stdout_fd = -1;  // write ends of the capture pipes
  int stderr_fd = -1;
  int report_fd = -1;  // supervisor -> grader; close-on-exec, so a started command does not hold it
  ResourceLimit limits[kMaxLimits]{};
  int limit_count = 0;
  pid_t grader_pid = 0;
  // Switch to this uid and gid (and no supplementary groups) before exec.
  bool drop_privileges = false;
  uid_t uid = 0;
  gid_t gid = 0;
};

// Which step of starting the command failed (Report::kind == start_failed).
enum class StartStep : std::int32_t { fork = 1, set_limit, drop_privileges, enter_working_dir, open_stdio, exec };

// Fixed-size records, smaller than PIPE_BUF, so every write() is atomic.
struct Report {
  enum class Kind : std::int32_t { started = 1, start_failed, finished } kind = Kind::started;
  std::int32_t pid = 0;           // started: the command's pid (also its process group)
  StartStep step = StartStep::fork;  // start_failed
  std::int32_t error_number = 0;  // start_failed: errno
  std::int32_t wait_status = 0;   // finished: as from wait4()
  std::int32_t leftovers = 0;     // finished: stray descendants killed in the sweep
  std::int64_t user_ns = 0;       // finished: rusage of the command and the descendants it waited for
  std::int64_t system_ns = 0;
  std::int64_t max_rss_kib = 0;
  std::int64_t voluntary_switches = 0;    // rusage ru_nvcsw
  std::int64_t involuntary_switches = 0;  // rusage ru_nivcsw
  std::int64_t wall_ns = 0;       // finished: fork to exit of the command, CLOCK_MONOTONIC
};

// The supervisor's body, called in the child of the grader's fork(). Starts
// the command, waits for it, kills every descendant left behind, reports and
// exits. SIGUSR1 (sent by the grader on timeout or memory excess), SIGTERM,
// SIGINT and SIGHUP make it kill the command's process group.
[[noreturn]] void supervise(const SpawnPlan& plan) noexcept;

// Signal the grader sends the supervisor to end the command early.
inline constexpr int kStopSignal = SIGUSR1;

}  // namespace parlab::grader::sandbox::detail
