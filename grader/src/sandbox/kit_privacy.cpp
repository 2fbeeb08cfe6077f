// Making the kit's secret folders private (kit_privacy.hpp says why and which).
//
// Each path is walked from a descriptor of the kit, one component at a time,
// with O_NOFOLLOW and fstatat(AT_SYMLINK_NOFOLLOW), and changed with fchmod
// on the folder's own descriptor: a link anywhere on the way is reported,
// never followed, so nothing outside the kit is ever changed.
#include "sandbox/kit_privacy.hpp"
#include "sandbox/unique_fd.hpp"

#include <dirent.h>
#include <fcntl.h>
#include <fnmatch.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <set>
#include <string_view>
#include <system_error>
#include <utility>

namespace parlab::grader::sandbox {
namespace {

namespace fs = std::filesystem;

constexpr int kDirFlags = O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC;

std::string errno_text(int error_number) { return std::system_category().message(error_number); }

// The secret folders, as paths of glob components (fnmatch, with FNM_PERIOD:
// a '*' matches no name starting with a dot), in the order the summary names
// them.
const std::vector<std::vector<std::string>>& secret_patterns() {
  static const std::vector<std::vector<std::string>> patterns = {
      {"solutions"},
      {"exercises", "*", "hidden"},
      {".git"},
      {"grader", "tests"},
      {"tests"},
      // Not .parlab/kit-build: its reference programs run under the dropped
      // uid; steps/reference/kit_build.cpp keeps the rest of it private.
      {"build*", "bin", "*", "solution"},       // build/bin/<exercise>/solution
      {"build*", "*", "bin", "*", "solution"},  // build/<preset>/bin/<exercise>/solution (CMakePresets.json)
  };
  return patterns;
}

bool has_wildcard(const std::string& component) { return component.find_first_of("*?[") != std::string::npos; }

// Names in an open folder ("." and ".." left out).
std::vector<std::string> names_in(int dir_fd) {
  std::vector<std::string> names;
  const int copy = fcntl(dir_fd, F_DUPFD_CLOEXEC, 0);
  if (copy < 0) return names;
  DIR* dir = fdopendir(copy);
  if (dir == nullptr) {
    close(copy);
    return names;
  }
  rewinddir(dir);
  while (const dirent* entry = readdir(dir)) {
    const std::string_view name = entry->d_name;
    if (name != "." && name != "..") names.emplace_back(name);
  }
  closedir(dir);
  return names;
}

class Privatiser {
 public:
  explicit Privatiser(PrivacyReport& report) : report_(report) {}

  void walk(int dir_fd, const std::string& rel, const std::vector<std::string>& pattern, std::size_t index) {
    const std::string& component = pattern[index];
    const bool wildcard = has_wildcard(component);
    const bool last = index + 1 == pattern.size();
    std::vector<std::string> names;
    if (wildcard) {
      for (auto& name : names_in(dir_fd)) {
        if (fnmatch(component.c_str(), name.c_str(), FNM_PERIOD) == 0) names.push_back(std::move(name));
      }
    } else {
      names.push_back(component);
    }
    for (const auto& name : names) {
      const std::string path = rel.empty() ? name : rel + "/" + name;
      struct stat st {};
      if (fstatat(dir_fd, name.c_str(), &st, AT_SYMLINK_NOFOLLOW) != 0) {
        if (errno != ENOENT) problem(path, errno_text(errno));
        continue;
      }
      if (S_ISLNK(st.st_mode)) {
        // Only worth a word when it leads to a folder (a look, not a change).
        struct stat target {};
        if (fstatat(dir_fd, name.c_str(), &target, 0) == 0 && S_ISDIR(target.st_mode)) {
          problem(path, "a symbolic link: not followed, so what it leads to stays as it is");
        }
        continue;
      }
      if (!S_ISDIR(st.st_mode)) {
        if (last && !wildcard && name == ".git") {
          problem(path, "a file, not a folder (a worktree's or a submodule's pointer): the repository it names "
                        "is not changed");
        }
        continue;
      }
      if (last) {
        apply(dir_fd, name, path);
        continue;
      }
      const UniqueFd child(openat(dir_fd, name.c_str(), kDirFlags));
      if (!child.valid()) {
        problem(path, errno_text(errno));
        continue;
      }
      walk(child.get(), path, pattern, index + 1);
    }
  }

 private:
  // Once each: a link named build-x is met by both build* patterns.
  void problem(const std::string& path, const std::string& why) {
    std::string line = path + "/: " + why;
    if (std::find(report_.problems.begin(), report_.problems.end(), line) == report_.problems.end()) {
      report_.problems.push_back(std::move(line));
    }
  }

  void apply(int parent_fd, const std::string& name, const std::string& path) {
    const UniqueFd fd(openat(parent_fd, name.c_str(), kDirFlags));
    struct stat st {};
    if (!fd.valid() || fstat(fd.get(), &st) != 0) {
      problem(path, errno_text(errno));
      return;
    }
    if (!seen_.insert({st.st_dev, st.st_ino}).second) return;
    if ((st.st_mode & S_IRWXO) == 0) {
      report_.already_private.push_back(path + "/");
      return;
    }
    if (fchmod(fd.get(), (st.st_mode & 07777) & ~static_cast<mode_t>(S_IRWXO)) != 0) {
      problem(path, errno_text(errno));
      return;
    }
    report_.changed.push_back(path + "/");
  }

  PrivacyReport& report_;
  std::set<std::pair<dev_t, ino_t>> seen_;
};

bool is_hidden_folder(const std::string& rel) {
  return rel.rfind("exercises/", 0) == 0 && rel.size() > 8 && rel.compare(rel.size() - 8, 8, "/hidden/") == 0;
}
bool is_solution_programs(const std::string& rel) {
  return rel.rfind("build", 0) == 0 && rel.size() > 10 && rel.compare(rel.size() - 10, 10, "/solution/") == 0;
}

// "solutions/, 6 hidden/ folders, .git/": the hidden/ and solution program
// folders counted rather than listed, when there are several.
std::string describe(const std::vector<std::string>& paths) {
  std::vector<std::string> parts;
  // A group takes the place of its first member.
  struct Group {
    const char* what;
    std::size_t slot = 0;
    std::vector<std::string> members;
  };
  Group hidden{"hidden/ folders", 0, {}};
  Group programs{"solution program folders", 0, {}};
  for (const auto& p : paths) {
    Group* group = is_hidden_folder(p) ? &hidden : is_solution_programs(p) ? &programs : nullptr;
    if (group == nullptr) {
      parts.push_back(p);
      continue;
    }
    if (group->members.empty()) {
      group->slot = parts.size();
      parts.emplace_back();
    }
    group->members.push_back(p);
  }
  for (Group* group : {&hidden, &programs}) {
    if (group->members.empty()) continue;
    parts[group->slot] = group->members.size() == 1 ? group->members.front()
                                                    : std::to_string(group->members.size()) + " " + group->what;
  }
  std::string line;
  for (const auto& part : parts) line += (line.empty() ? "" : ", ") + part;
  return line;
}

}  // namespace

std::string PrivacyReport::summary() const {
  if (!applied) {
    return problems.empty() ? std::string("kit secrets left readable to other users: the grader is not root, so "
                                          "student code runs as this user (only bubblewrap hides the kit)")
                            : "kit secrets left as they are: " + problems.front();
  }
  const std::string to = kit_owner == 0 ? std::string("root") : "uid " + std::to_string(kit_owner) + ", its group and root";
  std::string line;
  if (!changed.empty()) {
    line = "made private to " + to + ": " + describe(changed);
    if (!already_private.empty()) line += "; already private: " + describe(already_private);
  } else if (!already_private.empty()) {
    line = "kit secrets already private to " + to + ": " + describe(already_private);
  } else {
    line = "no kit secrets found to make private";
  }
  for (const auto& p : problems) line += "; left readable: " + p;
  return line;
}

PrivacyReport make_kit_secrets_private(const fs::path& kit_root) {
  PrivacyReport report;
  if (geteuid() != 0) return report;
  // The kit's own path may go through links (a checkout under a linked
  // home): it is the caller's. Below it, nothing is followed.
  const UniqueFd kit(open(kit_root.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  struct stat st {};
  if (!kit.valid() || fstat(kit.get(), &st) != 0) {
    report.problems.push_back(kit_root.string() + ": " + errno_text(errno));
    return report;
  }
  report.applied = true;
  report.kit_owner = st.st_uid;
  Privatiser privatiser(report);
  for (const auto& pattern : secret_patterns()) privatiser.walk(kit.get(), "", pattern, 0);
  return report;
}

void make_private_to(const fs::path& dir, uid_t owner, gid_t group, mode_t mode) {
  const auto fail = [&](const char* what) {
    throw fs::filesystem_error(what, dir, std::error_code(errno, std::system_category()));
  };
  // O_NOFOLLOW: a link in dir's place fails (ELOOP) rather than giving its
  // target away; O_DIRECTORY: so does anything but a folder.
  const UniqueFd fd(open(dir.c_str(), kDirFlags));
  if (!fd.valid()) fail("cannot open the folder to give away (it must be a folder, not a link)");
  // Owner first: chown may clear the set-id bits that the mode then sets.
  if (fchown(fd.get(), owner, group) != 0) fail("cannot change the folder's owner");
  if (fchmod(fd.get(), mode) != 0) fail("cannot change the folder's mode");
}

}  // namespace parlab::grader::sandbox
