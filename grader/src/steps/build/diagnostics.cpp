#include "steps/build/diagnostics.hpp"
#include "core/lines.hpp"

#include <algorithm>
#include <charconv>
#include <optional>
#include <utility>

namespace parlab::grader::build {
namespace {

constexpr std::size_t kMaxContextLines = 4;  // excerpt + caret + a fix-it line or two

// Removes colour and hyperlink escape sequences (CSI "ESC [ ... final", OSC
// "ESC ] ... BEL" or "ESC ] ... ESC \") that -fdiagnostics-color=always adds.
std::string strip_ansi(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '\x1b' || i + 1 >= text.size()) {
      if (text[i] != '\x1b') out.push_back(text[i]);
      continue;
    }
    if (text[i + 1] == '[') {
      std::size_t j = i + 2;
      while (j < text.size() && !(text[j] >= '@' && text[j] <= '~')) ++j;
      i = j;  // skips the final byte too
    } else if (text[i + 1] == ']') {
      std::size_t j = i + 2;
      while (j < text.size() && text[j] != '\a' && !(text[j] == '\x1b' && j + 1 < text.size() && text[j + 1] == '\\')) {
        ++j;
      }
      i = (j < text.size() && text[j] == '\x1b') ? j + 1 : j;
    } else {
      ++i;  // a two-byte escape
    }
  }
  return out;
}

// A positive decimal number, or -1.
int to_int(std::string_view s) {
  int value = 0;
  const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), value);
  if (s.empty() || ec != std::errc{} || end != s.data() + s.size() || value <= 0) return -1;
  return value;
}

struct Place {
  std::string_view file;  // a view: parse_header() tries many prefixes of a long line
  int line = 0;
  int column = 0;
  bool has_line = false;
};

// "path:12:5" / "path:12" / "path" -> Place. The numbers are taken from the right.
Place split_place(std::string_view prefix) {
  Place p;
  int numbers[2] = {0, 0};
  int count = 0;
  while (count < 2) {
    const std::size_t colon = prefix.rfind(':');
    if (colon == std::string_view::npos || colon == 0) break;
    const int n = to_int(prefix.substr(colon + 1));
    if (n < 0) break;
    numbers[count++] = n;
    prefix = prefix.substr(0, colon);
  }
  p.file = prefix;
  p.has_line = count > 0;
  if (count == 1) p.line = numbers[0];
  if (count == 2) {
    p.line = numbers[1];
    p.column = numbers[0];
  }
  return p;
}

// A driver or linker name printed where a file would be: "clang", "collect2", "/usr/bin/ld".
bool is_tool_name(std::string_view s) {
  return !s.empty() && s.find_first_of(" :\t") == std::string_view::npos;
}

// "file:line:col: error: message" (and the other severities, and tools).
std::optional<Diagnostic> parse_header(std::string_view line) {
  static constexpr std::string_view kSeverities[] = {"fatal error", "error", "warning", "note"};
  if (line.empty() || line.front() == ' ' || line.front() == '\t') return std::nullopt;
  std::optional<Diagnostic> best;
  std::size_t best_at = std::string_view::npos;
  for (const std::string_view severity : kSeverities) {
    const std::string token = ": " + std::string(severity) + ":";
    for (std::size_t at = line.find(token); at != std::string_view::npos && at < best_at;
         at = line.find(token, at + 1)) {
      const std::size_t after = at + token.size();
      if (after < line.size() && line[after] != ' ') continue;  // "error:foo" is not a header
      const std::string_view prefix = line.substr(0, at);
      const Place place = split_place(prefix);
      if (!place.has_line && !is_tool_name(prefix)) continue;
      Diagnostic d;
      if (place.has_line) {
        d.file = std::string(place.file);
        d.line = place.line;
        d.column = place.column;
      }
      d.severity = std::string(severity);
      d.message = std::string(trim(line.substr(after)));
      best = std::move(d);
      best_at = at;
      break;
    }
  }
  return best;
}

// gcc's instantiation context: "file:12:5:   required from here".
std::optional<Diagnostic> parse_required_from(std::string_view line) {
  const std::size_t at = line.find(":   ");
  if (at == std::string_view::npos || line.empty() || line.front() == ' ') return std::nullopt;
  const std::string_view text = trim(line.substr(at + 1));
  if (!starts_with(text, "required ") && !starts_with(text, "recursively required ")) return std::nullopt;
  const Place place = split_place(line.substr(0, at));
  if (!place.has_line) return std::nullopt;
  Diagnostic d;
  d.file = std::string(place.file);
  d.line = place.line;
  d.column = place.column;
  d.severity = "note";
  d.message = std::string(text);
  return d;
}

// "/tmp/x.cpp:6: undefined reference to `f()'", "main.cpp:(.text+0x51): undefined reference to `f()'",
// "/tmp/b.cpp:2: multiple definition of `g()'; /tmp/a.o:/tmp/a.cpp:2: first defined here".
std::optional<Diagnostic> parse_link_reference(std::string_view line) {
  std::size_t at = std::string_view::npos;
  for (const std::string_view what : {": undefined reference to ", ": multiple definition of "}) {
    at = std::min(at, line.find(what));
  }
  if (at == std::string_view::npos) return std::nullopt;
  std::string_view prefix = line.substr(0, at);
  // "file:(.text+0x51)" or "file:4:(.text+0xc)": the section offset is no line.
  if (const std::size_t section = prefix.rfind(":("); section != std::string_view::npos && ends_with(prefix, ")")) {
    prefix = prefix.substr(0, section);
  }
  const Place place = split_place(prefix);
  Diagnostic d;
  d.file = std::string(place.file);
  d.line = place.line;
  d.severity = "error";
  d.message = std::string(trim(line.substr(at + 1)));
  return d;
}

// "/usr/bin/ld: ..." -> the text after "ld: ", or nullopt for other lines.
std::optional<std::string_view> linker_text(std::string_view line) {
  const std::size_t colon = line.find(": ");
  if (colon == std::string_view::npos) return std::nullopt;
  const std::string_view tool = line.substr(0, colon);
  if (!is_tool_name(tool)) return std::nullopt;
  const std::string_view base = tool.substr(tool.rfind('/') == std::string_view::npos ? 0 : tool.rfind('/') + 1);
  if (base != "ld" && !starts_with(base, "ld.") && !ends_with(base, "-ld")) return std::nullopt;
  return trim(line.substr(colon + 2));
}

// Lines that only frame the diagnostics: include chains, gcc's "In function"
// headings, error counts, Ninja and CMake progress. They end a context block.
bool is_framing_line(std::string_view line) {
  const std::string_view t = trim(line);
  if (starts_with(line, "In file included from ") || (line.front() == ' ' && starts_with(t, "from "))) return true;
  for (const std::string_view tool : {"FAILED: ", "ninja: ", "make[", "make: ", "gmake[", "gmake: "}) {
    if (starts_with(line, tool)) return true;
  }
  if (line.front() == '[' && contains(line.substr(0, 16), "/") && contains(line.substr(0, 16), "] ")) return true;
  if (ends_with(t, " generated.") && t.front() >= '0' && t.front() <= '9') return true;  // "1 error generated."
  if (t == "compilation terminated." || contains(t, "warnings being treated as errors")) return true;
  // gcc: "file.cpp: In function 'int main()':", "file.cpp: At global scope:"
  if (ends_with(t, ":") && (contains(line, ": In ") || contains(line, ": At global scope"))) return true;
  return false;
}

class OutputParser {
 public:
  std::vector<Diagnostic> run(std::string_view text) {
    const std::string plain = strip_ansi(text);
    for (const std::string_view line : split_lines(plain)) read_line(line);
    return std::move(diagnostics_);
  }

 private:
  void add(Diagnostic d, bool takes_context) {
    diagnostics_.push_back(std::move(d));
    open_ = takes_context;
    context_lines_ = 0;
  }

  void read_line(std::string_view line) {
    if (trim(line).empty()) {
      open_ = false;
      return;
    }
    // "/usr/bin/ld: main.o: in function `main':" describes the next linker error.
    if (contains(line, "in function `") || contains(line, "In function `")) {
      in_function_ = std::string(line);
      open_ = false;
      return;
    }
    if (auto d = parse_header(line)) {
      in_function_.clear();  // it described an earlier linker error, not this one
      add(std::move(*d), true);
      return;
    }
    if (auto d = parse_required_from(line)) {
      add(std::move(*d), false);
      return;
    }
    if (auto d = parse_link_reference(line)) {
      d->context = std::exchange(in_function_, {});
      add(std::move(*d), false);
      return;
    }
    if (const auto ld = linker_text(line)) {
      if (!contains(*ld, "DWARF error")) {  // debug-info noise from some objects, not a failure
        Diagnostic d;
        d.severity = "error";
        d.message = std::string(*ld);
        d.context = std::exchange(in_function_, {});
        add(std::move(d), false);
      }
      return;
    }
    if (is_framing_line(line)) {
      open_ = false;
      return;
    }
    if (open_ && context_lines_ < kMaxContextLines) {
      std::string& context = diagnostics_.back().context;
      if (!context.empty()) context.push_back('\n');
      context.append(line);
      ++context_lines_;
    }
  }

  std::vector<Diagnostic> diagnostics_;
  std::string in_function_;  // the last "in function `x':" line of the linker
  bool open_ = false;        // whether the lines that follow belong to the last diagnostic
  std::size_t context_lines_ = 0;
};

}  // namespace

std::vector<Diagnostic> parse_diagnostics(std::string_view compiler_output) {
  return OutputParser{}.run(compiler_output);
}

std::vector<Diagnostic> first_errors(const std::vector<Diagnostic>& diagnostics, std::size_t max) {
  std::vector<Diagnostic> errors;
  for (const Diagnostic& d : diagnostics) {
    if (errors.size() >= max) break;
    if (d.severity != "error" && d.severity != "fatal error") continue;
    const bool seen = std::any_of(errors.begin(), errors.end(), [&](const Diagnostic& e) {
      return e.file == d.file && e.line == d.line && e.column == d.column && e.message == d.message;
    });
    if (!seen) errors.push_back(d);
  }
  return errors;
}

std::optional<Diagnostic> student_origin(const std::vector<Diagnostic>& diagnostics, std::size_t index,
                                         const std::function<bool(std::string_view)>& is_student_file) {
  if (index >= diagnostics.size()) return std::nullopt;
  const auto is_student_note = [&](const Diagnostic& d) {
    return d.severity == "note" && !d.file.empty() && is_student_file(d.file);
  };
  // clang: the notes that follow the error, up to the next non-note.
  for (std::size_t i = index + 1; i < diagnostics.size() && diagnostics[i].severity == "note"; ++i) {
    if (is_student_note(diagnostics[i])) return diagnostics[i];
  }
  // gcc: the "required from" notes that precede it, nearest first.
  for (std::size_t i = index; i > 0 && diagnostics[i - 1].severity == "note"; --i) {
    if (is_student_note(diagnostics[i - 1])) return diagnostics[i - 1];
  }
  return std::nullopt;
}

}  // namespace parlab::grader::build
