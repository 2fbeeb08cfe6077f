// Reading students' committed states back, and writing the class-level
// files from them: the gradebook(s) and the summary. Used after every
// finished student of a local batch, and by `--merge` after a Slurm array.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "batch/batch_settings.hpp"
#include "batch/roster.hpp"
#include "batch/student_state.hpp"

namespace parlab::grader::batch {

// The committed state of `name`, or a "pending" row saying what to do.
StudentState load_state(const BatchLayout& layout, const std::string& name);

// Writes gradebook.csv, summary.md and summary.svg (and gradebook-canvas.csv
// when `ids` is not empty), each atomically. Returns false, having said why
// on standard error, when one cannot be written.
bool write_class_files(const BatchLayout& layout, const BatchSettings& settings,
                       const std::vector<StudentState>& states, const std::map<std::string, LmsIdentity>& ids);

}  // namespace parlab::grader::batch
