#include "batch/child_pool.hpp"

#include <fcntl.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <deque>
#include <fmt/format.h>
#include <thread>

namespace parlab::grader::batch {

namespace {

using Clock = std::chrono::steady_clock;

struct Running {
  const ChildJob* job = nullptr;
  pid_t pid = -1;
  Clock::time_point start;
  bool timed_out = false;
};

// Starts one job; on failure, fills `error` and returns -1.
pid_t spawn(const ChildJob& job, std::string& error) {
  std::error_code ec;
  std::filesystem::create_directories(job.log.parent_path(), ec);
  const int log_fd = ::open(job.log.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (log_fd < 0) {
    error = fmt::format("cannot write {}: {}", job.log.string(), std::strerror(errno));
    return -1;
  }
  // Everything the child needs is prepared before fork().
  std::vector<char*> argv;
  for (const auto& a : job.argv) argv.push_back(const_cast<char*>(a.c_str()));
  argv.push_back(nullptr);
  const pid_t parent = ::getpid();
  const pid_t pid = ::fork();
  if (pid == 0) {
    ::setpgid(0, 0);
    ::prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (::getppid() != parent) ::_exit(127);  // the batch died before prctl()
    ::signal(SIGPIPE, SIG_DFL);  // the batch ignores it; the grader must start as it would alone
    const int null_fd = ::open("/dev/null", O_RDONLY);
    if (null_fd >= 0) ::dup2(null_fd, STDIN_FILENO);
    ::dup2(log_fd, STDOUT_FILENO);
    ::dup2(log_fd, STDERR_FILENO);
    ::execv(argv[0], argv.data());
    const char* why = "batch: could not start the grader\n";
    [[maybe_unused]] const auto n = ::write(STDERR_FILENO, why, std::strlen(why));
    ::_exit(127);
  }
  const int fork_errno = errno;
  ::close(log_fd);
  if (pid < 0) {
    error = fmt::format("fork failed: {}", std::strerror(fork_errno));
    return -1;
  }
  ::setpgid(pid, pid);  // also from here, so a kill right after fork finds the group
  return pid;
}

}  // namespace

std::string ChildOutcome::describe() const {
  if (!spawn_error.empty()) return "could not start: " + spawn_error;
  if (timed_out) return fmt::format("timed out after {:.0f} s", seconds);
  if (term_signal != 0) return fmt::format("killed by signal {} ({})", term_signal, ::strsignal(term_signal));
  return fmt::format("exit {}", exit_code);
}

void run_children(const std::vector<ChildJob>& jobs, int parallel, const ChildHooks& hooks) {
  std::deque<const ChildJob*> pending;
  for (const auto& j : jobs) pending.push_back(&j);
  std::vector<Running> running;
  auto last_tick = Clock::now();
  while (!pending.empty() || !running.empty()) {
    while (!pending.empty() && static_cast<int>(running.size()) < std::max(1, parallel)) {
      const ChildJob* job = pending.front();
      pending.pop_front();
      if (hooks.started) hooks.started(*job);
      std::string error;
      const pid_t pid = spawn(*job, error);
      if (pid < 0) {
        ChildOutcome outcome;
        outcome.spawn_error = error;
        if (hooks.finished) hooks.finished(*job, outcome);
        continue;
      }
      running.push_back({job, pid, Clock::now(), false});
    }
    bool reaped = false;
    for (auto it = running.begin(); it != running.end();) {
      // Peek without reaping: while the zombie exists its pid, and so its
      // process group id, cannot be reused, so the group kill below cannot
      // hit an unrelated process.
      siginfo_t info{};
      const int peeked = ::waitid(P_PID, static_cast<id_t>(it->pid), &info, WEXITED | WNOHANG | WNOWAIT);
      const auto now = Clock::now();
      if (peeked == 0 && info.si_pid == it->pid) {
        ::kill(-it->pid, SIGKILL);  // anything it left in its group
        int status = 0;
        ::waitpid(it->pid, &status, 0);
        ChildOutcome outcome;
        outcome.seconds = std::chrono::duration<double>(now - it->start).count();
        outcome.timed_out = it->timed_out;
        if (WIFEXITED(status)) outcome.exit_code = WEXITSTATUS(status);
        if (WIFSIGNALED(status) && !it->timed_out) outcome.term_signal = WTERMSIG(status);
        const ChildJob& job = *it->job;
        it = running.erase(it);
        reaped = true;
        if (hooks.finished) hooks.finished(job, outcome);
        continue;
      }
      if (!it->timed_out && now - it->start > it->job->timeout) {
        it->timed_out = true;
        ::kill(-it->pid, SIGKILL);  // its sandboxed runs die with it (PR_SET_PDEATHSIG)
      }
      ++it;
    }
    if (hooks.tick && Clock::now() - last_tick >= std::chrono::milliseconds(200)) {
      hooks.tick();
      last_tick = Clock::now();
    }
    if (!reaped) std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
}

}  // namespace parlab::grader::batch
