#include "report/junit_report.hpp"

#include <cmath>

#include <fmt/format.h>

#include "report/advice.hpp"
#include "report/text.hpp"

namespace parlab::grader::report {

namespace {

constexpr std::string_view kReplacement = "\xEF\xBF\xBD";  // U+FFFD

// A compiler can print megabytes of template errors; a report viewer needs
// the start, and the full text stays in the JSON report.
constexpr std::size_t kMaxBodyLines = 2000;
constexpr std::size_t kMaxBodyBytes = 64 * 1024;

std::string xml_escape(std::string_view raw, bool attribute) {
  const std::string text = valid_utf8(raw);
  std::string out;
  out.reserve(text.size() + text.size() / 8);
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    const auto u = static_cast<unsigned char>(c);
    switch (c) {
      case '&': out += "&amp;"; continue;
      case '<': out += "&lt;"; continue;
      case '>': out += "&gt;"; continue;
      case '"': out += attribute ? "&quot;" : "\""; continue;
      case '\'': out += attribute ? "&apos;" : "'"; continue;
      case '\t': out += attribute ? "&#9;" : "\t"; continue;
      case '\n': out += attribute ? "&#10;" : "\n"; continue;
      case '\r': out += attribute ? "&#13;" : "\r"; continue;
      default: break;
    }
    if (u < 0x20U) {
      out += kReplacement;  // not even &#1; is allowed in XML 1.0
    } else if (u == 0xEFU && i + 2 < text.size() && static_cast<unsigned char>(text[i + 1]) == 0xBFU &&
               (static_cast<unsigned char>(text[i + 2]) & 0xFEU) == 0xBEU) {
      out += kReplacement;  // U+FFFE or U+FFFF: not XML characters either
      i += 2;
    } else {
      out += c;
    }
  }
  return out;
}

std::string seconds_attr(double s) { return fmt::format("{:.3f}", std::isfinite(s) && s > 0 ? s : 0.0); }

struct Counts {
  std::size_t tests = 0, failures = 0, errors = 0, skipped = 0;
  double seconds = 0;
  void add(const Check& c) {
    ++tests;
    if (c.status == Status::fail) ++failures;
    if (c.status == Status::error) ++errors;
    if (c.status == Status::skipped || c.status == Status::inconclusive) ++skipped;
    if (std::isfinite(c.seconds)) seconds += c.seconds;
  }
  [[nodiscard]] std::string attributes() const {
    return fmt::format(R"(tests="{}" failures="{}" errors="{}" skipped="{}" time="{}")", tests, failures, errors,
                       skipped, seconds_attr(seconds));
  }
};

// The body of a <failure>, <error> or <skipped>: details, then for the
// speedup check how its verdict was computed.
std::string body(const Check& c) {
  std::string text = clean_text(c.details);
  std::size_t dropped = 0;
  text = head_lines(text, kMaxBodyLines, kMaxBodyBytes, &dropped);
  if (dropped > 0) text += fmt::format("\n… {} in the JSON report", plural(dropped, "more line"));
  if (c.speedup) {
    if (!text.empty()) text += "\n\n";
    text += speedup_explanation(*c.speedup);
  }
  const std::string step = c.next_step;
  if (!step.empty()) {
    if (!text.empty()) text += "\n\n";
    text += fmt::format("Next step: {}", step);
  }
  return text;
}

void write_testcase(std::string& out, const ExerciseResult& e, const Check& c) {
  out += fmt::format(R"(    <testcase name="{}" classname="{}" time="{}")", xml_escape_attribute(to_string(c.id)),
                     xml_escape_attribute(e.id), seconds_attr(c.seconds));
  // file/line let report actions annotate the student's source line.
  if (c.location && c.location->known()) {
    out += fmt::format(R"( file="{}")", xml_escape_attribute(c.location->file));
    if (c.location->line > 0) out += fmt::format(R"( line="{}")", c.location->line);
  }
  const std::string message = xml_escape_attribute(clean_text(c.message));
  const std::string points = format_score(c.score, c.max_score);
  switch (c.status) {
    case Status::pass:
      out += fmt::format(">\n      <system-out>{}</system-out>\n    </testcase>\n",
                         xml_escape_text(fmt::format("{}\npoints: {}", clean_text(c.message), points)));
      return;
    case Status::fail:
    case Status::error: {
      const char* element = c.status == Status::fail ? "failure" : "error";
      out += fmt::format(">\n      <{0} message=\"{1}\" type=\"{0}\">{2}</{0}>\n", element, message,
                         xml_escape_text(body(c)));
      break;
    }
    case Status::inconclusive:
    case Status::skipped: {
      // JUnit has no "inconclusive": it is reported as skipped, and says so.
      const bool say_inconclusive = c.status == Status::inconclusive && c.message.rfind("inconclusive", 0) != 0;
      out += fmt::format(">\n      <skipped message=\"{}{}\">{}</skipped>\n", say_inconclusive ? "inconclusive: " : "",
                         message, xml_escape_text(body(c)));
      break;
    }
  }
  out += fmt::format("      <system-out>points: {}</system-out>\n    </testcase>\n", points);
}

}  // namespace

std::string xml_escape_text(std::string_view text) { return xml_escape(text, false); }
std::string xml_escape_attribute(std::string_view text) { return xml_escape(text, true); }

std::string to_junit(const GradeReport& report) {
  Counts total;
  std::string suites;
  for (const ExerciseResult& e : report.exercises) {
    Counts counts;
    for (const Check& c : e.checks) {
      counts.add(c);
      total.add(c);
    }
    suites += fmt::format("  <testsuite name=\"{}\" {}>\n", xml_escape_attribute(e.id), counts.attributes());
    // Points are not a JUnit notion; properties carry them for tools that read them.
    suites += "    <properties>\n";
    suites += fmt::format("      <property name=\"title\" value=\"{}\"/>\n", xml_escape_attribute(e.title));
    suites += fmt::format("      <property name=\"score\" value=\"{}\"/>\n", format_points(e.score));
    suites += fmt::format("      <property name=\"max_score\" value=\"{}\"/>\n", format_points(e.max_score));
    suites += "    </properties>\n";
    for (const Check& c : e.checks) write_testcase(suites, e, c);
    suites += "  </testsuite>\n";
  }
  std::string out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  // The whole run's time (staging and calibration included), when known.
  if (std::isfinite(report.seconds) && report.seconds > 0) total.seconds = report.seconds;
  out += fmt::format("<testsuites name=\"parlab\" {}>\n", total.attributes());
  out += suites;
  out += "</testsuites>\n";
  return out;
}

}  // namespace parlab::grader::report
