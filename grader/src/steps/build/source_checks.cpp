#include "steps/build/source_checks.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <filesystem>
#include <map>
#include <system_error>
#include <utility>

#include "core/lines.hpp"

namespace parlab::grader::build {

namespace {

namespace fs = std::filesystem;

// ---- Lexing -------------------------------------------------------------------
// Rough C++ preprocessing tokens: enough to tell identifiers from the inside of
// literals and to compare two token streams, not a compiler's lexer.

enum class Kind { identifier, number, literal, punctuator };

struct Token {
  Kind kind = Kind::punctuator;
  std::string_view text;
};

bool is_ident_start(char c) {
  const auto u = static_cast<unsigned char>(c);
  // '$' and non-ASCII bytes: clang accepts both in identifiers, and treating
  // them as separators would make "a$asm" look like "asm".
  return (u >= 'a' && u <= 'z') || (u >= 'A' && u <= 'Z') || c == '_' || c == '$' || u >= 0x80;
}
bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_ident_char(char c) { return is_ident_start(c) || is_digit(c); }

// Longest first: maximal munch, so "+ +" and "++" stay different tokens.
constexpr auto kPunctuators = std::to_array<std::string_view>({
    "%:%:", "...", "<=>", "->*", "<<=", ">>=", "::", "->", ".*", "++", "--", "<<", "<=", ">>",
    ">=",   "==",  "!=",  "&&",  "||",  "+=",  "-=", "*=", "/=", "%=", "&=", "|=", "^=", "##",
    "<:",   ":>",  "<%",  "%>",  "%:",
});

bool is_string_prefix(std::string_view id) {
  return id == "L" || id == "u" || id == "U" || id == "u8" || id == "R" || id == "LR" || id == "uR" || id == "UR" ||
         id == "u8R";
}

// End (exclusive) of a "..." or '...' literal starting at `open`, with any
// user-defined-literal suffix; the line's end when unterminated.
std::size_t quoted_end(std::string_view s, std::size_t open) {
  const char quote = s[open];
  std::size_t i = open + 1;
  while (i < s.size() && s[i] != quote && s[i] != '\n') i += (s[i] == '\\' && i + 1 < s.size()) ? 2U : 1U;
  if (i < s.size() && s[i] == quote) ++i;
  while (i < s.size() && is_ident_char(s[i])) ++i;  // "x"_suffix is one token
  return std::min(i, s.size());
}

// A pp-number from `i`: digits, letters, '.', digit separators, exponent signs.
std::size_t number_end(std::string_view s, std::size_t i) {
  ++i;
  while (i < s.size()) {
    const char c = s[i];
    if ((c == '+' || c == '-') && (s[i - 1] == 'e' || s[i - 1] == 'E' || s[i - 1] == 'p' || s[i - 1] == 'P')) {
      ++i;
    } else if (c == '\'' && i + 1 < s.size() && is_ident_char(s[i + 1])) {
      i += 2;
    } else if (is_ident_char(c) || c == '.') {
      ++i;
    } else {
      break;
    }
  }
  return i;
}

// The raw string literal's terminator `)delim"` when s[quote] opens one
// (R"delim( ...), or "" when it is not a valid raw string opening.
std::string raw_terminator(std::string_view s, std::size_t quote, std::size_t& body) {
  std::size_t i = quote + 1;
  while (i < s.size() && i - quote <= 17 && s[i] != '(' && s[i] != ')' && s[i] != '\\' && s[i] != ' ' &&
         s[i] != '"' && s[i] != '\t' && s[i] != '\n') {
    ++i;
  }
  if (i >= s.size() || s[i] != '(') return {};
  body = i + 1;
  // Appended, not ")" + ...: GCC 12 warns falsely (-Wrestrict) on that at -O3.
  std::string terminator(1, ')');
  terminator.append(s.substr(quote + 1, i - quote - 1));
  terminator.push_back('"');
  return terminator;
}

// Lexes one line of `-E` output. A raw string literal may span lines:
// `raw_end` holds its terminator while one is open, and the part of the line
// inside it is one literal token.
void lex_line(std::string_view s, std::string& raw_end, std::vector<Token>& out) {
  std::size_t i = 0;
  if (!raw_end.empty()) {
    const auto close = s.find(raw_end);
    if (close == std::string_view::npos) {
      out.push_back({Kind::literal, s});
      return;
    }
    i = close + raw_end.size();
    while (i < s.size() && is_ident_char(s[i])) ++i;
    out.push_back({Kind::literal, s.substr(0, i)});
    raw_end.clear();
  }
  while (i < s.size()) {
    const char c = s[i];
    if (c == ' ' || c == '\t' || c == '\r' || c == '\v' || c == '\f') {
      ++i;
      continue;
    }
    const std::size_t start = i;
    if (is_ident_start(c)) {
      while (i < s.size() && (is_ident_char(s[i]) || (s[i] == '\\' && i + 1 < s.size() &&
                                                       (s[i + 1] == 'u' || s[i + 1] == 'U')))) {
        i += s[i] == '\\' ? 2U : 1U;
      }
      const std::string_view id = s.substr(start, i - start);
      if (i < s.size() && is_string_prefix(id) && (s[i] == '"' || (s[i] == '\'' && id.back() != 'R'))) {
        if (id.back() == 'R') {
          std::size_t body = 0;
          std::string term = raw_terminator(s, i, body);
          if (!term.empty()) {
            const auto close = s.find(term, body);
            if (close == std::string_view::npos) {
              raw_end = std::move(term);
              out.push_back({Kind::literal, s.substr(start)});
              return;
            }
            i = close + term.size();
            while (i < s.size() && is_ident_char(s[i])) ++i;
            out.push_back({Kind::literal, s.substr(start, i - start)});
            continue;
          }
        }
        i = quoted_end(s, i);
        out.push_back({Kind::literal, s.substr(start, i - start)});
        continue;
      }
      out.push_back({Kind::identifier, id});
      continue;
    }
    if (is_digit(c) || (c == '.' && i + 1 < s.size() && is_digit(s[i + 1]))) {
      i = number_end(s, i);
      out.push_back({Kind::number, s.substr(start, i - start)});
      continue;
    }
    if (c == '"' || c == '\'') {
      i = quoted_end(s, i);
      out.push_back({Kind::literal, s.substr(start, i - start)});
      continue;
    }
    std::size_t len = 1;
    for (const std::string_view p : kPunctuators) {
      if (s.substr(i, p.size()) == p) {
        len = p.size();
        break;
      }
    }
    i += len;
    out.push_back({Kind::punctuator, s.substr(start, len)});
  }
}

std::string joined(const std::vector<Token>& tokens) {
  std::string text;
  for (const Token& t : tokens) {
    if (!text.empty()) text += ' ';
    text += t.text;
  }
  return text;
}

// ---- Reading `-E` output ------------------------------------------------------

struct Marker {
  int line = 0;
  std::string file;
  bool enter = false;  // flag 1
  bool leave = false;  // flag 2
};

// A GNU line marker as clang prints it: `# 12 "dir/file.cpp" 1 3` (also the
// `#line 12 "file"` form of -fuse-line-directives). The name's escapes
// (\\, \", octal) are undone. Only at column 1: clang indents a '#' that a
// macro put first on a line, so student tokens never look like a marker.
std::optional<Marker> parse_marker(std::string_view s) {
  if (s.starts_with("#line ")) {
    s.remove_prefix(6);
  } else if (s.starts_with("# ")) {
    s.remove_prefix(2);
  } else {
    return std::nullopt;
  }
  Marker m;
  const auto [after, ec] = std::from_chars(s.data(), s.data() + s.size(), m.line);
  if (ec != std::errc{} || after == s.data()) return std::nullopt;
  s.remove_prefix(static_cast<std::size_t>(after - s.data()));
  if (!s.starts_with(" \"")) return std::nullopt;
  std::size_t i = 2;
  for (; i < s.size() && s[i] != '"'; ++i) {
    if (s[i] != '\\' || i + 1 >= s.size()) {
      m.file += s[i];
      continue;
    }
    ++i;
    if (s[i] >= '0' && s[i] <= '7') {
      int value = 0;
      for (int n = 0; n < 3 && i < s.size() && s[i] >= '0' && s[i] <= '7'; ++n, ++i) value = value * 8 + (s[i] - '0');
      --i;
      m.file += static_cast<char>(value);
    } else {
      m.file += s[i];
    }
  }
  if (i >= s.size()) return std::nullopt;
  // The flags after the name: 1 = entering an include, 2 = back in the includer.
  std::string_view flags = s.substr(i + 1);
  while (!flags.empty()) {
    flags = trim(flags);
    const std::string_view f = flags.substr(0, flags.find(' '));
    m.enter = m.enter || f == "1";
    m.leave = m.leave || f == "2";
    flags.remove_prefix(f.size());
  }
  return m;
}

bool is_pseudo_file(std::string_view name) { return name.size() >= 2 && name.front() == '<' && name.back() == '>'; }

bool student_name(std::string_view name, const StudentFileTest& is_student_file) {
  if (is_pseudo_file(name)) return false;
  if (is_student_file(name)) return true;
  const std::string normal = fs::path(name).lexically_normal().string();
  return normal != name && is_student_file(normal);
}

struct Frame {
  std::string name;  // as the entering marker named it: what the file physically is
  bool student = false;
  bool pseudo = false;
};

// Walks `-E` output. The include stack follows flags 1 and 2 only; a marker
// without them (a resync after skipped lines, or a `#line` rename) changes the
// line number, never which file the lines are in. Calls
//   enter(const Frame& from, int from_line, const Frame& entered)
//   line(const Frame& file, int line, const std::vector<Token>& tokens)
// the latter for non-blank lines of student files.
template <class Enter, class Line>
void walk(std::string_view pp, const StudentFileTest& is_student_file, Enter&& enter, Line&& line) {
  std::vector<Frame> stack;
  int number = 1;
  std::string raw_end;
  std::vector<Token> tokens;
  auto make_frame = [&](std::string name) {
    Frame f;
    f.pseudo = is_pseudo_file(name);
    f.student = student_name(name, is_student_file);
    f.name = std::move(name);
    return f;
  };
  for (const std::string_view text : split_lines(pp)) {
    if (raw_end.empty()) {
      if (auto m = parse_marker(text)) {
        if (stack.empty()) {
          stack.push_back(make_frame(std::move(m->file)));
        } else if (m->enter) {
          Frame entered = make_frame(std::move(m->file));
          enter(std::as_const(stack.back()), number, std::as_const(entered));
          stack.push_back(std::move(entered));
        } else if (m->leave) {
          if (stack.size() > 1) {
            stack.pop_back();
          } else {
            stack.back() = make_frame(std::move(m->file));  // unbalanced: trust the marker
          }
        }
        number = m->line;
        continue;
      }
    }
    const bool student = !stack.empty() && stack.back().student;
    // Only a line with R" can open a raw string; other lines from headers
    // need no lexing at all.
    if (student || !raw_end.empty() || contains(text, "R\"")) {
      tokens.clear();
      lex_line(text, raw_end, tokens);
      if (student && !tokens.empty()) line(std::as_const(stack.back()), number, std::as_const(tokens));
    }
    // A newline inside a raw string literal is part of one token: clang does
    // not count it when it numbers its lines, so neither do we.
    if (raw_end.empty()) ++number;
  }
}

// ---- Raw source ---------------------------------------------------------------

struct RawToken {
  Kind kind = Kind::punctuator;
  std::string text;
  int line = 0;
  bool first_on_line = false;  // first token of a logical line: a directive may start here
};

// Lexes raw source after splicing backslash-newlines (also with blanks
// before the newline, as clang accepts), skipping comments. A block comment
// with a newline in it starts a new line, as clang treats it for directives.
std::vector<RawToken> lex_raw(std::string_view src) {
  std::string text;
  std::vector<int> line_of;
  text.reserve(src.size());
  line_of.reserve(src.size());
  int line = 1;
  for (std::size_t i = 0; i < src.size(); ++i) {
    if (src[i] == '\\') {
      std::size_t j = i + 1;
      while (j < src.size() && (src[j] == ' ' || src[j] == '\t' || src[j] == '\r')) ++j;
      if (j < src.size() && src[j] == '\n') {
        ++line;
        i = j;
        continue;
      }
    }
    text += src[i];
    line_of.push_back(line);
    if (src[i] == '\n') ++line;
  }

  std::vector<RawToken> out;
  bool at_line_start = true;
  std::size_t i = 0;
  auto push = [&](Kind kind, std::size_t start, std::size_t end) {
    out.push_back({kind, text.substr(start, end - start), line_of[start], at_line_start});
    at_line_start = false;
  };
  while (i < text.size()) {
    const char c = text[i];
    if (c == '\n') {
      at_line_start = true;
      ++i;
    } else if (c == ' ' || c == '\t' || c == '\r' || c == '\v' || c == '\f') {
      ++i;
    } else if (c == '/' && i + 1 < text.size() && text[i + 1] == '/') {
      i = std::min(text.find('\n', i), text.size());
    } else if (c == '/' && i + 1 < text.size() && text[i + 1] == '*') {
      const auto close = text.find("*/", i + 2);
      const std::size_t end = close == std::string::npos ? text.size() : close + 2;
      if (text.find('\n', i) < end) at_line_start = true;
      i = end;
    } else if (is_ident_start(c)) {
      const std::size_t start = i;
      while (i < text.size() && (is_ident_char(text[i]) || (text[i] == '\\' && i + 1 < text.size() &&
                                                             (text[i + 1] == 'u' || text[i + 1] == 'U')))) {
        i += text[i] == '\\' ? 2U : 1U;
      }
      const std::string_view id = std::string_view(text).substr(start, i - start);
      if (i < text.size() && is_string_prefix(id) && (text[i] == '"' || (text[i] == '\'' && id.back() != 'R'))) {
        std::size_t body = 0;
        const std::string term = id.back() == 'R' ? raw_terminator(text, i, body) : std::string();
        if (!term.empty()) {
          const auto close = text.find(term, body);
          i = close == std::string::npos ? text.size() : close + term.size();
          while (i < text.size() && is_ident_char(text[i])) ++i;
        } else {
          i = quoted_end(text, i);
        }
        push(Kind::literal, start, i);
      } else {
        push(Kind::identifier, start, i);
      }
    } else if (is_digit(c) || (c == '.' && i + 1 < text.size() && is_digit(text[i + 1]))) {
      const std::size_t start = i;
      i = number_end(text, i);
      push(Kind::number, start, i);
    } else if (c == '"' || c == '\'') {
      const std::size_t start = i;
      i = quoted_end(text, i);
      push(Kind::literal, start, i);
    } else {
      const std::size_t start = i;
      // '#' and its digraph "%:" are all the raw checks need to tell apart.
      i += (c == '%' && i + 1 < text.size() && text[i + 1] == ':') ? 2U : 1U;
      push(Kind::punctuator, start, i);
    }
  }
  return out;
}

// Macros that differ between compilers, versions, optimisation levels,
// NDEBUG and sanitizers: code testing them can behave differently in the
// build ThreadSanitizer judges.
constexpr auto kConfigMacros = std::to_array<std::string_view>({
    "__clang__",         "__clang_major__",    "__clang_minor__",      "__clang_patchlevel__", "__clang_version__",
    "__GNUC__",          "__GNUC_MINOR__",     "__GNUC_PATCHLEVEL__",  "__GNUG__",             "_MSC_VER",
    "__INTEL_COMPILER",  "__SANITIZE_THREAD__", "__SANITIZE_ADDRESS__", "__has_feature",       "__has_extension",
    "__OPTIMIZE__",      "__OPTIMIZE_SIZE__",  "__NO_INLINE__",        "NDEBUG",               "__VERSION__",
    "__llvm__",
});

bool is_config_macro(std::string_view id) {
  if (id.starts_with("__SANITIZE")) return true;  // __SANITIZE_THREAD__, __SANITIZE_HWADDRESS__, a pasting half
  return std::find(kConfigMacros.begin(), kConfigMacros.end(), id) != kConfigMacros.end();
}

// Library calls that inspect or leave the sandbox: dynamic loading and symbol
// lookup (which can find __tsan_* at run time), the environment (TSAN_OPTIONS),
// new processes and programs, tracing, and executable memory. Not syscall:
// libstdc++'s inline std::atomic::wait, std::latch and std::counting_semaphore
// call syscall(SYS_futex) from the student's object; forbidden_tokens finds a
// syscall written in student code instead.
constexpr auto kForbiddenCalls = std::to_array<std::string_view>({
    "dlopen",        "dlmopen",        "dlsym",          "dlvsym",           "dladdr",
    "dladdr1",       "dlinfo",         "dl_iterate_phdr", "_r_debug",        "_dl_debug_state",
    "getauxval",     "getenv",         "secure_getenv",  "setenv",           "putenv",
    "unsetenv",      "clearenv",       "environ",        "__environ",        "fork",
    "vfork",         "_Fork",          "clone",          "clone3",           "__clone",
    "execv",         "execve",         "execvp",         "execvpe",          "execl",
    "execle",        "execlp",         "fexecve",        "execveat",         "posix_spawn",
    "posix_spawnp",  "system",         "popen",          "wordexp",          "daemon",           "personality",
    "ptrace",        "prctl",          "process_vm_readv", "process_vm_writev",
    "mprotect",      "pkey_mprotect",  "__libc_dlopen_mode", "__libc_dlsym",  "__libc_dlvsym",
    "__libc_system", "__libc_fork",    "__getauxval",    "__secure_getenv",  "__libc_enable_secure",
    "_dl_argv",
});

struct TokenRule {
  std::string_view name;
  std::string_view what;
};

constexpr std::array kForbiddenTokens = {
    TokenRule{"asm", "uses inline assembly (asm)"},
    TokenRule{"__asm", "uses inline assembly (__asm)"},
    TokenRule{"__asm__", "uses inline assembly (__asm__)"},
    TokenRule{"syscall", "makes a raw system call (syscall)"},
    TokenRule{"__builtin_frame_address", "reads the call stack (__builtin_frame_address)"},
    TokenRule{"__builtin_return_address", "reads the call stack (__builtin_return_address)"},
    TokenRule{"__builtin_extract_return_addr", "reads the call stack (__builtin_extract_return_addr)"},
    TokenRule{"__builtin_dwarf_cfa", "reads the call stack (__builtin_dwarf_cfa)"},
    TokenRule{"__builtin_eh_return", "rewrites the call stack (__builtin_eh_return)"},
};

// ---- Include policy -----------------------------------------------------------

// The file as the kernel found it: relative to the compiler's directory,
// symlinks and ".." resolved (weakly_canonical keeps a missing tail lexical).
fs::path resolve(std::string_view name, const fs::path& base) {
  fs::path p{std::string(name)};
  if (p.is_relative() && !base.empty()) p = base / p;
  std::error_code ec;
  fs::path canonical = fs::weakly_canonical(p, ec);
  if (ec) canonical = p;
  canonical = canonical.lexically_normal();
  if (canonical.has_relative_path() && canonical.filename().empty()) canonical = canonical.parent_path();  // "dir/"
  return canonical;
}

bool is_below(const fs::path& file, const fs::path& dir) {
  const auto [d, f] = std::mismatch(dir.begin(), dir.end(), file.begin(), file.end());
  return d == dir.end() && f != file.end();
}

std::vector<fs::path> resolve_all(const std::vector<std::string>& names, const fs::path& base) {
  std::vector<fs::path> out;
  for (const auto& n : names) out.push_back(resolve(n, base));
  return out;
}

bool below_any(const fs::path& file, const std::vector<fs::path>& dirs) {
  return std::any_of(dirs.begin(), dirs.end(), [&](const fs::path& d) { return is_below(file, d); });
}

// The C standard library's headers (C23's new ones included): a student file
// may take these from /usr/include, and no other file there.
constexpr auto kCHeaders = std::to_array<std::string_view>({
    "assert.h", "complex.h",  "ctype.h",    "errno.h",   "fenv.h",     "float.h",  "inttypes.h", "iso646.h",
    "limits.h", "locale.h",   "math.h",     "setjmp.h",  "signal.h",   "stdalign.h", "stdarg.h", "stdatomic.h",
    "stdbit.h", "stdbool.h",  "stdckdint.h", "stddef.h", "stdint.h",   "stdio.h",  "stdlib.h",   "stdnoreturn.h",
    "string.h", "tgmath.h",   "threads.h",  "time.h",    "uchar.h",    "wchar.h",  "wctype.h",
});

bool is_source_file(const fs::path& p) {
  const std::string ext = p.extension().string();
  return ext == ".c" || ext == ".cc" || ext == ".cpp" || ext == ".cxx" || ext == ".c++" || ext == ".C" ||
         ext == ".cppm" || ext == ".ixx" || ext == ".cp" || ext == ".CPP";
}

std::string shortened(std::string s) {
  constexpr std::size_t kMax = 160;
  if (s.size() > kMax) s = s.substr(0, kMax - 3) + "...";
  return s;
}

}  // namespace

std::vector<Inclusion> inclusions(std::string_view preprocessed, const StudentFileTest& is_student_file) {
  std::vector<Inclusion> out;
  walk(
      preprocessed, is_student_file,
      [&](const Frame& from, int from_line, const Frame& entered) {
        if (entered.pseudo) return;
        out.push_back({entered.name, from.name, from_line, from.student});
      },
      [](const Frame&, int, const std::vector<Token>&) {});
  return out;
}

std::optional<IncludeViolation> first_forbidden_include(const std::vector<Inclusion>& included,
                                                        const IncludePolicy& policy) {
  const fs::path base = policy.working_dir.empty() ? fs::path() : resolve(policy.working_dir, {});
  const auto system = resolve_all(policy.system_dirs, base);
  const auto allowed = resolve_all(policy.allowed_dirs, base);
  const auto files = resolve_all(policy.allowed_files, base);
  const auto c_dirs = resolve_all(policy.c_headers_dirs, base);
  for (const Inclusion& inc : included) {
    const fs::path file = resolve(inc.file, base);
    auto violation = [&](std::string why) {
      return IncludeViolation{inc.file, inc.from_file, inc.from_line, std::move(why)};
    };
    if (is_source_file(file)) return violation("includes a source file (" + file.extension().string() + ")");
    const bool listed = std::find(files.begin(), files.end(), file) != files.end();
    const bool in_dirs = below_any(file, system) || below_any(file, allowed);
    if (inc.direct && !listed && !in_dirs) {
      const auto c_dir = std::find_if(c_dirs.begin(), c_dirs.end(), [&](const fs::path& d) { return is_below(file, d); });
      if (c_dir == c_dirs.end()) return violation("includes a file outside the allowed headers");
      const fs::path rel = file.lexically_relative(*c_dir);
      const bool c_header = std::find(kCHeaders.begin(), kCHeaders.end(), rel.string()) != kCHeaders.end();
      if (!c_header) return violation("includes <" + rel.string() + ">, which is not a C standard library header");
    }
    if (!listed && !in_dirs && !below_any(file, c_dirs)) {
      return violation("a header pulls in a file outside the allowed headers");
    }
  }
  return std::nullopt;
}

std::vector<std::string> compiler_system_dirs(std::string_view clang_v_output) {
  std::vector<std::string> dirs;
  bool in_block = false;
  for (const std::string_view raw : split_lines(clang_v_output)) {
    const std::string_view line = trim(raw);
    if (!in_block) {
      in_block = line == "#include <...> search starts here:";
      continue;
    }
    if (line == "End of search list." || line.starts_with("#include")) break;
    if (line.empty()) continue;
    std::string_view dir = line;
    for (const std::string_view note : {" (framework directory)", " (headermap)"}) {
      if (dir.ends_with(note)) dir.remove_suffix(note.size());
    }
    fs::path p = fs::path(std::string(dir)).lexically_normal();
    if (p.has_relative_path() && p.filename().empty()) p = p.parent_path();
    dirs.push_back(p.string());
  }
  return dirs;
}

std::optional<TokenDifference> first_token_difference(std::string_view release_pp, std::string_view tsan_pp,
                                                      const StudentFileTest& is_student_file) {
  struct Entry {
    int line = 0;
    std::string text;
    bool operator==(const Entry&) const = default;
  };
  struct Lines {
    std::vector<std::string> order;  // files by first appearance
    std::map<std::string, std::vector<Entry>> of;
    std::vector<Entry>& file(const std::string& name) {
      auto [it, added] = of.try_emplace(name);
      if (added) order.push_back(name);
      return it->second;
    }
  };
  auto collect = [&](std::string_view pp) {
    Lines lines;
    walk(
        pp, is_student_file,
        [&](const Frame& from, int from_line, const Frame& entered) {
          // What a student file includes is part of its code: an #include
          // made under one configuration only changes what follows.
          // Named below its include folder ("tbb/blocked_range.h"): the TSan
          // build finds the same oneTBB header in the instrumented copy's
          // include folder, which is no difference in the student's code.
          if (from.student && !entered.pseudo) {
            const std::string name = std::filesystem::path(entered.name).lexically_normal().generic_string();
            const auto at = name.rfind("/include/");
            const std::string shown = at == std::string::npos ? name : name.substr(at + 9);
            lines.file(from.name).push_back({from_line, "#include \"" + shown + "\""});
          }
        },
        [&](const Frame& f, int line, const std::vector<Token>& tokens) {
          lines.file(f.name).push_back({line, joined(tokens)});
        });
    return lines;
  };
  Lines release = collect(release_pp);
  Lines tsan = collect(tsan_pp);
  std::vector<std::string> files = release.order;
  for (const auto& f : tsan.order) {
    if (!release.of.contains(f)) files.push_back(f);
  }
  for (const std::string& f : files) {
    const std::vector<Entry>& r = release.file(f);
    const std::vector<Entry>& t = tsan.file(f);
    const auto [ri, ti] = std::mismatch(r.begin(), r.end(), t.begin(), t.end());
    if (ri == r.end() && ti == t.end()) continue;
    TokenDifference d;
    d.file = f;
    // The earlier of the two lines: the other build has nothing there, or
    // different tokens when both builds have that line.
    const bool r_first = ti == t.end() || (ri != r.end() && ri->line <= ti->line);
    const bool t_first = ri == r.end() || (ti != t.end() && ti->line <= ri->line);
    d.line = r_first ? ri->line : ti->line;
    if (r_first) d.release_text = shortened(ri->text);
    if (t_first) d.tsan_text = shortened(ti->text);
    return d;
  }
  return std::nullopt;
}

std::vector<Finding> config_macro_uses(std::string_view raw_source) {
  std::vector<Finding> found;
  for (const RawToken& t : lex_raw(raw_source)) {
    if (t.kind != Kind::identifier || !is_config_macro(t.text)) continue;
    const std::string what = "tests " + t.text;
    if (!found.empty() && found.back().line == t.line && found.back().what == what) continue;
    found.push_back({what, "", t.line});
  }
  return found;
}

std::vector<Finding> line_directives(std::string_view raw_source) {
  std::vector<Finding> found;
  const auto tokens = lex_raw(raw_source);
  for (std::size_t i = 0; i + 1 < tokens.size(); ++i) {
    const RawToken& hash = tokens[i];
    const RawToken& next = tokens[i + 1];
    if (!hash.first_on_line || (hash.text != "#" && hash.text != "%:") || next.first_on_line) continue;
    if (next.kind == Kind::identifier && next.text == "line") found.push_back({"uses #line", "", hash.line});
    if (next.kind == Kind::number) found.push_back({"writes a line marker", "", hash.line});
  }
  return found;
}

std::vector<Finding> forbidden_calls(std::string_view nm_undefined_output) {
  std::vector<Finding> found;
  for (const std::string_view text : split_lines(nm_undefined_output)) {
    const std::string_view line = trim(text);
    // "                 U dlsym@GLIBC_2.34": the name is the last field;
    // "file.o:" headers of a multi-object listing end with a colon.
    if (line.empty() || line.back() == ':') continue;
    const auto space = line.find_last_of(" \t");
    std::string_view name = space == std::string_view::npos ? line : line.substr(space + 1);
    name = name.substr(0, name.find('@'));
    if (std::find(kForbiddenCalls.begin(), kForbiddenCalls.end(), name) == kForbiddenCalls.end()) continue;
    std::string what = "calls " + std::string(name);
    const bool seen = std::any_of(found.begin(), found.end(), [&](const Finding& f) { return f.what == what; });
    if (!seen) found.push_back({std::move(what), "", 0});
  }
  return found;
}

std::vector<Finding> forbidden_tokens(std::string_view preprocessed, const StudentFileTest& is_student_file) {
  std::vector<Finding> found;
  walk(
      preprocessed, is_student_file, [](const Frame&, int, const Frame&) {},
      [&](const Frame& f, int line, const std::vector<Token>& tokens) {
        for (const Token& t : tokens) {
          if (t.kind != Kind::identifier) continue;
          for (const TokenRule& rule : kForbiddenTokens) {
            if (t.text == rule.name) found.push_back({std::string(rule.what), f.name, line});
          }
        }
      });
  return found;
}

}  // namespace parlab::grader::build
