// What a student sees at the end of a local grading run: one row per
// exercise, then one located line per problem with what to do next.
#pragma once

#include <cstdio>
#include <string>

#include "core/result.hpp"

namespace parlab::grader::report {

// `color`: ANSI colours and Unicode symbols (✓ ✗ ! ? –); without it, plain
// ASCII (ok FAIL ERROR ? -) for logs and terminals that cannot show them.
void print_table(const GradeReport& report, std::FILE* out, bool color);

// The same text as a string (what print_table writes).
std::string format_table(const GradeReport& report, bool color);

}  // namespace parlab::grader::report
