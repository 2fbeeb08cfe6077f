// Gradescope's results.json (/autograder/results/results.json): one test per
// check, named "<exercise id> · <check>", with Markdown output.
#pragma once

#include <string>

#include "core/result.hpp"

namespace parlab::grader::report {

struct GradescopeOptions {
  // Visibility of the results and of every test: hidden, after_due_date,
  // after_published or visible.
  std::string visibility = "visible";
  // The model has no per-check "hidden" flag, so when the grade includes
  // hidden tests (GradeReport::hidden_tests) every "tests" check gets this
  // visibility: its output could reveal the hidden cases.
  std::string hidden_visibility = "after_published";
};

std::string to_gradescope(const GradeReport& report, const GradescopeOptions& options = {});

}  // namespace parlab::grader::report
