// Step 6, score: an exercise's points split across its checks (policy in
// docs/grading-policy.md):
//   build    0     a gate: nothing else scores without it
//   tests    w_t   in proportion to the tests that pass (public + hidden)
//   race     w_r   only when every test passes too: an empty or wrong
//                  program is trivially race-free
//   speedup  w_s   only on pass; inconclusive earns nothing, but does not
//                  fail the exercise
// The weights come from the manifest ("scoring"), 0.5 / 0.25 / 0.25 by default.
#pragma once

#include "core/manifest.hpp"
#include "core/result.hpp"

namespace parlab::grader::steps {

// Reads the checks alone (the tests check's counts included), so a report
// read back from JSON scores the same.
void score(ExerciseResult& result, const Manifest& manifest);

}  // namespace parlab::grader::steps
