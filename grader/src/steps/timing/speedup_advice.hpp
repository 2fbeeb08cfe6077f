// What a student should do about a speedup below the bar. A low speedup has
// different causes with different cures; the figures of the timed runs (CPU
// time / wall time, threads alive) tell them apart.
#pragma once

#include <string>

#include "core/result.hpp"

namespace parlab::grader::steps {

// The speedup check's next step for a failed or errored check.
std::string speedup_next_step(const Check& check);

}  // namespace parlab::grader::steps
