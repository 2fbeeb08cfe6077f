// The grader's own JSON format: everything in the GradeReport, so a batch
// run can store one file per student and reload it later (to re-render
// other formats or aggregate a class) without grading again.
// The schema is in docs/grader-output.md.
#pragma once

#include <stdexcept>
#include <string>

#include "core/result.hpp"

namespace parlab::grader::report {

inline constexpr int kJsonSchemaVersion = 1;

// Pretty-printed JSON (2-space indent), keys in a fixed, documented order.
// Non-finite numbers are written as null; text is made valid UTF-8.
std::string to_json(const GradeReport& report);

// Thrown by from_json with the path of the offending field in what().
class ReportFormatError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Reads what to_json wrote. The derived fields (passed, top-level score and
// max_score) are recomputed from the data, not read. Unknown keys are
// ignored, so a newer grader's extra fields do not break an older reader.
// Throws ReportFormatError on a missing field, a wrong type or another
// schema_version.
GradeReport from_json(const std::string& text);

}  // namespace parlab::grader::report
