// The text a student reads for one TSan report: the raw report is a 60-line
// stack dump full of library frames and addresses, so this keeps only the
// lines of their own code and the facts that locate the bug.
#pragma once

#include <functional>
#include <string>
#include <string_view>

#include "steps/race/tsan_report.hpp"

namespace parlab::grader::race {

// Short text for a student (at most 12 lines): the kind, each access as
// "Write of size 8: file:line (function) by thread T2", the location, the
// threads involved. Every path goes through display_path, which maps the
// grader's scratch paths back to the student's own.
std::string summarize(const TsanReport& r, const std::function<std::string(std::string_view)>& display_path);

}  // namespace parlab::grader::race
