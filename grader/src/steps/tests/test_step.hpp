// Step 3, tests: run the GoogleTest programs of the release build and read
// their verdicts from the JSON report GoogleTest writes, never from stdout.
// Every test the program lists must have run: a test program that exits
// early (exit(0) inside a test, a crash) cannot pass by skipping tests.
#pragma once

#include <string>
#include <vector>

#include "core/machine.hpp"
#include "core/result.hpp"
#include "core/workspace.hpp"
#include "sandbox/process.hpp"

namespace parlab::grader::steps {

struct TestOutcome {
  Check check;     // the "tests" check (score filled in by the score step)
  int passed = 0;  // tests that ran and passed
  int total = 0;   // tests expected to run (public + hidden)
  bool hung = false;  // a test program hit its timeout: later runs of the same tests would too
};

// Runs the public tests, then the hidden ones when the workspace has them.
TestOutcome run_tests(const Workspace& ws, const Machine& machine);

// The sandbox settings every test program of this exercise runs with.
sandbox::Command test_command(const Workspace& ws, std::vector<std::string> argv, int timeout_s);

}  // namespace parlab::grader::steps
