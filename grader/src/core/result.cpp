#include "core/result.hpp"

#include <algorithm>
#include <fmt/format.h>

namespace parlab::grader {

const char* to_string(Status s) {
  switch (s) {
    case Status::pass: return "pass";
    case Status::fail: return "fail";
    case Status::error: return "error";
    case Status::inconclusive: return "inconclusive";
    case Status::skipped: return "skipped";
  }
  return "error";
}

const char* to_string(CheckId id) {
  switch (id) {
    case CheckId::build: return "build";
    case CheckId::tests: return "tests";
    case CheckId::race: return "race";
    case CheckId::speedup: return "speedup";
  }
  return "build";
}

std::optional<CheckId> parse_check_id(std::string_view name) {
  for (const CheckId id : kCheckIds) {
    if (name == to_string(id)) return id;
  }
  return std::nullopt;
}

std::string Location::str() const {
  // fmt, not ":" + std::to_string(): GCC 12 warns falsely (-Wrestrict) on that.
  if (line > 0 && column > 0) return fmt::format("{}:{}:{}", file, line, column);
  if (line > 0) return fmt::format("{}:{}", file, line);
  return file;
}

bool ExerciseResult::passed() const {
  // Inconclusive and skipped checks do not fail an exercise: the machine, not
  // the student, kept them from a verdict (their points are still withheld).
  return !checks.empty() && std::none_of(checks.begin(), checks.end(), [](const Check& c) {
    return c.status == Status::fail || c.status == Status::error;
  });
}

const Check* ExerciseResult::find(CheckId check) const {
  for (const Check& c : checks) {
    if (c.id == check) return &c;
  }
  return nullptr;
}

double GradeReport::score() const {
  double s = 0;
  for (const auto& e : exercises) s += e.score;
  return s;
}

double GradeReport::max_score() const {
  double s = 0;
  for (const auto& e : exercises) s += e.max_score;
  return s;
}

bool GradeReport::passed() const {
  return std::all_of(exercises.begin(), exercises.end(), [](const ExerciseResult& e) { return e.passed(); });
}

}  // namespace parlab::grader
