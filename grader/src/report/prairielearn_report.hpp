// PrairieLearn's external-grader results (/grade/results/results.json):
// `score` in [0, 1], a message and the plain-text table as `output`, and one
// test per check, named "<exercise id> · <check>", with its points. The
// question shows them with its <pl-external-grader-results> element.
#pragma once

#include <cstddef>
#include <string>

#include "core/result.hpp"

namespace parlab::grader::report {

// PrairieLearn refuses a results file over 1 MB (1024 × 1024 bytes); the
// writer stays below this, cutting test outputs as much as needed.
inline constexpr std::size_t kPrairieLearnMaxBytes = 1000 * 1000;

// `gradable` is false when no exercise could be built (each build is an
// error: it does not compile, files are missing): like PrairieLearn's own C
// grader, a submission that cannot run costs the student no attempt.
std::string to_prairielearn(const GradeReport& report, std::size_t max_bytes = kPrairieLearnMaxBytes);

}  // namespace parlab::grader::report
