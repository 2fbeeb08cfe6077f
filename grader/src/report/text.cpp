#include "report/text.hpp"
#include "core/lines.hpp"

#include <cmath>

#include <fmt/format.h>

namespace parlab::grader::report {

std::string format_score(double score, double max_score) {
  return format_points(score) + "/" + format_points(max_score);
}

std::string plural(std::size_t n, std::string_view noun) {
  return fmt::format("{} {}{}", n, noun, n == 1 ? "" : "s");
}

namespace {

constexpr std::string_view kReplacement = "\xEF\xBF\xBD";  // U+FFFD

bool is_continuation(unsigned char c) { return (c & 0xC0U) == 0x80U; }

// Length of the valid UTF-8 sequence starting at text[i], or 0 if invalid.
std::size_t utf8_sequence_length(std::string_view text, std::size_t i) {
  const auto c0 = static_cast<unsigned char>(text[i]);
  if (c0 < 0x80U) return 1;
  std::size_t len = 0;
  char32_t cp = 0;
  if ((c0 & 0xE0U) == 0xC0U) {
    len = 2;
    cp = c0 & 0x1FU;
  } else if ((c0 & 0xF0U) == 0xE0U) {
    len = 3;
    cp = c0 & 0x0FU;
  } else if ((c0 & 0xF8U) == 0xF0U) {
    len = 4;
    cp = c0 & 0x07U;
  } else {
    return 0;
  }
  if (i + len > text.size()) return 0;
  for (std::size_t k = 1; k < len; ++k) {
    const auto c = static_cast<unsigned char>(text[i + k]);
    if (!is_continuation(c)) return 0;
    cp = (cp << 6U) | (c & 0x3FU);
  }
  // Overlong encodings, UTF-16 surrogates and values past U+10FFFF are
  // invalid UTF-8 even when the bytes are well-formed.
  static constexpr char32_t kMinimum[] = {0, 0, 0x80, 0x800, 0x10000};
  if (cp < kMinimum[len] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
  return len;
}

}  // namespace

std::string valid_utf8(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    const std::size_t len = utf8_sequence_length(text, i);
    if (len == 0) {
      out += kReplacement;
      ++i;
    } else {
      out.append(text.substr(i, len));
      i += len;
    }
  }
  return out;
}

std::string strip_ansi(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    if (text[i] != '\x1b') {
      out += text[i++];
      continue;
    }
    ++i;  // ESC
    if (i < text.size() && text[i] == '[') {
      // CSI: parameters and intermediates, then one final byte in @..~.
      ++i;
      while (i < text.size() && !(text[i] >= '@' && text[i] <= '~')) ++i;
      if (i < text.size()) ++i;
    } else if (i < text.size() && text[i] == ']') {
      // OSC (hyperlinks from newer compilers): ends with BEL or ESC '\'.
      ++i;
      while (i < text.size() && text[i] != '\a' && text[i] != '\x1b') ++i;
      if (i < text.size() && text[i] == '\a') ++i;
      if (i + 1 < text.size() && text[i] == '\x1b' && text[i + 1] == '\\') i += 2;
    } else if (i < text.size()) {
      ++i;  // a two-byte escape such as ESC c
    }
  }
  return out;
}

std::string clean_text(std::string_view text) {
  const std::string no_ansi = strip_ansi(text);
  std::string out;
  out.reserve(no_ansi.size());
  for (std::size_t i = 0; i < no_ansi.size(); ++i) {
    const char c = no_ansi[i];
    if (c == '\r') {
      // CRLF is one line break; a lone CR (a progress bar redrawing) is one too.
      if (i + 1 < no_ansi.size() && no_ansi[i + 1] == '\n') continue;
      out += '\n';
    } else if ((static_cast<unsigned char>(c) < 0x20U && c != '\n' && c != '\t') || c == '\x7f') {
      out += kReplacement;  // invisible control characters would hide that something was printed
    } else {
      out += c;
    }
  }
  return valid_utf8(out);
}

namespace {

// The longest prefix of `s` of at most `max_bytes` that ends on a character boundary.
std::string_view utf8_prefix(std::string_view s, std::size_t max_bytes) {
  if (s.size() <= max_bytes) return s;
  std::size_t end = max_bytes;
  while (end > 0 && is_continuation(static_cast<unsigned char>(s[end]))) --end;
  return s.substr(0, end);
}

}  // namespace

std::string head_lines(std::string_view text, std::size_t max_lines, std::size_t max_bytes,
                       std::size_t* dropped_lines) {
  const std::vector<std::string_view> lines = split_lines(text);
  std::string out;
  std::size_t kept = 0;
  for (; kept < lines.size() && kept < max_lines; ++kept) {
    const std::string_view line = lines[kept];
    const std::size_t needed = line.size() + (out.empty() ? 0 : 1);
    if (out.size() + needed > max_bytes) {
      // One enormous line (a template error, a dumped array) must still show
      // its start rather than nothing.
      if (kept == 0) out = std::string(utf8_prefix(line, max_bytes)) + "…";
      break;
    }
    if (!out.empty()) out += '\n';
    out += line;
  }
  if (dropped_lines != nullptr) *dropped_lines = lines.size() - kept;
  return out;
}

std::size_t display_width(std::string_view text) {
  const std::string plain = strip_ansi(text);
  std::size_t width = 0;
  for (const char c : plain) {
    if (!is_continuation(static_cast<unsigned char>(c))) ++width;
  }
  return width;
}

const char* status_symbol(Status s, bool unicode) {
  switch (s) {
    case Status::pass: return unicode ? "✓" : "ok";
    case Status::fail: return unicode ? "✗" : "FAIL";
    case Status::error: return unicode ? "!" : "ERROR";
    case Status::inconclusive: return "?";
    case Status::skipped: return unicode ? "–" : "-";
  }
  return "?";
}

const char* status_color(Status s) {
  switch (s) {
    case Status::pass: return "\x1b[32m";          // green
    case Status::fail: return "\x1b[31m";          // red
    case Status::error: return "\x1b[1;31m";       // bold red: nothing ran
    case Status::inconclusive: return "\x1b[33m";  // yellow: re-run
    case Status::skipped: return "\x1b[2m";        // dim
  }
  return "";
}

std::string colorize(std::string_view text, Status s, bool color) {
  if (!color) return std::string(text);
  return fmt::format("{}{}\x1b[0m", status_color(s), text);
}

}  // namespace parlab::grader::report
