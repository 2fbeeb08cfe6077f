// The gradebook: one CSV row per entry of the submissions folder, graded or
// not, so nothing is silently left out.
//
//   student,id,01_slow_downloads,...,total,max,status,message
//
// Points are plain numbers. Students with nothing to grade (an empty folder,
// no exercises/) get 0; rows with no verdict (not a folder, an error of the
// grader, not graded yet) leave the points empty, which Canvas and Moodle
// both read as "no grade" rather than zero. The Canvas file has the columns
// Canvas's "Import" expects (docs/batch-grading.md).
#pragma once

#include <map>
#include <string>
#include <vector>

#include "batch/batch_settings.hpp"
#include "batch/roster.hpp"
#include "batch/student_state.hpp"

namespace parlab::grader::batch {

// `states` in roster order; `ids` maps folder names to platform identities
// (empty without --roster: the id column repeats the folder name).
std::string gradebook_csv(const BatchSettings& settings, const std::vector<StudentState>& states,
                          const std::map<std::string, LmsIdentity>& ids);

// Student,ID,SIS User ID,SIS Login ID,Section,<exercises...>: Canvas matches
// rows on the SIS Login ID, which holds the roster's id. Rows without a
// roster id, or without points, are left out (Canvas cannot match or would
// blank a grade).
std::string canvas_csv(const BatchSettings& settings, const std::vector<StudentState>& states,
                       const std::map<std::string, LmsIdentity>& ids);

}  // namespace parlab::grader::batch
