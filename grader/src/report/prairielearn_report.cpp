#include "report/prairielearn_report.hpp"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "report/advice.hpp"
#include "report/terminal_table.hpp"
#include "report/text.hpp"

namespace parlab::grader::report {

namespace {

using ojson = nlohmann::ordered_json;

// Per-test output limits of the first attempt; halved until the file fits.
constexpr std::size_t kDetailLines = 200;
constexpr std::size_t kDetailBytes = 16 * 1024;
constexpr std::size_t kMessageBytes = 1024;

bool nothing_could_build(const GradeReport& report) {
  return !report.exercises.empty() && std::all_of(report.exercises.begin(), report.exercises.end(), [](const auto& e) {
    const Check* build = e.find(CheckId::build);
    return build != nullptr && build->status == Status::error;
  });
}

std::string one_line(std::string_view text) { return head_lines(clean_text(text), 1, kMessageBytes); }

std::string summary(const GradeReport& report, bool gradable) {
  const std::string graded_on = fmt::format("graded on {} usable core{}{}", report.usable_cores,
                                            report.usable_cores == 1 ? "" : "s",
                                            report.hidden_tests ? " · hidden tests included" : "");
  std::string out;
  if (gradable) {
    out = fmt::format("{} / {} points · {}", format_points(report.score()), format_points(report.max_score()),
                      graded_on);
  } else {
    out = "Nothing could be built, so this submission was not graded and used no attempt: fix the build problems "
          "below and submit again.\n(" + graded_on + ")";
  }
  // The hosts, not the students, decide the cores: say it where staff look.
  if (gradable && report.usable_cores > 0 && report.usable_cores < 2) {
    out += "\nFewer than 2 usable cores: speedups were not judged (no points, no failure). Course staff: grade on "
           "hosts with 2 or more cores and regrade.";
  }
  return out;
}

// The grader's "missing file F: copy it from the kit's exercises/..." speaks
// to a student working in the kit; here the file was not uploaded.
std::string build_problem(const ExerciseResult& e, const Check& c) {
  if (!c.missing_file.empty()) {
    const std::string& file = c.missing_file;
    const std::size_t slash = file.rfind('/');
    return fmt::format("{}: {} was not submitted: upload it and submit again", e.id,
                       slash == std::string::npos ? file : file.substr(slash + 1));
  }
  return fmt::format("{}: {}", e.id, one_line(c.message));
}

std::string test_message(const Check& c) {
  std::string message = one_line(c.message);
  if (c.status == Status::pass) return message;
  if (c.speedup) message += fmt::format(" ({})", speedup_verdict(*c.speedup, false));
  const std::string step = c.next_step;
  if (!step.empty()) message += fmt::format("\nNext step: {}", step);
  return message;
}

// Budget 0 leaves the output out entirely.
std::string test_output(const ExerciseResult& e, const Check& c, std::size_t lines, std::size_t bytes) {
  if (lines == 0 || bytes == 0) return {};
  std::string out;
  if (c.location && c.location->known()) out += fmt::format("Where: {}\n", where(e, c));
  if (c.speedup && c.status != Status::pass) out += speedup_explanation(*c.speedup, false) + "\n";
  const std::string details = clean_text(c.details);
  if (!details.empty()) {
    std::size_t dropped = 0;
    out += head_lines(details, lines, bytes, &dropped);
    if (!out.empty() && out.back() != '\n') out += '\n';
    if (dropped > 0) out += fmt::format("... {} in the grader's full report\n", plural(dropped, "more line"));
  }
  return out;
}

std::string render(const GradeReport& report, std::size_t lines, std::size_t bytes, bool with_table) {
  const bool gradable = !nothing_could_build(report);
  ojson tests = ojson::array();
  ojson format_errors = ojson::array();
  for (const ExerciseResult& e : report.exercises) {
    for (const Check& c : e.checks) {
      tests.push_back(ojson{
          {"name", fmt::format("{} · {}", e.id, to_string(c.id))},
          {"description", check_description(c.id)},
          {"points", std::isfinite(c.score) ? c.score : 0.0},
          {"max_points", std::isfinite(c.max_score) ? c.max_score : 0.0},
          {"message", test_message(c)},
          {"output", test_output(e, c, lines, bytes)},
      });
      if (c.id == CheckId::build && c.status == Status::error) {
        format_errors.push_back(build_problem(e, c));
      }
    }
  }
  ojson results{{"gradable", gradable}};
  if (gradable) {
    const double max = report.max_score();
    const double score = max > 0 && std::isfinite(report.score()) ? report.score() / max : 0.0;
    results["score"] = std::clamp(score, 0.0, 1.0);
  }
  results["message"] = summary(report, gradable);
  results["output"] = with_table ? format_table(report, false) : "";
  if (!gradable) results["format_errors"] = std::move(format_errors);
  results["tests"] = std::move(tests);
  return results.dump(2, ' ', false, ojson::error_handler_t::replace) + "\n";
}

}  // namespace

std::string to_prairielearn(const GradeReport& report, std::size_t max_bytes) {
  std::size_t lines = kDetailLines;
  std::size_t bytes = kDetailBytes;
  for (;;) {
    std::string text = render(report, lines, bytes, true);
    if (text.size() <= max_bytes) return text;
    if (lines == 0) break;
    lines /= 2;
    bytes /= 2;
    if (bytes < 64) lines = bytes = 0;
  }
  // Only a report with thousands of exercises gets here: names and points
  // are all that is left to keep.
  return render(report, 0, 0, false);
}

}  // namespace parlab::grader::report
