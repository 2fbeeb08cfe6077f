// Step 2, build: configure and compile the staged exercise twice, an
// optimised release build (tests, timing) and a clang ThreadSanitizer build
// (race check), with the kit's own CMake. Only the student's files compile:
// the kit's objects of the exercise (tests, kit sources, workload, timer
// main) come from the kit build, compiled once per kit with the same
// compiler and flags (steps/reference/kit_build.hpp). A compile error becomes
// an `error` verdict located at the student's file:line; the grader moves on.
#pragma once

#include <string>

#include "steps/machine.hpp"
#include "core/result.hpp"
#include "core/workspace.hpp"
#include "steps/reference/kit_build.hpp"

namespace parlab::grader::steps {

// Builds both configurations. Returns the "build" check.
Check build(const Workspace& ws, const Machine& machine, const KitBuild& kit);

// Only the release build of the exercise's `timer` program, in the same
// build folder as build() (a scaling curve after a grade only relinks).
// No ThreadSanitizer build and no evasion scan: nothing is graded from it.
Check build_release_timer(const Workspace& ws, const Machine& machine, const KitBuild& kit);

// The next step for a build that failed where the build set none (a link
// error sets its own).
std::string build_next_step(const Check& check);

}  // namespace parlab::grader::steps
