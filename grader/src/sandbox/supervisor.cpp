// Only async-signal-safe calls below this line (see supervisor.hpp): raw
// system calls, stack buffers, no std::string, no exceptions.
#include "sandbox/supervisor.hpp"

#include <fcntl.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <csignal>
#include <ctime>

namespace parlab::grader::sandbox::detail {
namespace {

// The command's pid while it may be signalled; 0 once it is about to be
// reaped (a reaped pid can be reused by an unrelated process).
volatile std::sig_atomic_t g_command_pid = 0;

extern "C" void stop_command(int /*signal*/) {
  const int saved_errno = errno;
  const pid_t pid = g_command_pid;
  if (pid > 0) {
    kill(-pid, SIGKILL);  // its process group...
    kill(pid, SIGKILL);   // ...and itself, in case it has not called setpgid() yet
  }
  errno = saved_errno;
}

constexpr int kHandledSignals[] = {kStopSignal, SIGTERM, SIGINT, SIGHUP};

void send(int fd, const Report& report) {
  // Atomic (< PIPE_BUF); if the grader is gone there is nobody to tell.
  [[maybe_unused]] const auto written = write(fd, &report, sizeof report);
}

void report_start_failure(int fd, StartStep step, int error_number) {
  Report r;
  r.kind = Report::Kind::start_failed;
  r.step = step;
  r.error_number = error_number;
  send(fd, r);
}

std::int64_t to_ns(const timeval& t) {
  return static_cast<std::int64_t>(t.tv_sec) * 1'000'000'000 + static_cast<std::int64_t>(t.tv_usec) * 1'000;
}

std::int64_t monotonic_ns() {
  timespec t{};
  clock_gettime(CLOCK_MONOTONIC, &t);
  return static_cast<std::int64_t>(t.tv_sec) * 1'000'000'000 + t.tv_nsec;
}

void set_disposition(int signal, void (*handler)(int)) {
  struct sigaction action {};
  action.sa_handler = handler;
  sigemptyset(&action.sa_mask);
  sigaction(signal, &action, nullptr);
}

void reset_all_signals() {
  for (int s = 1; s < NSIG; ++s) {
    if (s != SIGKILL && s != SIGSTOP) set_disposition(s, SIG_DFL);
  }
  sigset_t none;
  sigemptyset(&none);
  sigprocmask(SIG_SETMASK, &none, nullptr);
}

// Closes every descriptor except stdio and `keep`: the grader's other threads
// may have pipes open for other runs, and holding their write ends would keep
// those runs from ever seeing end-of-file.
void close_all_except(int* keep, int count) {
  for (int i = 1; i < count; ++i) {  // insertion sort, tiny array
    for (int j = i; j > 0 && keep[j - 1] > keep[j]; --j) {
      const int t = keep[j];
      keep[j] = keep[j - 1];
      keep[j - 1] = t;
    }
  }
  int first = 3;
  for (int i = 0; i <= count; ++i) {
    const int next_kept = i < count ? keep[i] : -1;
    if (next_kept >= 0 && next_kept < first) continue;
    const unsigned last = next_kept < 0 ? ~0U : static_cast<unsigned>(next_kept - 1);
    if (next_kept < 0 || next_kept > first) {
      if (syscall(SYS_close_range, static_cast<unsigned>(first), last, 0U) != 0) {
        // Kernels before 5.9: close one by one, up to a sane bound.
        const int end = next_kept < 0 ? 65536 : next_kept;
        for (int fd = first; fd < end; ++fd) close(fd);
      }
    }
    if (next_kept >= 0) first = next_kept + 1;
  }
}

// Moves `fd` onto `target` so that it survives exec, whatever numbers the
// descriptors had before (they may already be 0..2 if the grader closed its own).
bool install_stdio(const int (&sources)[3]) {
  int high[3];
  for (int i = 0; i < 3; ++i) {
    high[i] = fcntl(sources[i], F_DUPFD_CLOEXEC, 10);
    if (high[i] < 0) return false;
  }
  for (int i = 0; i < 3; ++i) {
    if (dup2(high[i], i) < 0) return false;  // dup2 clears close-on-exec on the target
  }
  return true;
}

[[noreturn]] void exec_command(const SpawnPlan& plan, pid_t supervisor) {
  setpgid(0, 0);
  prctl(PR_SET_PDEATHSIG, SIGKILL);
  if (getppid() != supervisor) _exit(127);  // the supervisor died before prctl()
  reset_all_signals();

  for (int i = 0; i < plan.limit_count; ++i) {
    const ResourceLimit& l = plan.limits[i];
    rlimit value{l.soft, l.hard};
    rlimit current{};
    // An unprivileged grader cannot raise a hard limit; stay below it.
    if (getrlimit(l.resource, &current) == 0 && current.rlim_max != RLIM_INFINITY) {
      if (value.rlim_max > current.rlim_max) value.rlim_max = current.rlim_max;
      if (value.rlim_cur > value.rlim_max) value.rlim_cur = value.rlim_max;
    }
    if (setrlimit(l.resource, &value) != 0) {
      report_start_failure(plan.report_fd, StartStep::set_limit, errno);
      _exit(127);
    }
  }
  if (plan.drop_privileges) {
    // Raw system calls: this process is single-threaded, and glibc's
    // wrappers would try to synchronise the credentials of other threads.
    if (syscall(SYS_setgroups, 0, nullptr) != 0 || syscall(SYS_setresgid, plan.gid, plan.gid, plan.gid) != 0 ||
        syscall(SYS_setresuid, plan.uid, plan.uid, plan.uid) != 0) {
      report_start_failure(plan.report_fd, StartStep::drop_privileges, errno);
      _exit(127);
    }
    // Changing credentials clears the parent-death signal: set it again.
    prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (getppid() != supervisor) _exit(127);
  }
  if (chdir(plan.working_dir) != 0) {
    report_start_failure(plan.report_fd, StartStep::enter_working_dir, errno);
    _exit(127);
  }
  const int in = plan.stdin_fd >= 0 ? plan.stdin_fd : open("/dev/null", O_RDONLY | O_CLOEXEC);
  if (in < 0 || !install_stdio({in, plan.stdout_fd, plan.stderr_fd})) {
    report_start_failure(plan.report_fd, StartStep::open_stdio, errno);
    _exit(127);
  }
  execve(plan.path, plan.argv, plan.envp);
  report_start_failure(plan.report_fd, StartStep::exec, errno);
  _exit(127);
}

// Calls on_child(pid) for up to `max` children of this (single-threaded)
// process, from /proc/thread-self/children. Returns how many, or -1 when the
// file cannot be read (kernel without CONFIG_PROC_CHILDREN).
template <typename OnChild>
int for_each_child(int max, OnChild on_child) {
  const int fd = open("/proc/thread-self/children", O_RDONLY | O_CLOEXEC);
  if (fd < 0) return -1;
  char buffer[1024];
  int count = 0;
  pid_t pid = 0;
  bool in_number = false;
  for (;;) {
    const ssize_t n = read(fd, buffer, sizeof buffer);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    for (ssize_t i = 0; i < n; ++i) {
      const char c = buffer[i];
      if (c >= '0' && c <= '9') {
        pid = pid * 10 + (c - '0');
        in_number = true;
      } else if (in_number) {
        if (count < max) on_child(pid);
        ++count;
        pid = 0;
        in_number = false;
      }
    }
  }
  if (in_number && count < max) {
    on_child(pid);
    ++count;
  }
  close(fd);
  return count < max ? count : max;
}

// The command is started with _Fork() where glibc has it: unlike fork() it
// runs no pthread_atfork handlers, which may take locks (this process is
// itself the child of a multi-threaded fork()).
pid_t fork_without_handlers() {
#if defined(__GLIBC__) && __GLIBC_PREREQ(2, 34)
  return _Fork();
#else
  return fork();
#endif
}

void reap(pid_t pid) {
  while (waitpid(pid, nullptr, 0) < 0 && errno == EINTR) {
  }
}

// Kills and reaps every remaining descendant. Killing a process re-parents
// its own children to us (we are the sub-reaper), so repeat until none.
int sweep(pid_t process_group) {
  int killed = 0;
  for (int round = 0; round < 100'000; ++round) {
    while (waitpid(-1, nullptr, WNOHANG) > 0) {
    }  // strays that already exited are not "left over"
    pid_t batch[256];
    int n = 0;
    const int listed = for_each_child(256, [&](pid_t pid) { batch[n++] = pid; });
    if (listed < 0) {
      // No children file: the process group is the best we can do.
      kill(-process_group, SIGKILL);
      while (waitpid(-1, nullptr, WNOHANG) > 0) {
      }
      return killed;
    }
    if (n == 0) break;
    for (int i = 0; i < n; ++i) kill(batch[i], SIGKILL);
    for (int i = 0; i < n; ++i) reap(batch[i]);
    killed += n;
  }
  return killed;
}

}  // namespace

void supervise(const SpawnPlan& original) noexcept {
  // When the grader thread that started us dies (even by SIGKILL), stop the
  // command like a timeout does: the handler kills its process group, and the
  // sweep below kills what escaped it. Dying outright instead would orphan the
  // command's own children (a compiler's linker, a student's threads' helper
  // processes) to init, where they would keep writing into the next run's
  // build folder.
  prctl(PR_SET_PDEATHSIG, kStopSignal);
  if (getppid() != original.grader_pid) _exit(126);

  // A grader started with stdio closed gets pipes numbered 0..2; the command's
  // dup2() onto 0..2 must not overwrite the report pipe.
  SpawnPlan plan = original;
  if (plan.report_fd >= 0 && plan.report_fd < 3) plan.report_fd = fcntl(plan.report_fd, F_DUPFD_CLOEXEC, 3);

  int keep[] = {plan.stdin_fd, plan.stdout_fd, plan.stderr_fd, plan.report_fd};
  int keep_count = 0;
  for (const int fd : keep) {
    if (fd >= 0) keep[keep_count++] = fd;
  }
  close_all_except(keep, keep_count);

  // Stop signals stay blocked until the command's pid is known to the handler.
  sigset_t handled;
  sigemptyset(&handled);
  for (const int s : kHandledSignals) sigaddset(&handled, s);
  sigprocmask(SIG_SETMASK, &handled, nullptr);
  for (const int s : kHandledSignals) set_disposition(s, stop_command);
  set_disposition(SIGCHLD, SIG_DFL);  // an ignored SIGCHLD would make wait4() fail
  set_disposition(SIGPIPE, SIG_IGN);

  prctl(PR_SET_CHILD_SUBREAPER, 1);
  const pid_t self = getpid();
  const std::int64_t started_at = monotonic_ns();
  const pid_t command = fork_without_handlers();
  if (command == 0) exec_command(plan, self);
  if (command < 0) {
    report_start_failure(plan.report_fd, StartStep::fork, errno);
    _exit(126);
  }
  // The capture pipes belong to the command now: holding them here would
  // delay the grader's end-of-file.
  close(plan.stdout_fd);
  close(plan.stderr_fd);
  if (plan.stdin_fd >= 0) close(plan.stdin_fd);

  g_command_pid = command;
  Report started;
  started.kind = Report::Kind::started;
  started.pid = command;
  send(plan.report_fd, started);
  sigprocmask(SIG_UNBLOCK, &handled, nullptr);

  // Wait without reaping, so the pid cannot be reused while the handler may
  // still signal it; then block the handler and reap with rusage.
  siginfo_t info{};
  while (waitid(P_PID, static_cast<id_t>(command), &info, WEXITED | WNOWAIT) < 0 && errno == EINTR) {
  }
  const std::int64_t ended_at = monotonic_ns();
  sigprocmask(SIG_BLOCK, &handled, nullptr);
  g_command_pid = 0;

  int status = 0;
  rusage usage{};
  while (wait4(command, &status, 0, &usage) < 0 && errno == EINTR) {
  }

  Report finished;
  finished.kind = Report::Kind::finished;
  finished.pid = command;
  finished.wait_status = status;
  finished.leftovers = sweep(command);
  finished.user_ns = to_ns(usage.ru_utime);
  finished.system_ns = to_ns(usage.ru_stime);
  finished.max_rss_kib = usage.ru_maxrss;
  finished.voluntary_switches = usage.ru_nvcsw;
  finished.involuntary_switches = usage.ru_nivcsw;
  finished.wall_ns = ended_at - started_at;
  send(plan.report_fd, finished);
  _exit(0);
}

}  // namespace parlab::grader::sandbox::detail
