// How many cores this process may really use. hardware_concurrency() ignores
// affinity (taskset) and container CPU quotas; a speedup threshold built on it
// fails correct code on a restricted machine.
#pragma once

#include <optional>
#include <string>

namespace parlab::grader::platform {

struct CoreCount {
  int usable = 1;               // min(affinity, ceil(cgroup quota / period)), at least 1
  int affinity = 1;             // CPUs in sched_getaffinity
  std::optional<double> quota;  // cgroup CPU quota in cores, when one is set
  int hardware = 1;             // std::thread::hardware_concurrency()
  std::string explain() const;  // "2 usable (affinity 2, no cgroup quota, 2 online)"
};

CoreCount usable_cores();

// Parses a cgroup v2 "cpu.max" line ("max 100000" or "150000 100000").
std::optional<double> parse_cpu_max(const std::string& text);
// Parses cgroup v1 cpu.cfs_quota_us / cpu.cfs_period_us contents.
std::optional<double> parse_cfs_quota(const std::string& quota_us, const std::string& period_us);
// Combines the parts by the rule above.
int combine_usable(int affinity, std::optional<double> quota);

}  // namespace parlab::grader::platform
