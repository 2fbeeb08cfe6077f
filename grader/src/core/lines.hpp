// Splitting and trimming text, shared by every parser and report.
#pragma once

#include <string>
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

// Quotes a word for sh and bash: 'it'\''s'; a word of only safe characters
// comes back as it is. Every path that goes into a `sh -c` command line goes
// through it: a student's folder name becomes part of the work folder's.
std::string shell_quote(const std::string& word);

// Whether a path holds a character that a compile command line cannot carry
// as CMake writes it ($, `, ', ", \ or a newline): CMake's compile_commands.json
// escapes $ for ninja, not for sh, so such a path would turn into shell
// syntax in the build step's `sh -c` (a student's folder named
// "x$(touch pwned)" in a batch), and it leaves a ' unquoted in object paths,
// which breaks the build itself. The kit's path must not hold one.
bool shell_unsafe_path(std::string_view path);

// Whether a work folder's path is plain: letters, digits and . _ - + = @ /
// only. Besides the above, ThreadSanitizer's options (log_path) end at a
// space, a comma or a colon, so the race check needs this much. The grader
// refuses other work folders and never makes one (file_name_for).
bool plain_path(std::string_view path);

// A folder name from any name: letters, digits and . _ - + kept, anything
// else becomes '_', and a hash of the original is appended when anything
// changed, so "a b" and "a_b" never share a folder.
std::string file_name_for(const std::string& name);

}  // namespace parlab::grader
