// Step 1, stage: build a scratch tree from the KIT's files plus only the
// files the manifest says a student may edit. A student's edits to tests,
// headers or CMake files never reach the build.
#pragma once

#include <optional>
#include <string>

#include "core/result.hpp"
#include "core/workspace.hpp"
#include "sandbox/isolation.hpp"

namespace parlab::grader::steps {

struct StageOutcome {
  bool ok = false;
  std::string message;  // why staging failed, saying what to do
  std::optional<Location> location;
  std::string missing_file;  // a student file that is not there ("04_monte_carlo_pi/monte_carlo_pi.cpp")
};

// Largest student file accepted: generous for source code, small enough that
// nobody stages a data dump.
inline constexpr std::uintmax_t kMaxStudentFileBytes = 1U << 20;

// Files are only rewritten when their content changed, so the incremental
// builds that follow recompile only what the student changed.
StageOutcome stage(const Workspace& ws, const sandbox::Layers& layers);

}  // namespace parlab::grader::steps
