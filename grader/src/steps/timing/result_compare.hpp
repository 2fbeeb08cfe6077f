// Compares what a timed run returned with what the kit's baseline returned.
// The timed code is the tested code: a submission whose timed run gives a
// different answer gets no speedup credit, however fast it is.
#pragma once

#include <string_view>

namespace parlab::grader::timing {

// Token by token (whitespace-separated). Integer tokens must match exactly;
// decimal tokens (with '.', 'e', "inf" or "nan") within relative_tolerance.
bool results_agree(std::string_view expected, std::string_view actual, double relative_tolerance);

}  // namespace parlab::grader::timing
