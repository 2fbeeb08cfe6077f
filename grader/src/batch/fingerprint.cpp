#include "batch/fingerprint.hpp"

#include <cstdint>
#include <fmt/format.h>
#include <system_error>

#include "core/content_hash.hpp"
#include "core/files.hpp"

namespace parlab::grader::batch {

namespace fs = std::filesystem;

namespace {

std::string trim(std::string s) {
  while (!s.empty() && (s.back() == '\n' || s.back() == '\r' || s.back() == ' ')) s.pop_back();
  return s;
}

bool is_commit_id(const std::string& s) {
  return (s.size() == 40 || s.size() == 64) && s.find_first_not_of("0123456789abcdef") == std::string::npos;
}

// The .git folder of a clone, or of a worktree/submodule whose .git is a file
// saying "gitdir: <path>".
fs::path git_dir_of(const fs::path& repo) {
  const fs::path dot_git = repo / ".git";
  std::error_code ec;
  if (fs::is_directory(dot_git, ec)) return dot_git;
  if (!fs::is_regular_file(dot_git, ec)) return {};
  const std::string text = trim(read_file(dot_git, 4096).value_or(""));
  if (text.rfind("gitdir: ", 0) != 0) return {};
  fs::path target = text.substr(8);
  return target.is_absolute() ? target : repo / target;
}

// A ref's commit: its loose file, else its line in packed-refs.
std::string resolve_ref(const fs::path& git_dir, const std::string& ref) {
  if (auto loose = read_file(git_dir / ref, 4096)) return trim(*loose);
  // A worktree keeps its refs in the main repository ("commondir").
  fs::path common = git_dir;
  if (auto dir = read_file(git_dir / "commondir", 4096)) {
    const fs::path c = trim(*dir);
    common = c.is_absolute() ? c : git_dir / c;
    if (auto loose = read_file(common / ref, 4096)) return trim(*loose);
  }
  const std::string packed = read_file(common / "packed-refs").value_or("");
  std::size_t pos = 0;
  while (pos < packed.size()) {
    const std::size_t end = std::min(packed.find('\n', pos), packed.size());
    const std::string line = packed.substr(pos, end - pos);
    if (line.size() > 41 && line.substr(41) == ref) return line.substr(0, 40);
    pos = end + 1;
  }
  return {};
}

}  // namespace

std::string git_head(const fs::path& repo) {
  const fs::path git_dir = git_dir_of(repo);
  if (git_dir.empty()) return {};
  const std::string head = trim(read_file(git_dir / "HEAD", 4096).value_or(""));
  if (is_commit_id(head)) return head;  // detached HEAD
  if (head.rfind("ref: ", 0) != 0) return {};
  const std::string commit = resolve_ref(git_dir, head.substr(5));
  return is_commit_id(commit) ? commit : std::string{};
}

std::string hash_student_files(const fs::path& exercises_dir, const std::vector<Manifest>& exercises) {
  ContentHash hash;
  for (const Manifest& m : exercises) {
    for (const std::string& file : m.student_files) {
      const std::string relative = m.id + "/" + file;
      hash.add(relative);
      const auto bytes = read_file(exercises_dir / relative);
      hash.add(bytes ? "present" : "missing");
      if (bytes) hash.add(*bytes);
    }
  }
  return hash.hex();
}

std::string what_changed(const Fingerprint& before, const Fingerprint& now) {
  if (before.settings != now.settings) return "the batch settings or the kit changed";
  if (before.commit != now.commit) return "the commit changed";
  if (before.files != now.files) return "the files changed";
  return {};
}

}  // namespace parlab::grader::batch
