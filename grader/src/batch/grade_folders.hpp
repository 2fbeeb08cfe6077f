// Grading a list of student folders in child graders, shared by a local
// batch (the whole class, or --only-student) and a Slurm array task (one
// student). Internal to src/batch/.
#pragma once

#include <filesystem>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "batch/batch_prepare.hpp"
#include "batch/batch_run.hpp"
#include "batch/roster.hpp"
#include "batch/student_state.hpp"

namespace parlab::grader::batch {

struct GradeRun {
  const BatchOptions& options;
  const PreparedBatch& batch;
  std::map<std::string, StudentState>& rows;  // each graded folder's row is set here
  std::function<void()> after_each;           // rewrite the class files; empty: leave them alone
};

// Grades `folders`: bad ones get their row at once, unchanged ones are
// skipped, the rest are graded in child processes, each committed (its
// state.json written) as it finishes.
void grade_folders(const GradeRun& run, const std::vector<StudentFolder>& folders);

// "graded 8/10 in 2 min 05 s", or "error: " and why: one line per student.
std::string finished_summary(const StudentState& state, const BatchSettings& settings);

}  // namespace parlab::grader::batch
