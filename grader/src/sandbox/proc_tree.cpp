#include "sandbox/proc_tree.hpp"

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
