// The version-1 result of the GitHub Classroom command-grader action: the
// JSON its `result` output carries (base64-encoded), which the grading
// reporter sums into "Points X/Y". Writing it ourselves, one test per check
// with a fractional score, gives partial credit where the stock action can
// only give all or nothing.
#pragma once

#include <string>
#include <string_view>

#include "core/result.hpp"

namespace parlab::grader::report {

// One runner per exercise (a workflow step per exercise).
std::string to_classroom(const ExerciseResult& exercise);

// One runner for the whole submission (a single workflow step).
std::string to_classroom_all(const GradeReport& report);

// Standard base64 (RFC 4648, with padding, no line breaks): what the
// reporter decodes. Lets the grader write `result=<base64>` to
// $GITHUB_OUTPUT without depending on coreutils.
std::string base64_encode(std::string_view bytes);

}  // namespace parlab::grader::report
