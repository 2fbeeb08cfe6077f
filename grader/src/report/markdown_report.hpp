// The report a student reads: the total, a table of checks per exercise,
// then what went wrong and what to do. Also written to $GITHUB_STEP_SUMMARY.
#pragma once

#include <string>

#include "core/result.hpp"

namespace parlab::grader::report {

std::string to_markdown(const GradeReport& report);

}  // namespace parlab::grader::report
