#include "steps/race/tsan_log_parser.hpp"

#include <algorithm>
#include <charconv>
#include <cstddef>
#include <optional>
#include <string>

#include "core/lines.hpp"
#include "steps/race/tsan_markers.hpp"

namespace parlab::grader::race {
namespace {

using markers::kError;
using markers::kSummary;
using markers::kWarning;

std::string_view without_colon(std::string_view s) {
  if (!s.empty() && s.back() == ':') s.remove_suffix(1);
  return s;
}

// A non-negative decimal number, or -1 when s is not one (or does not fit an int).
int to_int(std::string_view s) {
  if (s.empty()) return -1;
  int value = 0;
  const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), value);
  if (ec != std::errc{} || end != s.data() + s.size() || value < 0) return -1;
  return value;
}

bool is_separator(std::string_view trimmed) {
  return trimmed.size() >= 10 && trimmed.find_first_not_of('=') == std::string_view::npos;
}

// "/x/y.cpp:8:38" -> file, line 8, column 38; "y.h" -> file only.
void split_location(std::string_view loc, Frame& f) {
  int numbers[2] = {-1, -1};
  int count = 0;
  while (count < 2) {
    const std::size_t colon = loc.rfind(':');
    if (colon == std::string_view::npos) break;
    const int n = to_int(loc.substr(colon + 1));
    if (n < 0) break;
    numbers[count++] = n;
    loc = loc.substr(0, colon);
  }
  f.file = std::string(loc);
  if (count == 1) f.line = numbers[0];
  if (count == 2) {
    f.line = numbers[1];
    f.column = numbers[0];
  }
}

// "#3 function file:line:col (module+0x1234) (BuildId: ...)". Parsed from the
// right: function names contain spaces and parentheses, paths (almost) never.
Frame parse_frame(std::string_view trimmed) {
  Frame f;
  std::string_view rest = trimmed.substr(1);
  const std::size_t space = rest.find(' ');
  f.index = std::max(0, to_int(rest.substr(0, space)));
  rest = space == std::string_view::npos ? std::string_view{} : trim(rest.substr(space + 1));

  if (const std::size_t build_id = rest.rfind(" (BuildId: ");
      build_id != std::string_view::npos && ends_with(rest, ")")) {
    rest = trim(rest.substr(0, build_id));
  }
  if (const std::size_t open = rest.rfind(" ("); open != std::string_view::npos && ends_with(rest, ")")) {
    const std::string_view inner = rest.substr(open + 2, rest.size() - open - 3);
    if (const std::size_t plus = inner.find("+0x"); plus != std::string_view::npos) {
      f.module = std::string(inner.substr(0, plus));
      rest = trim(rest.substr(0, open));
    }
  }

  std::string_view function = rest;
  std::string_view location;
  if (ends_with(rest, " <null>")) {
    function = rest.substr(0, rest.size() - 7);
  } else {
    // An absolute path starts at the last " /" unless a '(' follows it (then
    // the " /" was inside the function's signature).
    std::size_t cut = rest.rfind(" /");
    if (cut == std::string_view::npos || rest.find('(', cut) != std::string_view::npos) cut = rest.rfind(' ');
    if (cut != std::string_view::npos) {
      function = rest.substr(0, cut);
      location = rest.substr(cut + 1);
    }
  }
  function = trim(function);
  if (function != "<null>") f.function = std::string(function);
  if (!location.empty()) split_location(location, f);
  return f;
}

// "... by thread T2 (mutexes: write M7)" -> "T2"; "... by main thread" -> "main thread".
std::string thread_of(std::string_view header) {
  if (contains(header, "by main thread") || contains(header, "in main thread")) return "main thread";
  for (const std::string_view marker : {std::string_view{"by thread "}, std::string_view{"in thread "}}) {
    if (const std::size_t at = header.find(marker); at != std::string_view::npos) {
      std::string_view name = header.substr(at + marker.size());
      name = name.substr(0, name.find_first_of(" :,)"));
      return std::string(name);
    }
  }
  return {};
}

// "Thread T2 (tid=6680, running) created by main thread at" -> "T2".
std::string thread_name(std::string_view header) {
  std::string_view name = header.substr(std::string_view{"Thread "}.size());
  return std::string(name.substr(0, name.find_first_of(" :")));
}

class LogParser {
 public:
  std::vector<TsanReport> run(std::string_view text) {
    const std::vector<std::string_view> lines = split_lines(text);
    for (std::size_t i = 0; i < lines.size(); ++i) {
      const std::string_view line = lines[i];
      const std::string_view trimmed = trim(line);
      if (starts_new_report(trimmed)) {
        finish();
        const bool after_separator = i > 0 && is_separator(trim(lines[i - 1]));
        open(trimmed, after_separator ? lines[i - 1] : std::string_view{});
        raw_line(line);
        continue;
      }
      if (!current_) continue;
      if (summary_seen_) {
        // The report ends at the separator after SUMMARY; anything else (the
        // program's output, "==pid==ABORTING") is no longer part of it.
        if (is_separator(trimmed)) raw_line(line);
        finish();
        continue;
      }
      raw_line(line);
      read_line(line, trimmed);
    }
    finish();
    return std::move(reports_);
  }

 private:
  static bool starts_new_report(std::string_view trimmed) {
    // A warning without "(pid=" is a notice about TSan itself (newer LLVMs
    // print one before re-executing with another memory layout), not a report.
    const std::size_t w = trimmed.find(kWarning);
    if (w != std::string_view::npos && contains(trimmed.substr(w), " (pid=")) return true;
    return trimmed.find(kError) != std::string_view::npos;
  }

  void open(std::string_view trimmed, std::string_view separator) {
    current_ = TsanReport{};
    summary_seen_ = false;
    stack_ = nullptr;
    if (!separator.empty()) raw_line(separator);
    if (const std::size_t w = trimmed.find(kWarning); w != std::string_view::npos) {
      std::string_view kind = trimmed.substr(w + kWarning.size());
      kind = kind.substr(0, kind.rfind(" (pid="));
      current_->kind = std::string(trim(kind));
      return;
    }
    // "==3019==ERROR: ThreadSanitizer: SEGV on unknown address 0x0000 (pc ...)"
    std::string_view kind = trimmed.substr(trimmed.find(kError) + kError.size());
    kind = kind.substr(0, kind.find(" (pc "));
    kind = kind.substr(0, kind.find(" 0x"));
    current_->kind = std::string(trim(kind));
  }

  void raw_line(std::string_view line) {
    current_->raw.append(line);
    current_->raw.push_back('\n');
  }

  void read_line(std::string_view line, std::string_view trimmed) {
    TsanReport& r = *current_;
    if (trimmed.empty()) {
      stack_ = nullptr;  // a blank line ends every stack
      return;
    }
    if (starts_with(trimmed, kSummary)) {
      r.summary = std::string(trimmed);
      summary_seen_ = true;
      return;
    }
    if (trimmed.size() > 1 && trimmed[0] == '#' && trimmed[1] >= '0' && trimmed[1] <= '9') {
      if (!stack_) {  // a stack right under the WARNING line: no header
        r.accesses.push_back(Access{});
        stack_ = &r.accesses.back().stack;
      }
      stack_->push_back(parse_frame(trimmed));
      return;
    }
    // Headers are indented by exactly two spaces; this keeps a program's own
    // output that lands inside a report (stderr mixed in) from being read as one.
    const bool header_indent = starts_with(line, "  ") && line.size() > 2 && line[2] != ' ';
    if (!header_indent) return;
    const std::string_view header = without_colon(trimmed);
    if (starts_with(trimmed, "Location is ")) {
      if (r.location.empty()) r.location = std::string(header);
      ignore_next_stack();  // the allocation stack of a heap block
    } else if (starts_with(trimmed, "Thread ") && ends_with(trimmed, ":")) {
      r.threads.push_back(ThreadInfo{thread_name(header), std::string(header), {}});
      stack_ = &r.threads.back().created_at;
    } else if (starts_with(trimmed, "Mutex ") && ends_with(trimmed, " created at:")) {
      ignore_next_stack();
    } else if (ends_with(trimmed, ":")) {
      Access a;
      a.description = std::string(header);
      a.thread = thread_of(header);
      // "Mutex M0 previously acquired by the same thread here"
      if (a.thread.empty() && contains(header, "the same thread") && !r.accesses.empty()) {
        a.thread = r.accesses.back().thread;
      }
      r.accesses.push_back(std::move(a));
      stack_ = &r.accesses.back().stack;
    }
  }

  void ignore_next_stack() {
    ignored_.clear();
    stack_ = &ignored_;
  }

  void finish() {
    if (current_) reports_.push_back(std::move(*current_));
    current_.reset();
    stack_ = nullptr;
    summary_seen_ = false;
  }

  std::vector<TsanReport> reports_;
  std::optional<TsanReport> current_;
  std::vector<Frame>* stack_ = nullptr;  // where the next frames go
  std::vector<Frame> ignored_;           // frames of stacks nobody needs
  bool summary_seen_ = false;
};

}  // namespace

std::vector<TsanReport> parse_tsan_log(std::string_view text) { return LogParser{}.run(text); }

bool has_unexpected_memory_mapping(std::string_view text) {
  return contains(text, "ThreadSanitizer: unexpected memory mapping");
}

}  // namespace parlab::grader::race
