#include "report/markdown_report.hpp"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "report/markdown_text.hpp"
#include "report/text.hpp"

namespace parlab::grader::report {

namespace {

// Enough for a compiler error or a TSan report's two stacks; the job summary
// is capped at 1 MiB per step, so six exercises must fit with room to spare.
constexpr std::size_t kDetailLines = 40;

std::string check_cell(const ExerciseResult& e, CheckId id) {
  const Check* c = e.find(id);
  if (c == nullptr) return " ";
  std::string cell = status_emoji(c->status);
  if (c->speedup && c->status != Status::skipped) {
    cell += fmt::format(" {}", format_speedup(c->speedup->measured));
    if (c->status != Status::pass) cell += fmt::format(" / {}", format_speedup(c->speedup->required));
  }
  return cell;
}

bool worth_a_section(const Check& c) {
  // Skipped checks only follow from an earlier problem, which has its own section.
  return c.status == Status::fail || c.status == Status::error || c.status == Status::inconclusive;
}

std::string context_line(const GradeReport& r) {
  std::string line = fmt::format("Graded {} with parlab {} on {} in {:.1f} s", markdown_code(r.submission),
                                 markdown_escape(r.kit_version), plural(static_cast<std::size_t>(std::max(0, r.usable_cores)), "usable core"),
                                 std::isfinite(r.seconds) ? r.seconds : 0.0);
  line += r.hidden_tests ? " · hidden tests included" : " · public tests only";
  if (!r.sandbox.empty()) {
    // The sandbox line may already say "sandbox: ..."; say it once.
    const bool labelled = r.sandbox.rfind("sandbox", 0) == 0;
    line += fmt::format(" · {}{}", labelled ? "" : "sandbox: ", markdown_escape(r.sandbox));
  }
  return line;
}

}  // namespace

std::string to_markdown(const GradeReport& report) {
  std::string out = fmt::format("## parlab: {} / {} points {}\n\n", format_points(report.score()),
                                format_points(report.max_score()), report.passed() ? "✅" : "❌");
  out += "| exercise | build | tests | race | speedup | points |\n";
  out += "|:--|:-:|:-:|:-:|:-:|--:|\n";
  for (const ExerciseResult& e : report.exercises) {
    out += fmt::format("| {} | {} | {} | {} | {} | {} / {} |\n", markdown_code(e.id), check_cell(e, CheckId::build),
                       check_cell(e, CheckId::tests), check_cell(e, CheckId::race), check_cell(e, CheckId::speedup),
                       format_points(e.score), format_points(e.max_score));
  }
  out += fmt::format("| **total** | | | | | **{} / {}** |\n\n", format_points(report.score()),
                     format_points(report.max_score()));
  out += "✅ passed · ❌ failed · 💥 could not run · ⚠️ inconclusive: grade again · ➖ skipped\n\n";
  out += fmt::format("<sub>{}</sub>\n\n", context_line(report));

  bool any_section = false;
  for (const ExerciseResult& e : report.exercises) {
    for (const Check& c : e.checks) {
      if (!worth_a_section(c)) continue;
      any_section = true;
      out += fmt::format("### {} {} · {}\n\n", status_emoji(c.status), markdown_code(e.id), markdown_escape(to_string(c.id)));
      if (!e.title.empty()) out += fmt::format("*{}* · {} points\n\n", markdown_escape(e.title), format_score(c.score, c.max_score));
      out += check_markdown(e, c, kDetailLines);
    }
  }
  if (!any_section && !report.exercises.empty()) out += "Every check that ran passed.\n";
  return out;
}

}  // namespace parlab::grader::report
