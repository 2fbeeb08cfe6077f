#include "report/markdown_text.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "report/advice.hpp"
#include "report/text.hpp"

namespace parlab::grader::report {

namespace {

// Characters that start markup anywhere in a line. The ones that only do so
// at the start of a line are handled in markdown_escape.
constexpr std::string_view kInlineMarkup = "\\`*_[]<>|~&";

// The longest run of `c` in `text`.
std::size_t longest_run(std::string_view text, char c) {
  std::size_t longest = 0;
  std::size_t run = 0;
  for (const char x : text) {
    run = x == c ? run + 1 : 0;
    longest = std::max(longest, run);
  }
  return longest;
}

// Bytes of details kept per check: the GitHub job summary allows 1 MiB per
// step and Gradescope shows output inline, so a compiler's megabyte of
// template errors is cut to what a person reads anyway.
constexpr std::size_t kMaxDetailBytes = 8 * 1024;

}  // namespace

std::string markdown_escape(std::string_view raw) {
  const std::string text = clean_text(raw);
  // Markup that only counts at the start of a line and before a blank:
  // "# heading", "- item", "+ item", "1. item", "2) item".
  const auto blank_after = [&](std::size_t i) { return i + 1 == text.size() || text[i + 1] == ' '; };
  std::size_t digits = 0;
  while (digits < text.size() && text[digits] >= '0' && text[digits] <= '9') ++digits;
  const bool ordered = digits > 0 && digits < text.size() && (text[digits] == '.' || text[digits] == ')') &&
                       blank_after(digits);
  const std::size_t line_start_marker =
      ordered ? digits
      : !text.empty() && (text[0] == '#' || ((text[0] == '-' || text[0] == '+') && blank_after(0))) ? 0
                                                                                                    : std::string::npos;
  std::string out;
  out.reserve(text.size() + text.size() / 4);
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '\n' || c == '\r' || c == '\t') {
      out += ' ';
    } else if (i == line_start_marker || kInlineMarkup.find(c) != std::string_view::npos) {
      out += '\\';
      out += c;
    } else {
      out += c;
    }
  }
  return out;
}

std::string markdown_code(std::string_view raw) {
  std::string text = clean_text(raw);
  std::replace(text.begin(), text.end(), '\n', ' ');
  const std::string fence(longest_run(text, '`') + 1, '`');
  // A space on each side keeps a leading or trailing backtick from joining the fence.
  const bool pad = !text.empty() && (text.front() == '`' || text.back() == '`');
  return pad ? fence + " " + text + " " + fence : fence + text + fence;
}

std::string markdown_fence(std::string_view raw) {
  const std::string text = clean_text(raw);
  const std::string fence(std::max<std::size_t>(3, longest_run(text, '`') + 1), '`');
  std::string out = fence + "text\n" + text;
  if (!text.empty() && text.back() != '\n') out += '\n';
  out += fence + "\n";
  return out;
}

const char* status_emoji(Status s) {
  switch (s) {
    case Status::pass: return "✅";
    case Status::fail: return "❌";
    case Status::error: return "💥";
    case Status::inconclusive: return "⚠️";
    case Status::skipped: return "➖";
  }
  return "❔";
}

std::string check_markdown(const ExerciseResult& exercise, const Check& check, std::size_t max_detail_lines) {
  std::string out;
  if (!check.message.empty()) out += fmt::format("{} {}\n\n", status_emoji(check.status), markdown_escape(check.message));
  if (check.location && check.location->known()) out += fmt::format("**Where:** {}\n\n", markdown_code(where(exercise, check)));
  const std::string step = check.next_step;
  if (!step.empty()) out += fmt::format("**Next step:** {}\n\n", markdown_escape(step));
  if (check.speedup) {
    out += fmt::format("**Speedup:** {}\n\n", markdown_escape(speedup_verdict(*check.speedup)));
    const std::string explanation = speedup_explanation(*check.speedup);
    for (const std::string_view line : split_lines(explanation)) {
      out += fmt::format("- {}\n", markdown_escape(line));
    }
    out += "\n";
  }
  const std::string details = clean_text(check.details);
  if (!details.empty()) {
    std::size_t dropped = 0;
    out += markdown_fence(head_lines(details, max_detail_lines, kMaxDetailBytes, &dropped));
    if (dropped > 0) out += fmt::format("\n*{} not shown; the JSON report has them all.*\n", plural(dropped, "more line"));
    out += "\n";
  }
  return out;
}

}  // namespace parlab::grader::report
