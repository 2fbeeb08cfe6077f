// The kit's own programs, built once per kit and exercise (never per
// submission) and kept under <kit>/.parlab/kit-build/<id>-<key>, where <key>
// hashes every input of that build: the kit's CMake, kit/, the exercise's
// folder WITHOUT its student files, the compiler's identity, the graded flags
// and the CPU (the flags include -march=native). A stale build can therefore
// never be used: a changed input is a new key, and so a new folder. One
// build per exercise, so that grading two exercises of a fresh kit builds
// two, and editing one exercise rebuilds only its own programs.
//
// Per exercise (cmake/ParlabExercise.cmake, PARLAB_KIT_BUILD):
//   bin/<id>/kit/reference      the sequential baseline and the calibration
//                               kernel, with no student file linked in
//   bin/<id>/kit/public_tests   the tests, linked without the student's code:
//   bin/<id>/kit/hidden_tests   only listed, giving the names every
//                               submission's programs must run
//   kit-objects/                the kit's half of every submission's programs,
//                               compiled once: tests, kit sources, workload,
//                               timer main; a second build (tsan_dir) makes
//                               the same under ThreadSanitizer
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "steps/machine.hpp"
#include "core/manifest.hpp"
#include "core/workspace.hpp"

namespace parlab::grader::steps {

struct KitBuild {
  std::filesystem::path dir;       // the release build: reference, listings, kit objects
  std::filesystem::path tsan_dir;  // the ThreadSanitizer build: kit objects only
  bool ok = false;
  std::string problem;  // why the kit's programs could not be built
  std::string details;  // the build's output, when it failed
  [[nodiscard]] std::filesystem::path program(const Manifest& m, std::string_view name) const {
    return dir / "bin" / m.id / "kit" / std::string(name);
  }
  [[nodiscard]] std::filesystem::path reference(const Manifest& m) const { return program(m, "reference"); }
};

// The cache key: a hash of everything the exercise's kit build reads (see above).
std::string kit_build_key(const std::filesystem::path& kit_root, const Machine& machine, const Manifest& exercise);

// Finds or builds the kit build of this exercise. Concurrent graders (a batch,
// parallel golden tests) serialise on a lock file; the first builds, the
// others reuse.
KitBuild ensure_kit_build(const std::filesystem::path& kit_root, const Machine& machine, const Manifest& exercise);

// Proves that the reference program of `ws`'s exercise holds none of the
// student's code: no object compiled from a student file among its link
// inputs (build.ninja, and the members of the archives it links), and none
// of the symbols the student's object files define in its symbol table.
// Returns "" when that holds, else what was found.
std::string reference_holds_student_code(const KitBuild& kit, const Workspace& ws);

}  // namespace parlab::grader::steps
