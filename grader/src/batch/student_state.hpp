// One student's outcome in a batch, as the gradebook and the class summary
// need it, stored in OUT/students/<name>/state.json. The state file is
// written last, atomically, once the reports are in place: its presence
// (with a matching fingerprint) is what lets a re-run skip the student, and
// a crash before it loses only the students in flight.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "batch/fingerprint.hpp"
#include "core/result.hpp"

namespace parlab::grader::batch {

// Gradebook statuses, besides the folder kinds of roster.hpp.
inline constexpr const char* kGraded = "graded";
inline constexpr const char* kInconclusive = "inconclusive";  // graded, but a check needs a re-run
inline constexpr const char* kError = "error";                // the grader could not grade this student
inline constexpr const char* kPending = "pending";            // not graded yet

struct CheckProblem {
  std::string check;    // "tests"
  std::string status;   // "fail", "error" or "inconclusive"
  std::string message;  // the check's one-line message
};

struct ExerciseOutcome {
  std::string id;
  double score = 0;
  double max_score = 0;
  std::vector<std::string> statuses;  // of build, tests, race, speedup, in order
  std::vector<CheckProblem> problems;  // the checks that did not pass and were not skipped
};

struct StudentState {
  std::string student;
  std::string status = kPending;
  std::string message;  // one line for the gradebook
  Fingerprint fingerprint;
  double seconds = 0;   // wall time of the grade
  std::vector<ExerciseOutcome> exercises;  // graded students only
  // Whether the exercise columns hold points (graded, or nothing to grade).
  [[nodiscard]] bool has_points() const;
  [[nodiscard]] double total() const;
  [[nodiscard]] const ExerciseOutcome* find(const std::string& id) const;
};

// The outcome of a graded student, from the grader's report.
StudentState summarize(const std::string& student, const GradeReport& report);

std::string to_json(const StudentState& state);
// nullopt when the text is not a state file this grader wrote (a re-run then
// grades the student again).
std::optional<StudentState> state_from_json(const std::string& text);

}  // namespace parlab::grader::batch
