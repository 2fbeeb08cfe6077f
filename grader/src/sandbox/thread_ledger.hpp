// What each thread of a run did, from samples of /proc taken while it ran
// (Limits::thread_sample_interval): its CPU time, and the regions of the run
// that new threads begin. A program that starts fresh threads for each
// phase (one image, one batch) is judged phase by phase: the calling
// thread's work in phase 2 is not weighed against a worker of phase 1.
#pragma once

#include <sys/types.h>

#include <cstdint>
#include <map>
#include <vector>

#include "sandbox/proc_tree.hpp"
#include "sandbox/process.hpp"

namespace parlab::grader::sandbox::detail {

class ThreadLedger {
 public:
  // More regions than this (threads started all the time: a thread per
  // item) are one region: the phases are too short to tell apart.
  static constexpr std::size_t kMaxRegions = 32;

  // One look at the threads below `root` (proc_tree.hpp's sample_thread_times).
  void sample(pid_t root, const char* skip_comm);
  // Folds in one look's readings: what sample() does after reading /proc
  // (unit-tested on made-up readings).
  void record(const std::map<pid_t, ThreadTime>& now);

  // Threads in start order (tid), and regions[r][i]: the CPU time thread i
  // used in region r. Switch counts are the caller's (rusage).
  [[nodiscard]] ThreadActivity activity() const;

 private:
  std::map<pid_t, ThreadTime> seen_;
  // The CPU time of every thread seen so far at the start of each region
  // after the first (the first starts at 0).
  std::vector<std::map<pid_t, std::int64_t>> starts_;
  int samples_ = 0;
};

}  // namespace parlab::grader::sandbox::detail
