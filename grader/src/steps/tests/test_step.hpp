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

#include "core/machine.hpp"
#include "core/result.hpp"
#include "core/workspace.hpp"
#include "sandbox/process.hpp"
#include "steps/reference/kit_build.hpp"

namespace parlab::grader::steps {

struct TestOutcome {
  Check check;     // the "tests" check (score filled in by the score step)
  int passed = 0;  // tests that ran and passed
  int total = 0;   // tests expected to run (public + hidden) and judge cases
  bool hung = false;  // a test program hit its timeout: later runs of the same tests would too
};

// Runs the public tests, then the hidden ones when the workspace has them,
// then the judge's cases (drawn from judge_seed).
TestOutcome run_tests(const Workspace& ws, const Machine& machine, const KitBuild& kit, std::uint64_t judge_seed);

// The GoogleTest flags every graded run of a test program gets: all tests,
// once, in order, the JSON report written to `report`.
std::vector<std::string> graded_gtest_flags(const std::filesystem::path& report);

// The sandbox settings every test program of this exercise runs with, in
// its own fresh scratch folder.
sandbox::Command test_command(const Workspace& ws, std::vector<std::string> argv, int timeout_s,
                              const std::filesystem::path& scratch);

}  // namespace parlab::grader::steps
