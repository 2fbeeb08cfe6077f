// What a local batch and --merge both tell the user about the class's rows
// once they are in. Internal to src/batch/.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "batch/roster.hpp"
#include "batch/student_state.hpp"

namespace parlab::grader::batch {

std::vector<std::string> names_of(const std::vector<StudentFolder>& folders);

// Warns about the folders that the roster (when there is one) does not know:
// they get no row in the Canvas file, which would otherwise go unnoticed.
void warn_unmapped(const std::vector<std::string>& names, const std::map<std::string, LmsIdentity>& ids);

// Counts per status, for the closing line: "28 graded, 1 empty, 1 error".
std::string count_statuses(const std::vector<StudentState>& states);

bool any_status(const std::vector<StudentState>& states, const char* status);

}  // namespace parlab::grader::batch
