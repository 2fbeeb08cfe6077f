// Splitting text into lines, shared by every parser and report.
#pragma once

#include <string_view>
#include <vector>

namespace parlab::grader {

// The lines of `text` without their '\n' (and a trailing '\r'); a trailing
// newline adds no empty line. The views point into `text`.
std::vector<std::string_view> split_lines(std::string_view text);

}  // namespace parlab::grader
