// GitHub Actions workflow commands: an ::error on the student's source line
// for each failed check, a ::warning for each inconclusive one, and a final
// ::notice with the points (the same "Points X/Y" the Classroom reporter
// writes).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "core/result.hpp"

namespace parlab::grader::report {

struct AnnotationOptions {
  // Prepended to Location::file, which is relative to the submission folder,
  // so the annotation lands on the file in the repository (e.g. "exercises/").
  std::string path_prefix;
  // GitHub shows about 10 errors and 10 warnings per step; more are dropped
  // silently, so the grader drops them itself and says so in the notice.
  std::size_t max_errors = 10;
  std::size_t max_warnings = 10;
};

std::string github_annotations(const GradeReport& report, const AnnotationOptions& options = {});

// Escaping of workflow-command data (after "::"): % CR LF.
std::string escape_annotation_data(std::string_view text);
// Escaping of a property value (file=, title=): also ':' and ','.
std::string escape_annotation_property(std::string_view text);

}  // namespace parlab::grader::report
