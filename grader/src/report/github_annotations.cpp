#include "report/github_annotations.hpp"

#include <fmt/format.h>

#include "report/advice.hpp"
#include "report/text.hpp"

namespace parlab::grader::report {

namespace {

// An annotation is read in a narrow box beside the code: a few lines of
// details, the rest is in the job summary.
constexpr std::size_t kDetailLines = 10;
constexpr std::size_t kDetailBytes = 2 * 1024;

std::string annotation_message(const Check& c) {
  std::string text = clean_text(c.message);
  if (c.speedup) text += fmt::format("\n{}", speedup_verdict(*c.speedup));
  const std::string step = c.next_step;
  if (!step.empty()) text += fmt::format("\nNext step: {}", step);
  const std::string details = clean_text(c.details);
  if (!details.empty()) {
    std::size_t dropped = 0;
    text += fmt::format("\n\n{}", head_lines(details, kDetailLines, kDetailBytes, &dropped));
    if (dropped > 0) text += fmt::format("\n… {} in the job summary", plural(dropped, "more line"));
  }
  return text;
}

std::string annotation(const char* command, const AnnotationOptions& options, const ExerciseResult& e,
                       const Check& c) {
  std::string properties;
  if (c.location && c.location->known()) {
    properties += fmt::format("file={},", escape_annotation_property(options.path_prefix + c.location->file));
    if (c.location->line > 0) properties += fmt::format("line={},", c.location->line);
    if (c.location->line > 0 && c.location->column > 0) properties += fmt::format("col={},", c.location->column);
  }
  properties += fmt::format("title={}", escape_annotation_property(clean_text(fmt::format("{} · {}", e.id, to_string(c.id)))));
  return fmt::format("::{} {}::{}\n", command, properties, escape_annotation_data(annotation_message(c)));
}

}  // namespace

std::string escape_annotation_data(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (const char c : text) {
    switch (c) {
      case '%': out += "%25"; break;
      case '\r': out += "%0D"; break;
      case '\n': out += "%0A"; break;
      default: out += c;
    }
  }
  return out;
}

std::string escape_annotation_property(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (const char c : escape_annotation_data(text)) {
    switch (c) {
      case ':': out += "%3A"; break;
      case ',': out += "%2C"; break;
      default: out += c;
    }
  }
  return out;
}

std::string github_annotations(const GradeReport& report, const AnnotationOptions& options) {
  std::string out;
  std::size_t errors = 0;
  std::size_t warnings = 0;
  std::size_t dropped = 0;
  for (const ExerciseResult& e : report.exercises) {
    for (const Check& c : e.checks) {
      if (c.status == Status::fail || c.status == Status::error) {
        if (errors++ < options.max_errors) {
          out += annotation("error", options, e, c);
        } else {
          ++dropped;
        }
      } else if (c.status == Status::inconclusive) {
        if (warnings++ < options.max_warnings) {
          out += annotation("warning", options, e, c);
        } else {
          ++dropped;
        }
      }
    }
  }
  std::string points = fmt::format("Points {}", format_score(report.score(), report.max_score()));
  if (dropped > 0) {
    points += fmt::format(" ({} not annotated: GitHub shows only about {} per step; see the job summary)",
                          plural(dropped, "more problem"), options.max_errors);
  }
  out += fmt::format("::notice title=Points::{}\n", escape_annotation_data(points));
  return out;
}

}  // namespace parlab::grader::report
