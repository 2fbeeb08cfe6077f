#include "sandbox/thread_ledger.hpp"

#include <algorithm>
#include <chrono>

namespace parlab::grader::sandbox::detail {

void ThreadLedger::sample(pid_t root, const char* skip_comm) {
  std::map<pid_t, ThreadTime> now;
  sample_thread_times(root, skip_comm, now);
  record(now);
}

void ThreadLedger::record(const std::map<pid_t, ThreadTime>& now) {
  const bool new_threads =
      std::any_of(now.begin(), now.end(), [&](const auto& entry) { return seen_.count(entry.first) == 0; });
  // Threads that appear after the first look begin a region. Their own time
  // so far is the new region's; everyone else's so far is the old one's.
  if (samples_ > 0 && new_threads) {
    std::map<pid_t, std::int64_t> start;
    for (const auto& [tid, t] : seen_) {
      const auto current = now.find(tid);
      start[tid] = current != now.end() ? std::max(t.cpu_ns, current->second.cpu_ns) : t.cpu_ns;
    }
    starts_.push_back(std::move(start));
  }
  for (const auto& [tid, t] : now) {
    ThreadTime& kept = seen_[tid];
    kept.cpu_ns = std::max(kept.cpu_ns, t.cpu_ns);
    kept.run_delay_ns = std::max(kept.run_delay_ns, t.run_delay_ns);
    kept.timeslices = std::max(kept.timeslices, t.timeslices);
  }
  ++samples_;
}

ThreadActivity ThreadLedger::activity() const {
  ThreadActivity a;
  a.samples = samples_;
  for (const auto& [tid, t] : seen_) {
    a.threads.push_back(
        {tid, std::chrono::nanoseconds(t.cpu_ns), std::chrono::nanoseconds(t.run_delay_ns), t.timeslices});
  }
  if (seen_.empty()) return a;
  // Region r runs from starts_[r - 1] (0 for r = 0) to starts_[r] (the end
  // for the last): a thread's time in it is the difference of the two.
  const std::size_t regions = starts_.size() + 1 <= kMaxRegions ? starts_.size() + 1 : 1;
  const auto at = [&](std::size_t boundary, pid_t tid) -> std::int64_t {  // boundary 0 = start, `regions` = end
    if (boundary == 0) return 0;
    if (boundary == regions) return seen_.at(tid).cpu_ns;
    const auto& start = starts_[boundary - 1];
    const auto found = start.find(tid);
    return found != start.end() ? found->second : 0;
  };
  for (std::size_t r = 0; r < regions; ++r) {
    std::vector<std::chrono::nanoseconds> used;
    for (const auto& [tid, t] : seen_) {
      used.emplace_back(std::max<std::int64_t>(0, at(r + 1, tid) - at(r, tid)));
    }
    a.regions.push_back(std::move(used));
  }
  return a;
}

}  // namespace parlab::grader::sandbox::detail
