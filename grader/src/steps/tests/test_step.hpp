// Step 3, tests: run the GoogleTest programs of the release build and read
// their verdicts from the JSON report GoogleTest writes, never from stdout.
// Every test the kit's own build lists must have run: a test program that
// exits early (exit(0) inside a test, a crash) or filters tests away cannot
// pass by skipping them. Then the judge (judge.hpp): fresh inputs, answers
// checked outside the student's process, which a forged report cannot fake.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "steps/machine.hpp"
#include "core/result.hpp"
#include "core/workspace.hpp"
#include "sandbox/process.hpp"
#include "steps/reference/kit_build.hpp"

namespace parlab::grader::steps {

// Runs the public tests, then the hidden ones when the workspace has them,
// then the judge's cases (drawn from judge_seed).
//
// The check's `tests` counts the tests that ran and passed, the tests expected
// to run (public + hidden) and the judge's cases, and whether a test program
// hit its timeout (later runs of the same tests would too).
Check run_tests(const Workspace& ws, const Machine& machine, const KitBuild& kit, std::uint64_t judge_seed);

// The next step for a tests check that did not pass and set none.
std::string tests_next_step(const Check& check);



}  // namespace parlab::grader::steps
