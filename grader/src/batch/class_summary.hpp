// The class at a glance, for the instructor: how the points of each
// exercise are distributed, which checks students pass, and the most common
// problems, so a lecture can address them. Markdown with an SVG chart beside
// it (hand-written SVG: no plotting dependency, and it renders on GitHub).
#pragma once

#include <string>
#include <vector>

#include "batch/batch_settings.hpp"
#include "batch/student_state.hpp"

namespace parlab::grader::batch {

// Students per band of points, for one exercise (or the total).
struct PointsDistribution {
  std::string label;  // exercise id, or "total"
  int zero = 0;       // 0 points
  int low = 0;        // more than 0, below half
  int high = 0;       // half or more, below full marks
  int full = 0;       // full marks
  [[nodiscard]] int graded() const { return zero + low + high + full; }
};

// One distribution per exercise, then the total, over students with points.
std::vector<PointsDistribution> distributions(const BatchSettings& settings, const std::vector<StudentState>& states);

// A problem and how many students have it. Messages are grouped with their
// numbers blanked out ("3 of 8 tests failed" and "5 of 8 tests failed" are
// one problem); `example` is the first message of the group as it was.
struct CommonProblem {
  std::string exercise;
  std::string check;
  std::string status;
  std::string example;
  std::vector<std::string> students;
};

// Most frequent first (ties: exercise, then check order), at most `limit`.
std::vector<CommonProblem> common_problems(const std::vector<StudentState>& states, std::size_t limit);

// summary.md; `chart_file` is the SVG's name beside it, linked from the text.
std::string summary_markdown(const BatchSettings& settings, const std::vector<StudentState>& states,
                             const std::string& chart_file);

// summary.svg: one stacked bar per exercise and one for the total.
std::string summary_svg(const std::vector<PointsDistribution>& bars);

}  // namespace parlab::grader::batch
