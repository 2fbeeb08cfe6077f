// Sanitizer evasion: student code must not switch off or steer the
// ThreadSanitizer that judges it. Checked on the preprocessed source (so a
// macro cannot assemble a forbidden name unseen) and on the symbols the
// student's object file defines (so no spelling trick hides a hook).
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace parlab::grader::build {

struct EvasionFinding {
  std::string what;  // "defines __tsan_default_options", "no_sanitize attribute", ...
  std::string file;  // as the preprocessor named it
  int line = 0;      // 0 for symbol findings
};

// Scans `clang++ -E` output, looking only at lines that come from files for
// which is_student_file is true (line markers say which file a line is from).
std::vector<EvasionFinding> scan_preprocessed(std::string_view preprocessed,
                                              const std::function<bool(std::string_view)>& is_student_file);

// Scans `nm --defined-only` output of the student's object file for
// sanitizer hooks (__tsan_*, __sanitizer_*, __asan_*, __msan_*, __ubsan_*).
std::vector<EvasionFinding> scan_symbols(std::string_view nm_output);

}  // namespace parlab::grader::build
