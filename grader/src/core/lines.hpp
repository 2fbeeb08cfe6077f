// Splitting and trimming text, shared by every parser and report.
#pragma once

#include <string_view>
#include <vector>

namespace parlab::grader {

// The lines of `text` without their '\n' (and a trailing '\r'); a trailing
// newline adds no empty line. The views point into `text`.
std::vector<std::string_view> split_lines(std::string_view text);

inline bool starts_with(std::string_view s, std::string_view prefix) { return s.starts_with(prefix); }
inline bool ends_with(std::string_view s, std::string_view suffix) { return s.ends_with(suffix); }
inline bool contains(std::string_view s, std::string_view part) { return s.find(part) != std::string_view::npos; }

// Without leading blanks and trailing blanks or '\r'.
inline std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

}  // namespace parlab::grader
