// What a student should do about a speedup below the bar. A low speedup has
// different causes with different cures; what each thread did in the timed
// runs (steps/timing/thread_use.hpp) tells them apart.
#pragma once

#include <string>

#include "core/result.hpp"

namespace parlab::grader::steps {

// The speedup check's next step for a failed or errored check.
std::string speedup_next_step(const Check& check);

// The words for one diagnosis, with its numbers and the lesson that teaches
// the fix: `threads` given, `cores` usable, `peak_threads` seen alive at once.
std::string diagnosis_advice(const ThreadUse& u, int threads, int cores, int peak_threads);

}  // namespace parlab::grader::steps
