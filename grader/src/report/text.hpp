// Text helpers shared by every output format. Check details are raw output
// of compilers, test programs and TSan: they may hold colour escapes, invalid
// UTF-8 or thousands of lines, and each format must still stay valid (XML,
// JSON) and readable. Cleaning it once here keeps the formats consistent.
#pragma once

#include "core/lines.hpp"
#include "core/numbers.hpp"

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"

namespace parlab::grader::report {

// format_points, format_speedup (core/numbers.hpp).
using grader::format_points;
using grader::format_speedup;

// "7.5/10" with format_points on both sides.
std::string format_score(double score, double max_score);

// "1 line", "3 lines": a count with its noun, for notes such as "12 more lines".
std::string plural(std::size_t n, std::string_view noun);

// Replaces every invalid UTF-8 sequence (a student program may print any
// bytes) with U+FFFD, so JSON and XML writers never fail on it.
std::string valid_utf8(std::string_view text);

// Removes ANSI escape sequences (colour codes from compilers or gtest).
std::string strip_ansi(std::string_view text);

// strip_ansi + valid_utf8 + CRLF -> LF: what every non-terminal format shows.
std::string clean_text(std::string_view text);

// Lines of `text` without their '\n' (core/lines.hpp).
using grader::split_lines;

// The start of `text`: at most `max_lines` lines and about `max_bytes` bytes
// (never cutting a UTF-8 character). `dropped_lines` receives how many lines
// were left out (a partly kept line counts as dropped).
std::string head_lines(std::string_view text, std::size_t max_lines, std::size_t max_bytes,
                       std::size_t* dropped_lines = nullptr);

// Columns `text` takes in a terminal: code points, ANSI escapes excluded.
// (Every symbol the reports use is one column wide.)
std::size_t display_width(std::string_view text);

// Status symbol for terminals and plain logs: ✓ ✗ ! ? – when unicode,
// ok FAIL ERROR ? - otherwise.
const char* status_symbol(Status s, bool unicode);

// The ANSI colour sequence a status is shown in ("" for none).
const char* status_color(Status s);

// Wraps `text` in the colour of `s` when `color` is on.
std::string colorize(std::string_view text, Status s, bool color);

}  // namespace parlab::grader::report
