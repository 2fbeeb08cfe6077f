#include "report/terminal_table.hpp"

#include <algorithm>
#include <array>
#include <vector>

#include <fmt/format.h>

#include "report/advice.hpp"
#include "report/text.hpp"

namespace parlab::grader::report {

namespace {

constexpr std::size_t kDetailLines = 4;
constexpr std::size_t kDetailBytes = 1024;
constexpr const char* kBold = "\x1b[1m";
constexpr const char* kReset = "\x1b[0m";

using Row = std::array<std::string, 6>;

std::string check_cell(const ExerciseResult& e, CheckId id, bool color) {
  const Check* c = e.find(id);
  if (c == nullptr) return "";
  std::string cell = status_symbol(c->status, color);
  if (c->speedup && c->status != Status::skipped) {
    cell += fmt::format(" {}", format_speedup(c->speedup->measured, color));
    if (c->status != Status::pass) cell += fmt::format("/{}", format_speedup(c->speedup->required, color));
  }
  return colorize(cell, c->status, color);
}

std::string points_cell(double score, double max_score, bool color) {
  const std::string text = format_score(score, max_score);
  if (!color) return text;
  const Status look = score >= max_score ? Status::pass : score > 0 ? Status::inconclusive : Status::fail;
  return colorize(text, look, color);
}

// Pads to `width` display columns; colour escapes take no room.
std::string pad(const std::string& cell, std::size_t width, bool right) {
  const std::size_t w = display_width(cell);
  const std::string fill(width > w ? width - w : 0, ' ');
  return right ? fill + cell : cell + fill;
}

std::string table(const GradeReport& report, bool color) {
  std::vector<Row> rows;
  rows.push_back({"exercise", "build", "tests", "race", "speedup", "points"});
  for (const ExerciseResult& e : report.exercises) {
    rows.push_back({e.id, check_cell(e, CheckId::build, color), check_cell(e, CheckId::tests, color),
                    check_cell(e, CheckId::race, color), check_cell(e, CheckId::speedup, color),
                    points_cell(e.score, e.max_score, color)});
  }
  rows.push_back({"total", "", "", "", "", points_cell(report.score(), report.max_score(), color)});

  std::array<std::size_t, 6> widths{};
  for (const Row& row : rows) {
    for (std::size_t i = 0; i < row.size(); ++i) widths[i] = std::max(widths[i], display_width(row[i]));
  }
  std::string out;
  for (std::size_t r = 0; r < rows.size(); ++r) {
    std::string line;
    for (std::size_t i = 0; i < rows[r].size(); ++i) {
      if (i > 0) line += "  ";
      line += pad(rows[r][i], widths[i], i + 1 == rows[r].size());
    }
    // The header and the total frame the rows; bold is enough to show it.
    const bool frame = r == 0 || r + 1 == rows.size();
    out += color && frame ? kBold + line + kReset : line;
    out += '\n';
  }
  return out;
}

std::string legend(bool color) {
  std::string out;
  for (const auto& [status, meaning] : {std::pair{Status::pass, "passed"}, std::pair{Status::fail, "failed"},
                                        std::pair{Status::error, "could not run"},
                                        std::pair{Status::inconclusive, "inconclusive: grade again"},
                                        std::pair{Status::skipped, "skipped"}}) {
    if (!out.empty()) out += "   ";
    out += colorize(status_symbol(status, color), status, color) + " " + meaning;
  }
  return out + "\n";
}

// "  03_race_counter/race_counter.cpp:17: race: data race on 'counter' → hint"
// followed by the first lines of the details, indented.
std::string problem(const ExerciseResult& e, const Check& c, bool color) {
  const std::string location = where(e, c);
  std::string out = fmt::format("  {}: {}: {}", color ? kBold + location + kReset : location,
                                colorize(to_string(c.id), c.status, color), clean_text(c.message));
  if (c.speedup) out += fmt::format(" ({})", speedup_verdict(*c.speedup, color));
  const std::string step = c.next_step;
  if (!step.empty()) out += fmt::format(" {} {}", color ? "→" : "->", step);
  out += '\n';
  const std::string details = clean_text(c.details);
  if (!details.empty()) {
    std::size_t dropped = 0;
    const std::string head = head_lines(details, kDetailLines, kDetailBytes, &dropped);
    for (const std::string_view line : split_lines(head)) {
      out += fmt::format("      {}\n", line);
    }
    if (dropped > 0) out += fmt::format("      {} {} in the full report\n", color ? "…" : "...", plural(dropped, "more line"));
  }
  return out;
}

}  // namespace

std::string format_table(const GradeReport& report, bool color) {
  std::string out = table(report, color);
  std::string problems;
  for (const ExerciseResult& e : report.exercises) {
    for (const Check& c : e.checks) {
      // Skipped checks follow from an earlier problem, listed already.
      if (c.status == Status::pass || c.status == Status::skipped) continue;
      problems += problem(e, c, color);
    }
  }
  if (!problems.empty()) out += legend(color) + "\n" + problems;
  return out;
}

void print_table(const GradeReport& report, std::FILE* out, bool color) {
  const std::string text = format_table(report, color);
  std::fwrite(text.data(), 1, text.size(), out);
  std::fflush(out);
}

}  // namespace parlab::grader::report
