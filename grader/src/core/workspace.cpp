#include "core/workspace.hpp"

#include <algorithm>

namespace parlab::grader {

namespace {

namespace fs = std::filesystem;

// The part of `path` below the staged exercise folder, or "" if it is not there.
std::string staged_relative(const fs::path& staged, std::string_view path) {
  const std::string p(path);
  const std::string prefix = staged.string() + "/";
  if (p.rfind(prefix, 0) == 0) return p.substr(prefix.size());
  return {};
}

std::string relative_to_cwd(const fs::path& p) {
  std::error_code ec;
  const fs::path cwd = fs::current_path(ec);
  if (!ec) {
    const fs::path rel = p.lexically_relative(cwd);
    if (!rel.empty() && *rel.begin() != "..") return rel.string();
  }
  return p.string();
}

}  // namespace

bool Workspace::is_student_file(std::string_view path) const {
  std::string rel = staged_relative(staged(), path);
  if (rel.empty()) rel = staged_relative(fs::weakly_canonical(staged()), path);
  if (rel.empty()) {
    // Compilers and TSan sometimes print only a file name; accept an exact
    // match on a student file's name when the path is not absolute.
    const fs::path p(path);
    if (p.is_absolute()) return false;
    rel = p.string();
  }
  const auto& files = manifest->student_files;
  return std::find(files.begin(), files.end(), rel) != files.end();
}

std::string Workspace::display(std::string_view path) const {
  std::string rel = staged_relative(staged(), path);
  if (rel.empty()) rel = staged_relative(fs::weakly_canonical(staged()), path);
  if (rel.empty()) {
    // The kit's own objects (tests, baseline) are compiled once from the
    // kit's folder, not from the staged copy (steps/reference/kit_build.hpp).
    const std::string kit_rel = staged_relative(fs::weakly_canonical(manifest->dir), path);
    return kit_rel.empty() ? std::string(path) : relative_to_cwd(manifest->dir / kit_rel);
  }
  const auto& files = manifest->student_files;
  const bool student = std::find(files.begin(), files.end(), rel) != files.end();
  return relative_to_cwd((student ? submission_dir : manifest->dir) / rel);
}

}  // namespace parlab::grader
