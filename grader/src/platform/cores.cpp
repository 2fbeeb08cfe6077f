#include "platform/cores.hpp"

#include <sched.h>

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>
#include <vector>

#include <fmt/format.h>

namespace parlab::grader::platform {
namespace {

namespace fs = std::filesystem;

std::optional<long long> parse_integer(const std::string& text) {
  std::istringstream in(text);
  long long value = 0;
  if (!(in >> value)) return std::nullopt;
  std::string rest;
  if (in >> rest) return std::nullopt;  // trailing garbage: not a number we understand
  return value;
}

std::string read_small_file(const fs::path& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// A mounted cgroup hierarchy: where it is mounted, and which cgroup path its
// root is (not "/" when a container bind-mounts only its own cgroup).
struct CgroupMount {
  std::string root;
  fs::path mount_point;
};

struct CgroupMounts {
  std::optional<CgroupMount> v2;
  std::optional<CgroupMount> v1_cpu;
};

bool has_token(const std::string& comma_list, const std::string& token) {
  std::istringstream in(comma_list);
  std::string item;
  while (std::getline(in, item, ',')) {
    if (item == token) return true;
  }
  return false;
}

// /proc/self/mountinfo: "id parent maj:min root mount_point opts ... - fstype source super_opts".
CgroupMounts find_cgroup_mounts() {
  CgroupMounts found;
  std::ifstream in("/proc/self/mountinfo");
  std::string line;
  while (std::getline(in, line)) {
    std::istringstream fields(line);
    std::string id, parent, dev, root, mount_point, word;
    fields >> id >> parent >> dev >> root >> mount_point;
    while (fields >> word && word != "-") {
    }
    std::string fstype, source, super_options;
    fields >> fstype >> source >> super_options;
    if (fstype == "cgroup2" && !found.v2) {
      found.v2 = CgroupMount{root, mount_point};
    } else if (fstype == "cgroup" && !found.v1_cpu && has_token(super_options, "cpu")) {
      found.v1_cpu = CgroupMount{root, mount_point};
    }
  }
  return found;
}

struct OwnCgroups {
  std::optional<std::string> v2;      // "0::/path"
  std::optional<std::string> v1_cpu;  // "N:cpu,cpuacct:/path"
};

OwnCgroups find_own_cgroups() {
  OwnCgroups own;
  std::ifstream in("/proc/self/cgroup");
  std::string line;
  while (std::getline(in, line)) {
    const auto first = line.find(':');
    const auto second = line.find(':', first + 1);
    if (first == std::string::npos || second == std::string::npos) continue;
    const std::string controllers = line.substr(first + 1, second - first - 1);
    const std::string path = line.substr(second + 1);
    if (controllers.empty() && line.compare(0, first, "0") == 0) {
      own.v2 = path;
    } else if (has_token(controllers, "cpu")) {
      own.v1_cpu = path;
    }
  }
  return own;
}

// The directory of our cgroup inside a mount. Inside a container the path in
// /proc/self/cgroup may lie outside what is mounted; the mount point itself
// is then the best guess.
fs::path cgroup_dir(const CgroupMount& mount, const std::string& path) {
  std::string relative;
  if (mount.root == "/") {
    relative = path;
  } else if (path.compare(0, mount.root.size(), mount.root) == 0) {
    relative = path.substr(mount.root.size());
  }
  fs::path dir = mount.mount_point;
  if (!relative.empty() && relative != "/") dir += relative;
  std::error_code ec;
  return fs::is_directory(dir, ec) ? dir : mount.mount_point;
}

// A quota on any ancestor limits us too, so walk up to the mount point and
// keep the smallest.
template <typename ReadQuota>
std::optional<double> smallest_quota_up_to_mount(fs::path dir, const fs::path& mount_point, ReadQuota read_quota) {
  std::optional<double> smallest;
  for (;;) {
    if (const auto quota = read_quota(dir); quota && (!smallest || *quota < *smallest)) smallest = quota;
    if (dir == mount_point || !dir.has_parent_path() || dir.parent_path() == dir) break;
    dir = dir.parent_path();
  }
  return smallest;
}

std::optional<double> cgroup_quota() {
  const CgroupMounts mounts = find_cgroup_mounts();
  const OwnCgroups own = find_own_cgroups();
  std::optional<double> quota;
  const auto keep_smaller = [&quota](std::optional<double> q) {
    if (q && (!quota || *q < *quota)) quota = q;
  };
  if (mounts.v2 && own.v2) {
    keep_smaller(smallest_quota_up_to_mount(cgroup_dir(*mounts.v2, *own.v2), mounts.v2->mount_point,
                                            [](const fs::path& dir) { return parse_cpu_max(read_small_file(dir / "cpu.max")); }));
  }
  if (mounts.v1_cpu && own.v1_cpu) {
    keep_smaller(smallest_quota_up_to_mount(cgroup_dir(*mounts.v1_cpu, *own.v1_cpu), mounts.v1_cpu->mount_point,
                                            [](const fs::path& dir) {
                                              return parse_cfs_quota(read_small_file(dir / "cpu.cfs_quota_us"),
                                                                     read_small_file(dir / "cpu.cfs_period_us"));
                                            }));
  }
  return quota;
}

int affinity_count() {
  // CPU_ALLOC sizes the mask for machines with more than CPU_SETSIZE CPUs.
  for (int max_cpus = 1024; max_cpus <= (1 << 20); max_cpus *= 2) {
    cpu_set_t* set = CPU_ALLOC(static_cast<std::size_t>(max_cpus));
    if (set == nullptr) return 1;
    const std::size_t size = CPU_ALLOC_SIZE(static_cast<std::size_t>(max_cpus));
    CPU_ZERO_S(size, set);
    if (sched_getaffinity(0, size, set) == 0) {
      const int count = CPU_COUNT_S(size, set);
      CPU_FREE(set);
      return std::max(count, 1);
    }
    const bool too_small = errno == EINVAL;
    CPU_FREE(set);
    if (!too_small) break;
  }
  return std::max(static_cast<int>(std::thread::hardware_concurrency()), 1);
}

}  // namespace

std::optional<double> parse_cpu_max(const std::string& text) {
  std::istringstream in(text);
  std::string quota, period;
  if (!(in >> quota >> period) || quota == "max") return std::nullopt;
  const auto q = parse_integer(quota);
  const auto p = parse_integer(period);
  if (!q || !p || *q <= 0 || *p <= 0) return std::nullopt;
  return static_cast<double>(*q) / static_cast<double>(*p);
}

std::optional<double> parse_cfs_quota(const std::string& quota_us, const std::string& period_us) {
  const auto q = parse_integer(quota_us);
  const auto p = parse_integer(period_us);
  if (!q || !p || *q <= 0 || *p <= 0) return std::nullopt;  // -1 = no quota
  return static_cast<double>(*q) / static_cast<double>(*p);
}

int combine_usable(int affinity, std::optional<double> quota) {
  int usable = std::max(affinity, 1);
  // A quota of 1.5 cores still lets two threads run at once, so round up.
  if (quota && *quota > 0) usable = std::min(usable, std::max(1, static_cast<int>(std::ceil(*quota))));
  return usable;
}

CoreCount usable_cores() {
  CoreCount c;
  c.affinity = affinity_count();
  c.quota = cgroup_quota();
  c.hardware = std::max(static_cast<int>(std::thread::hardware_concurrency()), 1);
  c.usable = combine_usable(c.affinity, c.quota);
  return c;
}

std::string CoreCount::explain() const {
  const std::string quota_text = quota ? fmt::format("cgroup quota {:.2f} cores", *quota) : "no cgroup quota";
  return fmt::format("{} usable (affinity {}, {}, {} online)", usable, affinity, quota_text, hardware);
}

}  // namespace parlab::grader::platform
