// Step 2, build: configure and compile the staged exercise twice, an
// optimised release build (tests, timing) and a clang ThreadSanitizer build
// (race check), with the kit's own CMake. A compile error becomes an `error`
// verdict located at the student's file:line; the grader moves on.
#pragma once

#include "core/machine.hpp"
#include "core/result.hpp"
#include "core/workspace.hpp"

namespace parlab::grader::steps {

// Builds both configurations. Returns the "build" check.
Check build(const Workspace& ws, const Machine& machine);

}  // namespace parlab::grader::steps
