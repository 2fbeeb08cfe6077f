// What a student's grade depends on, so a re-run can skip students whose
// grade cannot have changed: the commit (when the folder is a git clone), the
// bytes of the files the grader reads (the manifests' student_files), and the
// batch settings (kit version, exercises, speedup on or off).
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "core/manifest.hpp"

namespace parlab::grader::batch {

struct Fingerprint {
  std::string commit;    // git HEAD, or "" when the folder is not a git clone
  std::string files;     // hash of the student files of the selected exercises
  std::string settings;  // what the batch was asked to grade, and with which kit
  bool operator==(const Fingerprint&) const = default;
};

// The commit checked out in `repo` (its .git folder, or a .git file pointing
// to one), read from the files git writes; "" when there is none. Needs no
// git program.
std::string git_head(const std::filesystem::path& repo);

// A stable hash (FNV-1a, hex) over each exercise's student files: their
// relative path and bytes, or a "missing" mark. Any change to a graded file
// changes it; files the grader does not read do not.
std::string hash_student_files(const std::filesystem::path& exercises_dir, const std::vector<Manifest>& exercises);

// Why a re-run must grade again ("files changed", "commit changed", ...), or
// "" when nothing that matters changed.
std::string what_changed(const Fingerprint& before, const Fingerprint& now);

}  // namespace parlab::grader::batch
