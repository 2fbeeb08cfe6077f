// Runs the kit's timer programs (timer_contract.hpp) for every step that
// needs one: the speedup check, the tests check's judge, the race check and
// `grade scale`. Each run is a fresh sandboxed process with a fresh scratch
// folder, timed from outside (wall clock of the sandbox, CPU time from the
// kernel): nothing the student's code does in-process can forge either.
//
// Which program runs which variant is decided here, not by the caller:
// baseline and calibrate run the kit's reference program (no student code
// in it, built once per kit: steps/reference/kit_build.hpp); student runs
// the submission's timer.
#pragma once

#include <chrono>
#include <filesystem>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "core/workspace.hpp"
#include "sandbox/process.hpp"
#include "steps/timer/timer_contract.hpp"

namespace parlab::grader::steps {

struct TimerSample {
  bool ok = false;
  bool timed_out = false;
  std::string problem;   // why the run is unusable, for a message
  std::string result;    // the result tokens it wrote
  double wall_ms = 0;    // the sandbox's clock, spawn to reap
  double cpu_ms = 0;     // the kernel's account of the run's CPU time
  int peak_threads = 0;  // most threads alive at once
  int exit_code = -1;
  sandbox::ThreadActivity threads;  // per-thread CPU (TimerRunnerOptions::sample_threads)
};

struct TimerRunnerOptions {
  std::string student_config = "release";  // "tsan": the race check's instrumented timer
  int timeout_s = 30;
  // Sample each thread's CPU time while the program runs (every 10 ms), for
  // the diagnosis of a low speedup (steps/timing/thread_use.hpp).
  bool sample_threads = false;
  std::vector<std::string> launcher;       // e.g. setarch -R for TSan
  // Extra variables for a student run, given its scratch folder (TSAN_OPTIONS's log path).
  std::function<std::map<std::string, std::string>(const std::filesystem::path&)> env_for;
  // Called after a student run, before its scratch folder is removed (the race
  // check reads TSan's logs there).
  std::function<void(const std::filesystem::path&, const sandbox::Result&)> inspect;
};

class TimerRunner {
 public:
  // `layers`: the sandbox layers of every run (Machine::sandbox).
  TimerRunner(const Workspace& ws, const sandbox::Layers& layers, std::filesystem::path reference_program,
              TimerRunnerOptions options = {});
  TimerSample run(const timer::Request& request);
  // A shorter wall-clock limit for student runs than options.timeout_s (the
  // speedup check stops a run that is many times slower than the baseline).
  void limit_student_runs(std::chrono::milliseconds limit) { student_limit_ = limit; }

 private:
  const Workspace& ws_;
  const sandbox::Layers& layers_;
  std::filesystem::path reference_;
  TimerRunnerOptions options_;
  std::chrono::milliseconds student_limit_{0};  // 0: options_.timeout_s
};

}  // namespace parlab::grader::steps
