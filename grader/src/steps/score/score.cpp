#include "steps/score/score.hpp"

#include <cmath>

namespace parlab::grader::steps {

namespace {

double round2(double x) { return std::round(x * 100.0) / 100.0; }

}  // namespace

void score(ExerciseResult& result, const Manifest& manifest) {
  const double points = manifest.points;
  const Check* tests = result.find(CheckId::tests);
  const bool all_tests_pass = tests != nullptr && tests->status == Status::pass;
  const int tests_passed = tests != nullptr && tests->tests ? tests->tests->passed : 0;
  const int tests_total = tests != nullptr && tests->tests ? tests->tests->total : 0;
  result.score = 0;
  result.max_score = 0;
  for (Check& c : result.checks) {
    if (c.id == CheckId::tests) {
      c.max_score = round2(points * manifest.scoring.tests);
      c.score = tests_total > 0 ? round2(c.max_score * tests_passed / tests_total) : 0;
    } else if (c.id == CheckId::race) {
      c.max_score = round2(points * manifest.scoring.race);
      c.score = c.status == Status::pass && all_tests_pass ? c.max_score : 0;
    } else if (c.id == CheckId::speedup) {
      c.max_score = round2(points * manifest.scoring.speedup);
      c.score = c.status == Status::pass ? c.max_score : 0;
    } else {
      c.max_score = 0;
      c.score = 0;
    }
    result.score += c.score;
    result.max_score += c.max_score;
  }
  result.score = round2(result.score);
  result.max_score = round2(result.max_score);
}

}  // namespace parlab::grader::steps
