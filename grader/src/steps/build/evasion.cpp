#include "steps/build/evasion.hpp"

#include <array>
#include <cctype>
#include <charconv>

#include "core/lines.hpp"

namespace parlab::grader::build {

namespace {

struct Pattern {
  std::string_view needle;
  std::string_view what;
};

// Names and attributes that change what ThreadSanitizer sees or reports.
constexpr std::array kSourcePatterns = {
    Pattern{"__tsan_", "uses a ThreadSanitizer hook (__tsan_*)"},
    Pattern{"__sanitizer_", "uses a sanitizer hook (__sanitizer_*)"},
    Pattern{"no_sanitize", "switches instrumentation off (no_sanitize attribute)"},
    Pattern{"disable_sanitizer_instrumentation", "switches instrumentation off (disable_sanitizer_instrumentation)"},
    Pattern{"TSAN_OPTIONS", "sets TSAN_OPTIONS from code"},
    Pattern{"TSAN_SYMBOLIZER", "steers ThreadSanitizer from code (TSAN_SYMBOLIZER*)"},
    Pattern{"__attribute__((optnone", "hides code from the compiler's instrumentation (optnone)"},
};

constexpr std::array<std::string_view, 5> kHookPrefixes = {"__tsan_", "__sanitizer_", "__asan_", "__msan_", "__ubsan_"};

// A GNU line marker: `# 12 "path/file.cpp" 2`. Returns the file and line.
bool parse_marker(std::string_view line, std::string& file, int& number) {
  if (line.size() < 4 || line[0] != '#' || line[1] != ' ') return false;
  const char* begin = line.data() + 2;
  const char* end = line.data() + line.size();
  const auto [after, ec] = std::from_chars(begin, end, number);
  if (ec != std::errc{}) return false;
  const auto open = line.find('"', static_cast<std::size_t>(after - line.data()));
  const auto close = line.rfind('"');
  if (open == std::string_view::npos || close <= open) return false;
  file = std::string(line.substr(open + 1, close - open - 1));
  return true;
}

}  // namespace

std::vector<EvasionFinding> scan_preprocessed(std::string_view preprocessed,
                                              const std::function<bool(std::string_view)>& is_student_file) {
  std::vector<EvasionFinding> found;
  std::string file;
  int line = 0;
  bool student = false;
  for (const std::string_view text : split_lines(preprocessed)) {
    std::string marker_file;
    int marker_line = 0;
    if (parse_marker(text, marker_file, marker_line)) {
      file = marker_file;
      line = marker_line;
      student = is_student_file(file);
      continue;
    }
    if (student) {
      for (const Pattern& p : kSourcePatterns) {
        const auto at = text.find(p.needle);
        if (at == std::string_view::npos) continue;
        std::string what(p.what);
        if (p.needle.back() == '_') {  // a hook prefix: name the whole identifier
          auto end = at;
          while (end < text.size() && (std::isalnum(static_cast<unsigned char>(text[end])) != 0 || text[end] == '_')) {
            ++end;
          }
          what = "uses " + std::string(text.substr(at, end - at)) + ", a sanitizer hook";
        }
        found.push_back({what, file, line});
      }
    }
    ++line;
  }
  return found;
}

std::vector<EvasionFinding> scan_symbols(std::string_view nm_output) {
  std::vector<EvasionFinding> found;
  for (const std::string_view text : split_lines(nm_output)) {
    // "0000000000000000 T __tsan_default_options": the name is the last field.
    const auto space = text.rfind(' ');
    const std::string_view name = space == std::string_view::npos ? text : text.substr(space + 1);
    for (const std::string_view prefix : kHookPrefixes) {
      if (name.substr(0, prefix.size()) == prefix) {
        found.push_back({"defines " + std::string(name), "", 0});
        break;
      }
    }
  }
  return found;
}

}  // namespace parlab::grader::build
