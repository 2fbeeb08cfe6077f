// Isolation layers for runs of student code, on top of what every run gets
// (process group, sub-reaper sweep, timeout, rlimits, scrubbed environment):
//
//   unprivileged uid  when the grader is root: root ignores RLIMIT_NPROC, and
//                     could write anywhere. Each grader process uses its own
//                     uid (kUidBase + its pid), so concurrent graders of a
//                     batch never share a task budget.
//   bubblewrap        no network, a PID namespace, and a file system that
//                     shows only the system (read-only), the program's build
//                     folder (read-only) and the run's scratch folder: the
//                     kit, its hidden tests and solutions, other students'
//                     work and the user's files are not there at all.
//
// Each layer is probed once (probe_layers) and, when it cannot work on this
// host, left off with a one-line reason that the grader prints.
#pragma once

#include <sys/types.h>

#include <filesystem>
#include <string>
#include <vector>

namespace parlab::grader::sandbox {

struct Layers;

// What a run of untrusted code may see, beyond the system folders.
struct Isolation {
  bool untrusted = false;               // false: a trusted tool (compiler, cmake), run as is
  // The layers to apply (the probed ones: Machine::sandbox). Required when
  // untrusted: run() refuses an untrusted command without them.
  const Layers* layers = nullptr;
  std::vector<std::string> read_only;   // e.g. the build folder holding the program
  std::vector<std::string> writable;    // the run's scratch folder(s)
  // Run the program as the PID namespace's init (bwrap --as-pid-1). Needed
  // where the grader reads the run's CPU time: bubblewrap's own init does
  // not pass its child's CPU time up, so wait4() would see almost none.
  // Off elsewhere: an init ignores signals it sends itself (raise, kill $$).
  bool as_pid_1 = false;
};

struct Layers {
  bool drop_privileges = false;  // run student code as `uid`
  uid_t uid = 0;
  gid_t gid = 0;
  std::string drop_problem;      // why not, when root and it is off

  bool task_limit = false;       // RLIMIT_NPROC is in force (not root, or dropped)

  bool namespaces = false;       // bubblewrap: no network, private file system, PID namespace
  std::string bwrap;             // its path
  std::string namespace_problem; // why not

  // One line: which layers are on, which are off, and why.
  [[nodiscard]] std::string summary() const;
};

// Uids from here up are used for student code when the grader runs as root.
inline constexpr uid_t kUidBase = 0x70000000;

// Probes the layers for this process: can an unprivileged uid reach
// `must_reach` (the work folder), and does bubblewrap start? Runs small
// commands through run(); call it once and pass the result to every
// untrusted command (Isolation::layers).
// use_bubblewrap false leaves that layer off even where it works: every
// defence of the grader must hold without it (GitHub's Ubuntu 24.04 runners
// and most grading containers refuse user namespaces), and the golden tests
// prove that by grading their attack fixtures both ways.
Layers probe_layers(const std::filesystem::path& must_reach, bool use_bubblewrap = true);

// The bubblewrap command line that runs `program_argv` with `isolation`.
std::vector<std::string> bwrap_argv(const std::string& bwrap, const Isolation& isolation,
                                     const std::string& working_dir, const std::vector<std::string>& program_argv);

// Hands the writable folders (recursively) to the unprivileged uid, so the
// run can write its outputs and nothing else. No-op when not dropping.
void prepare_writable(const Layers& layers, const Isolation& isolation);

}  // namespace parlab::grader::sandbox
