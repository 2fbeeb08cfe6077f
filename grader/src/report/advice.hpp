// How a speedup verdict was reached, and what each check does. Every human-readable format (terminal,
// Markdown, Gradescope, annotations) uses the same words, so a student sees
// the same advice wherever they read their grade.
#pragma once

#include <string>

#include "core/result.hpp"

namespace parlab::grader::report {

// What the check does, in one line ("runs the tests under ThreadSanitizer").
// (A check's next step is its own: Check::next_step, chosen by its step.)
std::string check_description(CheckId id);

// "1.21× measured, 1.50× required": the verdict's two numbers.
std::string speedup_verdict(const SpeedupFigures& f, bool unicode = true);

// Several lines: how the required speedup was derived and what was measured.
std::string speedup_explanation(const SpeedupFigures& f, bool unicode = true);

// "03_race_counter/race_counter.cpp:17" or, with no location, the exercise id.
std::string where(const ExerciseResult& exercise, const Check& check);

}  // namespace parlab::grader::report
