// Reading compiler and linker output (gcc 12, clang 14, GNU ld; also as
// printed by a CMake + Ninja build) so a failed build can be reported as "the
// first error is at sum.cpp:8:10: 'combine' was not declared" rather than as
// 200 lines of template noise.
//
// parse_diagnostics() is total: anything it does not recognise is skipped,
// and it never throws. ANSI colour codes are removed first, so output from
// -fdiagnostics-color=always reads the same as plain output.
#pragma once

#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace parlab::grader::build {

struct Diagnostic {
  std::string file;      // as printed; "" for the driver/linker ("clang: error: linker command failed")
  int line = 0;          // 0 when unknown (e.g. "main.cpp:(.text+0x51): undefined reference")
  int column = 0;        // 0 when unknown
  std::string severity;  // "error", "warning", "fatal error" or "note"
  std::string message;
  // The lines printed under it: source excerpt, caret, fix-it (at most a few
  // lines). For a linker error: the linker's "in function `main':" line.
  std::string context;
};

// Every diagnostic in order. Besides "file:line:col: severity: message" this
// reads:
//  - gcc's "file:line:col:   required from here" (instantiation context) as a note;
//  - the linker's "file:line: undefined reference to `x'" and "multiple
//    definition of `x'" (also "obj.cpp:(.text+0x51): ...", line 0) as errors;
//  - "/usr/bin/ld: ..." lines other than "in function" as errors, "ld: warning:" as warnings;
//  - driver lines ("clang: error: linker command failed ...", "collect2: error: ld
//    returned 1 exit status") as errors with an empty file.
// Ninja/CMake lines ("FAILED: ...", the command line, "[2/3] Building ...") are skipped.
std::vector<Diagnostic> parse_diagnostics(std::string_view compiler_output);

// The first `max` diagnostics whose severity is "error" or "fatal error", in
// order. A diagnostic identical to an earlier one (same file, line, column,
// message: a header's error seen once per translation unit) is counted once.
std::vector<Diagnostic> first_errors(const std::vector<Diagnostic>& diagnostics, std::size_t max);

// For an error inside a header the student did not write (a library template
// instantiated from their code), the note that names the student's line: gcc
// prints "required from here" notes just BEFORE the error, clang prints "in
// instantiation of ... requested here" notes just AFTER it. `index` is the
// error's position in `diagnostics`; nullopt when no such note names a file
// that satisfies is_student_file.
std::optional<Diagnostic> student_origin(const std::vector<Diagnostic>& diagnostics, std::size_t index,
                                         const std::function<bool(std::string_view)>& is_student_file);

}  // namespace parlab::grader::build
