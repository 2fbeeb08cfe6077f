// Reading the process tree from /proc, on the grader's side of run(): the
// memory watchdog and the RLIMIT_NPROC budget need it.
#pragma once

#include <sys/types.h>

#include <cstdint>
#include <map>
#include <vector>

namespace parlab::grader::sandbox::detail {

// Direct children of `pid`, over all its threads (/proc/PID/task/*/children).
std::vector<pid_t> children_of(pid_t pid);

// Every descendant of `pid`, not `pid` itself.
std::vector<pid_t> descendants_of(pid_t pid);

// Resident memory of one process (VmRSS), 0 when it is gone or a kernel thread.
std::uint64_t resident_bytes(pid_t pid);

// One look at the descendants of `pid`: their total resident memory (threads
// share their process's memory, so each process counts once), and their
// threads, not counting processes named `skip_comm` (the sandbox's own).
struct TreeSample {
  std::uint64_t resident_bytes = 0;
  int threads = 0;
};
TreeSample sample_tree(pid_t pid, const char* skip_comm);

// The CPU time each thread of the descendants of `pid` has used so far
// (schedstat's run time in ns; utime + stime ticks where the kernel has no
// schedstat), not counting processes named `skip_comm`: one reading per
// thread alive now, written into `now` (sandbox/thread_ledger.hpp keeps them
// across looks).
struct ThreadTime {
  std::int64_t cpu_ns = 0;        // on a CPU
  std::int64_t run_delay_ns = 0;  // runnable, waiting for a CPU (0 without schedstat)
  std::int64_t timeslices = 0;    // times it was put on a CPU: its context switches (0 without schedstat)
};
void sample_thread_times(pid_t pid, const char* skip_comm, std::map<pid_t, ThreadTime>& now);

// Processes plus threads whose real uid is `uid`: what RLIMIT_NPROC counts.
std::uint64_t tasks_of_user(uid_t uid);

}  // namespace parlab::grader::sandbox::detail
