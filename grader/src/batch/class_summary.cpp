#include "batch/class_summary.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <fmt/format.h>
#include <map>

#include "batch/roster.hpp"
#include "report/markdown_text.hpp"
#include "report/text.hpp"
#include "report/junit_report.hpp"  // xml_escape_attribute

namespace parlab::grader::batch {

namespace {

void add_to_band(PointsDistribution& d, double score, double max_score) {
  constexpr double kEpsilon = 1e-9;
  if (score <= kEpsilon) {
    ++d.zero;
  } else if (score >= max_score - kEpsilon) {
    ++d.full;
  } else if (score < max_score / 2) {
    ++d.low;
  } else {
    ++d.high;
  }
}

// "3 of 8 tests failed (2.4 s)" -> "# of # tests failed (#.# s)"
std::string blank_numbers(const std::string& message) {
  std::string out;
  bool in_number = false;
  for (const char c : message) {
    if (std::isdigit(static_cast<unsigned char>(c)) != 0) {
      if (!in_number) out += '#';
      in_number = true;
    } else {
      out += c;
      in_number = false;
    }
  }
  return out;
}

// Pipeline order; a name no check has sorts last.
int check_rank(const std::string& check) {
  const auto id = parse_check_id(check);
  return id ? static_cast<int>(*id) : static_cast<int>(kCheckIds.size());
}

std::string percent(int part, int whole) {
  return whole == 0 ? "–" : fmt::format("{:.0f}%", 100.0 * part / whole);
}

std::string student_list(const std::vector<std::string>& students, std::size_t shown) {
  std::string out;
  for (std::size_t i = 0; i < students.size() && i < shown; ++i) {
    out += (i == 0 ? "" : ", ") + report::markdown_escape(students[i]);
  }
  if (students.size() > shown) out += fmt::format(" and {} more", students.size() - shown);
  return out;
}


}  // namespace

std::vector<PointsDistribution> distributions(const BatchSettings& settings, const std::vector<StudentState>& states) {
  std::vector<PointsDistribution> bars;
  for (const auto& e : settings.exercises) {
    PointsDistribution d;
    d.label = e.id;
    for (const StudentState& s : states) {
      if (!s.has_points()) continue;
      const ExerciseOutcome* outcome = s.find(e.id);
      add_to_band(d, outcome != nullptr ? outcome->score : 0.0, e.points);
    }
    bars.push_back(d);
  }
  PointsDistribution total;
  total.label = "total";
  for (const StudentState& s : states) {
    if (s.has_points()) add_to_band(total, s.total(), settings.max_points());
  }
  bars.push_back(total);
  return bars;
}

std::vector<CommonProblem> common_problems(const std::vector<StudentState>& states, std::size_t limit) {
  std::map<std::array<std::string, 4>, CommonProblem> groups;  // (exercise, check, status, blanked message)
  for (const StudentState& s : states) {
    for (const ExerciseOutcome& e : s.exercises) {
      for (const CheckProblem& p : e.problems) {
        auto& g = groups[{e.id, p.check, p.status, blank_numbers(p.message)}];
        if (g.students.empty()) g = CommonProblem{e.id, p.check, p.status, p.message, {}};
        if (g.students.empty() || g.students.back() != s.student) g.students.push_back(s.student);
      }
    }
  }
  std::vector<CommonProblem> problems;
  for (auto& [key, g] : groups) problems.push_back(std::move(g));
  std::stable_sort(problems.begin(), problems.end(), [](const CommonProblem& a, const CommonProblem& b) {
    if (a.students.size() != b.students.size()) return a.students.size() > b.students.size();
    if (a.exercise != b.exercise) return a.exercise < b.exercise;
    return check_rank(a.check) < check_rank(b.check);
  });
  if (problems.size() > limit) problems.resize(limit);
  return problems;
}

std::string summary_markdown(const BatchSettings& settings, const std::vector<StudentState>& states,
                             const std::string& chart_file) {
  std::map<std::string, int> by_status;
  for (const StudentState& s : states) ++by_status[s.status];
  std::string md = "# Class summary\n\n";
  md += fmt::format("{} entries in `{}`:", states.size(), settings.submissions.string());
  for (const auto& [status, count] : by_status) md += fmt::format(" {} {},", count, status);
  md.back() = '.';
  md += fmt::format("\nGraded with hidden tests; speedup check {}; kit {}.\n\n", settings.timing ? "on" : "off",
                    settings.kit_version);
  md += fmt::format("![Points per exercise: zero, below half, half or more, full marks]({})\n\n", chart_file);

  md += "## Points per exercise\n\nOver the students with points (graded, or nothing to grade).\n\n";
  md += "| exercise | students | mean | median | 0 | < half | ≥ half | full |\n|---|---|---|---|---|---|---|---|\n";
  const auto bars = distributions(settings, states);
  for (std::size_t i = 0; i < bars.size(); ++i) {
    std::vector<double> points;
    const bool is_total = i == settings.exercises.size();
    for (const StudentState& s : states) {
      if (!s.has_points()) continue;
      const ExerciseOutcome* outcome = is_total ? nullptr : s.find(settings.exercises[i].id);
      points.push_back(is_total ? s.total() : (outcome != nullptr ? outcome->score : 0.0));
    }
    std::sort(points.begin(), points.end());
    double mean = 0;
    for (const double p : points) mean += p;
    const std::size_t n = points.size();
    mean = n == 0 ? 0 : mean / static_cast<double>(n);
    const double median = n == 0 ? 0 : (n % 2 == 1 ? points[n / 2] : (points[n / 2 - 1] + points[n / 2]) / 2);
    const double max = is_total ? settings.max_points() : settings.exercises[i].points;
    md += fmt::format("| {} | {} | {} | {} | {} | {} | {} | {} |\n", is_total ? "**total**" : bars[i].label, n,
                      report::format_score(mean, max), report::format_points(median), bars[i].zero, bars[i].low,
                      bars[i].high, bars[i].full);
  }

  md += "\n## Checks passed\n\nStudents whose check passed, of those graded.\n\n| exercise |";
  for (const CheckId check : kCheckIds) md += fmt::format(" {} |", to_string(check));
  md += "\n|---|---|---|---|---|\n";
  for (std::size_t i = 0; i < settings.exercises.size(); ++i) {
    std::array<int, 4> passed{};
    int graded = 0;
    for (const StudentState& s : states) {
      const ExerciseOutcome* e = s.find(settings.exercises[i].id);
      if (e == nullptr) continue;
      ++graded;
      for (std::size_t k = 0; k < e->statuses.size() && k < passed.size(); ++k) passed[k] += e->statuses[k] == "pass";
    }
    md += fmt::format("| {} |", settings.exercises[i].id);
    for (const int p : passed) md += fmt::format(" {} ({}) |", p, percent(p, graded));
    md += "\n";
  }

  const auto problems = common_problems(states, 10);
  md += "\n## Most common problems\n\n";
  if (problems.empty()) {
    md += "None: every graded check passed.\n";
  } else {
    md += "| students | exercise | check | problem | who |\n|---|---|---|---|---|\n";
    for (const CommonProblem& p : problems) {
      md += fmt::format("| {} | {} | {} {} | {} | {} |\n", p.students.size(), p.exercise, p.check, p.status,
                        report::markdown_escape(p.example), student_list(p.students, 5));
    }
  }

  std::string not_graded;
  for (const StudentState& s : states) {
    if (s.status == kGraded || s.status == kInconclusive) continue;
    not_graded += fmt::format("| {} | {} | {} |\n", report::markdown_escape(s.student), s.status,
                              report::markdown_escape(s.message));
  }
  if (!not_graded.empty()) {
    md += "\n## Not graded\n\n| folder | status | what to do |\n|---|---|---|\n" + not_graded;
  }
  return md;
}

std::string summary_svg(const std::vector<PointsDistribution>& bars) {
  // Layout in pixels: a label column, then one 100%-wide stacked bar per row.
  constexpr int kLabel = 170;
  constexpr int kBar = 420;
  constexpr int kRow = 28;
  constexpr int kTop = 34;
  const int height = kTop + static_cast<int>(bars.size()) * kRow + 40;
  const int width = kLabel + kBar + 20;
  struct Band {
    const char* name;
    const char* color;
    int PointsDistribution::*count;
  };
  const Band bands[] = {{"0 points", "#d73a49", &PointsDistribution::zero},
                        {"below half", "#f0883e", &PointsDistribution::low},
                        {"half or more", "#dbab09", &PointsDistribution::high},
                        {"full marks", "#28a745", &PointsDistribution::full}};
  std::string svg = fmt::format(
      "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{0}\" height=\"{1}\" viewBox=\"0 0 {0} {1}\" "
      "font-family=\"sans-serif\" font-size=\"12\">\n"
      "<title>Points per exercise: students by band</title>\n"
      "<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n"
      "<text x=\"10\" y=\"20\" font-size=\"14\" font-weight=\"bold\">Students by points, per exercise</text>\n",
      width, height);
  for (std::size_t i = 0; i < bars.size(); ++i) {
    const PointsDistribution& d = bars[i];
    const int y = kTop + static_cast<int>(i) * kRow;
    svg += fmt::format("<text x=\"10\" y=\"{}\">{}</text>\n", y + 15, report::xml_escape_attribute(d.label));
    const int n = d.graded();
    if (n == 0) {
      svg += fmt::format("<text x=\"{}\" y=\"{}\" fill=\"#6a737d\">no students with points</text>\n", kLabel, y + 15);
      continue;
    }
    double x = kLabel;
    for (const Band& b : bands) {
      const int count = d.*b.count;
      if (count == 0) continue;
      const double w = kBar * static_cast<double>(count) / n;
      svg += fmt::format(
          "<rect x=\"{:.1f}\" y=\"{}\" width=\"{:.1f}\" height=\"20\" fill=\"{}\"><title>{}: {} {}</title></rect>\n", x,
          y, w, b.color, report::xml_escape_attribute(d.label), count, b.name);
      if (w >= 18) {
        svg += fmt::format("<text x=\"{:.1f}\" y=\"{}\" fill=\"white\" text-anchor=\"middle\">{}</text>\n", x + w / 2,
                           y + 14, count);
      }
      x += w;
    }
  }
  const int legend_y = kTop + static_cast<int>(bars.size()) * kRow + 16;
  int lx = 10;
  for (const Band& b : bands) {
    svg += fmt::format("<rect x=\"{}\" y=\"{}\" width=\"12\" height=\"12\" fill=\"{}\"/>", lx, legend_y - 10, b.color);
    svg += fmt::format("<text x=\"{}\" y=\"{}\">{}</text>\n", lx + 16, legend_y, b.name);
    lx += 130;
  }
  return svg + "</svg>\n";
}

}  // namespace parlab::grader::batch
