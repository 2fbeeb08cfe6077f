#include "sandbox/proc_tree.hpp"

#include <unistd.h>

#include <cctype>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>
#include <string>

namespace parlab::grader::sandbox::detail {
namespace {

namespace fs = std::filesystem;

fs::path proc_dir(pid_t pid) { return fs::path("/proc") / std::to_string(pid); }

bool is_number(const std::string& name) {
  if (name.empty()) return false;
  for (const char c : name) {
    if (std::isdigit(static_cast<unsigned char>(c)) == 0) return false;
  }
  return true;
}

// The numeric value after `key` in a /proc/PID/status file, e.g. "VmRSS:".
std::optional<std::uint64_t> status_field(const fs::path& status_file, const std::string& key) {
  std::ifstream in(status_file);
  std::string line;
  while (std::getline(in, line)) {
    if (line.compare(0, key.size(), key) != 0) continue;
    std::istringstream fields(line.substr(key.size()));
    std::uint64_t value = 0;
    if (fields >> value) return value;
    return std::nullopt;
  }
  return std::nullopt;
}

}  // namespace

std::vector<pid_t> children_of(pid_t pid) {
  std::vector<pid_t> children;
  std::error_code ec;
  for (fs::directory_iterator task(proc_dir(pid) / "task", ec), end; !ec && task != end; task.increment(ec)) {
    std::ifstream in(task->path() / "children");
    pid_t child = 0;
    while (in >> child) children.push_back(child);
  }
  return children;
}

std::vector<pid_t> descendants_of(pid_t pid) {
  std::vector<pid_t> found = children_of(pid);
  for (std::size_t i = 0; i < found.size(); ++i) {  // breadth first; `found` grows as we go
    const auto grandchildren = children_of(found[i]);
    found.insert(found.end(), grandchildren.begin(), grandchildren.end());
  }
  return found;
}

std::uint64_t resident_bytes(pid_t pid) {
  return status_field(proc_dir(pid) / "status", "VmRSS:").value_or(0) * 1024;  // reported in kB
}

TreeSample sample_tree(pid_t pid, const char* skip_comm) {
  TreeSample sample;
  for (const pid_t p : descendants_of(pid)) {
    sample.resident_bytes += resident_bytes(p);
    std::ifstream comm(proc_dir(p) / "comm");
    std::string name;
    std::getline(comm, name);
    if (skip_comm != nullptr && *skip_comm != '\0' && name == skip_comm) continue;
    sample.threads += static_cast<int>(status_field(proc_dir(p) / "status", "Threads:").value_or(0));
  }
  return sample;
}

namespace {

// /proc/PID/task/TID/schedstat: "run_ns wait_ns timeslices".
std::optional<ThreadTime> schedstat_of(const fs::path& task) {
  std::ifstream in(task / "schedstat");
  ThreadTime t;
  if (in >> t.cpu_ns >> t.run_delay_ns >> t.timeslices) return t;
  return std::nullopt;
}

// /proc/PID/task/TID/stat: fields 14 and 15 (utime, stime) in clock ticks,
// counted after the ")" that ends the command name (which may hold spaces).
std::optional<ThreadTime> stat_ticks_of(const fs::path& task) {
  std::ifstream in(task / "stat");
  std::string line;
  if (!std::getline(in, line)) return std::nullopt;
  const auto close = line.rfind(')');
  if (close == std::string::npos) return std::nullopt;
  std::istringstream fields(line.substr(close + 1));
  std::string skip;
  for (int field = 3; field <= 13; ++field) fields >> skip;
  std::int64_t utime = 0;
  std::int64_t stime = 0;
  if (!(fields >> utime >> stime)) return std::nullopt;
  static const long ticks_per_s = sysconf(_SC_CLK_TCK);
  ThreadTime t;
  t.cpu_ns = (utime + stime) * (1'000'000'000 / (ticks_per_s > 0 ? ticks_per_s : 100));
  return t;
}

}  // namespace

void sample_thread_times(pid_t pid, const char* skip_comm, std::map<pid_t, ThreadTime>& now) {
  for (const pid_t p : descendants_of(pid)) {
    if (skip_comm != nullptr && *skip_comm != '\0') {
      std::ifstream comm(proc_dir(p) / "comm");
      std::string name;
      std::getline(comm, name);
      if (name == skip_comm) continue;
    }
    std::error_code ec;
    for (fs::directory_iterator task(proc_dir(p) / "task", ec), end; !ec && task != end; task.increment(ec)) {
      const std::string name = task->path().filename().string();
      if (!is_number(name)) continue;
      auto t = schedstat_of(task->path());
      if (!t) t = stat_ticks_of(task->path());
      if (!t) continue;  // gone between the listing and the read
      now[static_cast<pid_t>(std::stol(name))] = *t;
    }
  }
}

std::uint64_t tasks_of_user(uid_t uid) {
  std::uint64_t tasks = 0;
  std::error_code ec;
  for (fs::directory_iterator entry("/proc", ec), end; !ec && entry != end; entry.increment(ec)) {
    if (!is_number(entry->path().filename().string())) continue;
    const fs::path status = entry->path() / "status";
    // "Uid:\treal\teffective\tsaved\tfs": RLIMIT_NPROC counts by real uid.
    if (status_field(status, "Uid:") != std::optional<std::uint64_t>(uid)) continue;
    tasks += status_field(status, "Threads:").value_or(1);
  }
  return tasks;
}

}  // namespace parlab::grader::sandbox::detail
