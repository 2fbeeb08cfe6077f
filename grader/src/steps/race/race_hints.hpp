// Advice for a TSan report. Kept apart from the student's text because it is
// the part course staff tune: the wording and which report gets which advice.
#pragma once

#include <string>

#include "steps/race/tsan_report.hpp"

namespace parlab::grader::race {

// One line of advice a student can act on, chosen from the report kind and the
// location (global / heap / stack).
std::string hint_for(const TsanReport& r);

}  // namespace parlab::grader::race
