// Runs the per-student graders: separate processes of the grader itself, at
// most `parallel` at once, each with its own process group, its output in a
// log file and a wall-clock timeout. A crash or hang in one student's grade
// costs that student a row marked "error", never the batch.
//
// Everything runs on the calling thread (fork, then poll with waitpid), so
// PR_SET_PDEATHSIG, which fires when the forking *thread* ends, ties each
// child to the batch's lifetime: if the batch is killed, its graders die too
// and nothing keeps writing into the output folder.
#pragma once

#include <chrono>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

namespace parlab::grader::batch {

struct ChildJob {
  std::string name;                // the student
  std::vector<std::string> argv;   // argv[0]: the program, an absolute path
  std::filesystem::path log;       // standard output and error go here (truncated first)
  std::chrono::seconds timeout{3600};
};

struct ChildOutcome {
  int exit_code = -1;        // when it exited
  int term_signal = 0;       // when a signal killed it
  bool timed_out = false;    // killed at the timeout
  std::string spawn_error;   // it could not be started
  double seconds = 0;
  [[nodiscard]] bool ok() const { return spawn_error.empty() && !timed_out && term_signal == 0 && exit_code == 0; }
  // "exit 2", "killed by signal 9", "timed out after 3600 s", "could not start: ..."
  [[nodiscard]] std::string describe() const;
};

struct ChildHooks {
  std::function<void(const ChildJob&)> started;
  std::function<void(const ChildJob&, const ChildOutcome&)> finished;
  std::function<void()> tick;  // about 5 times a second, for a progress display
};

// Runs every job to completion, at most `parallel` at once, in order.
void run_children(const std::vector<ChildJob>& jobs, int parallel, const ChildHooks& hooks);

}  // namespace parlab::grader::batch
