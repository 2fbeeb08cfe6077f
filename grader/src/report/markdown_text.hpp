// Markdown building blocks shared by the Markdown report (GitHub job
// summary) and Gradescope, which renders test output as Markdown too.
// Student-controlled text (messages, diagnostics) is escaped or fenced so it
// can never turn into markup: "<vector>" would otherwise vanish as an HTML tag.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "core/result.hpp"

namespace parlab::grader::report {

// Backslash-escapes CommonMark punctuation; newlines become spaces (for one
// line of a paragraph or a table cell).
std::string markdown_escape(std::string_view text);

// `text` as inline code, with a backtick fence longer than any run inside.
std::string markdown_code(std::string_view text);

// A fenced code block (```text ... ```) whose fence no line inside can close.
std::string markdown_fence(std::string_view text);

// ✅ ❌ 💥 ⚠️ ➖ for pass, fail, error, inconclusive, skipped.
const char* status_emoji(Status s);

// Markdown for one check: message, where, next step, details (at most
// `max_detail_lines` lines, say so when cut) and speedup figures.
std::string check_markdown(const ExerciseResult& exercise, const Check& check, std::size_t max_detail_lines);

}  // namespace parlab::grader::report
