// Step 4, race: run the test programs of the ThreadSanitizer build and map
// every report to the student's file:line, with both accesses, the threads
// involved and one hint. Trusted only after the canary proved TSan works.
#pragma once

#include "core/machine.hpp"
#include "core/result.hpp"
#include "core/workspace.hpp"

namespace parlab::grader::steps {

Check check_races(const Workspace& ws, const Machine& machine);

}  // namespace parlab::grader::steps
