// For the sandbox tests that need a dropped uid (they run as root, as the
// grader does): the uid a grader with this pid would drop to, another user's,
// and a way to run code as one of them in a child process.
#pragma once

#include <grp.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <functional>
#include <string>

#include "sandbox/isolation.hpp"

namespace parlab::grader::sandbox::testing {

// The uid a grader with this pid would drop to: nothing else owns files as it.
inline uid_t test_uid() { return kUidBase + static_cast<uid_t>(getpid()); }
// Another user's: below kUidBase, so that it is never another test process's
// test_uid() (ctest runs them side by side, with neighbouring pids).
inline uid_t other_uid() { return kUidBase - 1 - static_cast<uid_t>(getpid()); }

// Runs `body` in a child that has dropped to `uid` with no groups, as the
// sandbox's supervisor does before exec; returns the child's complaints ("" when
// all went well). The child uses no GoogleTest assertion: it only reports.
inline std::string as_user(uid_t uid, const std::function<std::string()>& body) {
  int fds[2];
  if (pipe(fds) != 0) return std::string("pipe: ") + std::strerror(errno);
  const pid_t pid = fork();
  if (pid < 0) return std::string("fork: ") + std::strerror(errno);
  if (pid == 0) {
    close(fds[0]);
    std::string complaints;
    if (setgroups(0, nullptr) != 0 || setresgid(uid, uid, uid) != 0 || setresuid(uid, uid, uid) != 0) {
      complaints = std::string("could not drop privileges: ") + std::strerror(errno);
    } else {
      complaints = body();
    }
    std::size_t done = 0;
    while (done < complaints.size()) {
      const ssize_t n = write(fds[1], complaints.data() + done, complaints.size() - done);
      if (n <= 0) break;
      done += static_cast<std::size_t>(n);
    }
    _exit(0);
  }
  close(fds[1]);
  std::string out;
  char buffer[4096];
  for (ssize_t n; (n = read(fds[0], buffer, sizeof buffer)) > 0;) out.append(buffer, static_cast<std::size_t>(n));
  close(fds[0]);
  int status = 0;
  waitpid(pid, &status, 0);
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) out += "\nthe child did not exit normally";
  return out;
}

}  // namespace parlab::grader::sandbox::testing
