// Step 2, build: compile the staged exercise twice, at once, an optimised
// release build (tests, timing) and a clang ThreadSanitizer build (race
// check). The first submission graded against a kit build is configured by
// the kit's own CMake; the others run the recipe that build left
// (steps/build/build_recipe.hpp), without a configure. Only the student's files compile:
// the kit's objects of the exercise (tests, kit sources, workload, timer
// main) come from the kit build, compiled once per kit with the same
// compiler and flags (steps/reference/kit_build.hpp). A compile error becomes
// an `error` verdict located at the student's file:line; the grader moves on.
#pragma once

#include <filesystem>
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

// Leaves the recipes of both configurations beside the kit build (when not
// there yet), so that even the first submission graded against it runs
// no configure: the kit's own stub files are staged in a folder of the kit
// build and configured, and ninja lists the commands; nothing compiles.
// Returns "" or what went wrong (a later grade then configures with CMake).
std::string prepare_recipes(const std::filesystem::path& kit_root, const Machine& machine, const KitBuild& kit,
                            const Manifest& manifest);

// The next step for a build that failed where the build set none (a link
// error sets its own).
std::string build_next_step(const Check& check);

}  // namespace parlab::grader::steps
