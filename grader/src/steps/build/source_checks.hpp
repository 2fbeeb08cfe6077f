// Source checks against a student who has read the grader: what the student's
// files really include, whether they preprocess to the same tokens with and
// without ThreadSanitizer, whether they test the compiler configuration, and
// whether they reach for calls that inspect or leave the sandbox.
//
// Everything here is a pure function of text the build step captured
// (`clang++ -E` output, the raw student file, `nm` output); only
// first_forbidden_include looks at the file system, to resolve symlinks the
// way the compiler's open() did.
//
// The preprocessed output is read through its GNU line markers
// (`# N "file" flags`). A line is attributed to the file that the include
// stack (flags 1 and 2) says it is physically in, not to the name a `#line`
// directive gave it, and lines inside a multi-line raw string literal are
// never taken for markers. A student can still write a GNU line marker
// (`# 1 "/usr/include/c++/12/vector" 1 3`) into the source, which clang
// copies to its output unchanged: line_directives() finds those in the raw
// source, and must be run on every student file for the other checks to hold.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace parlab::grader::build {

// Is this file (as a line marker names it) one of the student's? The checks
// also try the name lexically normalised ("dir/./x.hpp" -> "dir/x.hpp"), so
// a student header included by an odd spelling is still the student's.
using StudentFileTest = std::function<bool(std::string_view)>;

// One finding, for a message "file:line: what".
struct Finding {
  std::string what;  // "tests __clang__", "calls dlsym", "uses inline assembly (asm)"
  std::string file;  // as the preprocessor named it; "" for raw-source and symbol findings
  int line = 0;      // 1-based; 0 for symbol findings
};

// ---- 1. Includes actually made ---------------------------------------------

struct Inclusion {
  std::string file;       // as the line marker names it ("/k/include/parlab/../x.hpp")
  std::string from_file;  // the including file, as its own entry marker named it
  int from_line = 0;      // the line of the #include in from_file (of its header name,
                          // when a backslash-newline splits the directive)
  bool direct = false;    // from_file is a student file
};

// Every file entered (marker flag 1), in order, except the pseudo files
// "<built-in>" and "<command line>". A header skipped by its include guard
// or #pragma once is not entered and so not listed.
std::vector<Inclusion> inclusions(std::string_view preprocessed, const StudentFileTest& is_student_file);

struct IncludePolicy {
  // The C++ standard library's and the compiler's builtin include dirs
  // (/usr/include/c++/12, /usr/include/x86_64-linux-gnu/c++/12,
  // /usr/lib/llvm-14/lib/clang/14.0.6/include): anything below them is allowed.
  // Not /usr/include itself, which holds every installed library.
  std::vector<std::string> system_dirs;
  // Libraries the exercises may use: kit/include/parlab, /usr/include/tbb, /usr/include/oneapi.
  std::vector<std::string> allowed_dirs;
  // Single files: the exercise's API header(s) and the student's own files.
  std::vector<std::string> allowed_files;
  // /usr/include: a student file may include only a C standard library header
  // directly in one (<stdio.h>, not <unistd.h> or <sys/time.h>); any file
  // below one may be included by other headers (glibc's bits/ and sys/).
  std::vector<std::string> c_headers_dirs;
  // The directory the compiler ran in: relative marker names and dirs are
  // resolved against it ("" = this process's working directory).
  std::string working_dir;
};

struct IncludeViolation {
  std::string file;       // as the line marker names it
  std::string from_file;  // as the line marker names it
  int from_line = 0;
  std::string why;        // short: "includes a source file (.cpp)", ...
};

// The first inclusion that breaks the policy:
//  - a source file (.c .cc .cp .cpp .CPP .cxx .c++ .C .cppm .ixx), from anywhere;
//  - a direct inclusion that does not resolve to a file below a system or
//    allowed dir, an allowed file, or a C standard header in a c_headers dir;
//  - any inclusion of a file below none of the dirs and not an allowed file
//    (a header the student reached legitimately that includes something it
//    was steered to, e.g. through a computed `#include MACRO`).
// Names are resolved with std::filesystem::weakly_canonical, so `..` and
// symlinks resolve as the compiler's open() resolved them.
std::optional<IncludeViolation> first_forbidden_include(const std::vector<Inclusion>& included,
                                                        const IncludePolicy& policy);

// The dirs of the `#include <...> search starts here:` block of
// `clang++ -E -x c++ - -v </dev/null` (stderr), lexically normalised
// ("/usr/bin/../lib/gcc/x86_64-linux-gnu/12/../../../../include/c++/12" ->
// "/usr/include/c++/12"), in search order. The caller picks the system dirs
// out of them (not /usr/include, see IncludePolicy).
std::vector<std::string> compiler_system_dirs(std::string_view clang_v_output);

// ---- 2. Same tokens under the sanitizer --------------------------------------

struct TokenDifference {
  std::string file;          // as the line marker names it
  int line = 0;              // the student file's line
  std::string release_text;  // the line's tokens, single-spaced (shortened past 160
  std::string tsan_text;     // characters); "" when the line is absent in that build
};

// Compares, file by file (in order of first appearance in the release
// output), the lines that come from student files in the two `-E` outputs:
// their preprocessing tokens, and the files they #include (an entry
// "#include \"<file>\"" at the #include line). Returns the first line that
// differs, including a line present in only one output. Blank lines, line
// markers and the number of blank lines between lines do not count.
std::optional<TokenDifference> first_token_difference(std::string_view release_pp, std::string_view tsan_pp,
                                                      const StudentFileTest& is_student_file);

// ---- 3. Source that depends on the compiler configuration --------------------

// Mentions of macros and operators that tell the compiler, its version, the
// optimiser, NDEBUG or a sanitizer apart (__clang__, __GNUC__, __has_feature,
// __SANITIZE_THREAD__ and any __SANITIZE_*, __OPTIMIZE__, NDEBUG, ...) in the
// raw student source, outside comments and string/char literals, with
// backslash-newlines spliced first (so `__SANITIZE_\` + newline + `THREAD__`
// is found). what = "tests __clang__".
std::vector<Finding> config_macro_uses(std::string_view raw_source);

// `#line` directives and GNU line markers (`# 12 "file" 1`) in the raw source,
// also spelled `%:` or split by comments and backslash-newlines: they rewrite
// the line markers every check above reads. what = "uses #line" or
// "writes a line marker".
std::vector<Finding> line_directives(std::string_view raw_source);

// ---- 4. Forbidden calls -------------------------------------------------------

// Undefined symbols in `nm --undefined-only` / `nm -u` output that let code
// inspect or leave its sandbox or tell the sanitizer is there (dlopen, dlsym,
// getenv, environ, fork, exec*, posix_spawn, system, popen, ptrace, prctl,
// mprotect, ...); versioned names (dlsym@GLIBC_2.34, dlsym@@...) count.
// Not syscall, which libstdc++'s inline std::atomic::wait calls (see
// forbidden_tokens). what = "calls dlsym". One finding per name.
std::vector<Finding> forbidden_calls(std::string_view nm_undefined_output);

// In student lines of `-E` output: inline assembly (asm, __asm, __asm__,
// which also covers asm labels renaming a symbol), raw system calls
// (syscall), and reading the stack's frames (__builtin_frame_address,
// __builtin_return_address, ...). Identifiers only: a string or a longer
// name (syscall_count) does not count.
std::vector<Finding> forbidden_tokens(std::string_view preprocessed, const StudentFileTest& is_student_file);

}  // namespace parlab::grader::build
