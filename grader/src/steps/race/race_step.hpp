// Step 4, race: run the test programs of the ThreadSanitizer build, then the
// student's TSan-built timer on fresh inputs (the judge's code path, which
// no test program can route around), and map every report to the student's
// file:line, with both accesses, the threads involved and one hint. Trusted
// only after the canary proved TSan works.
#pragma once

#include <cstdint>
#include <string>

#include "steps/machine.hpp"
#include "core/result.hpp"
#include "core/workspace.hpp"

namespace parlab::grader::steps {

// seed: where the fresh inputs of the timed runs under TSan come from.
Check check_races(const Workspace& ws, const Machine& machine, std::uint64_t seed);

// The next step for a race check that did not pass: none for a race (its
// message carries the hint for that report), else how to see the crash.
std::string race_next_step(const Check& check);

}  // namespace parlab::grader::steps
