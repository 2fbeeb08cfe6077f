// Where one exercise of one submission is staged, built and run, and how the
// grader names those files back to the student.
//
//   <work>/<id>/src/<id>/        kit files + the student's files (PARLAB_EXERCISES_DIR)
//   <work>/<id>/build-release/   optimised build: tests and timing
//   <work>/<id>/build-tsan/      clang + ThreadSanitizer build: the race check
//   <work>/<id>/run/             scratch directory of every child process
//   <work>/<id>/results/         report files the grader reads back
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

#include "core/manifest.hpp"

namespace parlab::grader {

struct Workspace {
  const Manifest* manifest = nullptr;
  std::filesystem::path kit_root;        // the kit: CMakeLists.txt, cmake/, kit/
  std::filesystem::path submission_dir;  // the submission's folder for this exercise (DIR/<id>)
  std::filesystem::path root;            // <work>/<id>
  bool hidden = false;                   // hidden tests staged and run

  [[nodiscard]] std::filesystem::path src_root() const { return root / "src"; }
  [[nodiscard]] std::filesystem::path staged() const { return src_root() / manifest->id; }
  [[nodiscard]] std::filesystem::path build_dir(std::string_view config) const {
    return root / ("build-" + std::string(config));
  }
  [[nodiscard]] std::filesystem::path bin(std::string_view config, std::string_view program) const {
    return build_dir(config) / "bin" / manifest->id / "exercise" / std::string(program);
  }
  [[nodiscard]] std::filesystem::path run_dir() const { return root / "run"; }
  [[nodiscard]] std::filesystem::path results_dir() const { return root / "results"; }

  // True when a path (absolute, staged, or as a compiler printed it) is one of
  // the student's files.
  [[nodiscard]] bool is_student_file(std::string_view path) const;
  // Maps a staged path to what the student should open: their own file for
  // student files, the kit's file otherwise; relative to the current
  // directory when below it. Other paths come back unchanged.
  [[nodiscard]] std::string display(std::string_view path) const;
};

}  // namespace parlab::grader
