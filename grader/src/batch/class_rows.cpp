#include "batch/class_rows.hpp"

#include <algorithm>
#include <cstdio>
#include <fmt/format.h>

namespace parlab::grader::batch {

std::vector<std::string> names_of(const std::vector<StudentFolder>& folders) {
  std::vector<std::string> names;
  for (const auto& f : folders) names.push_back(f.name);
  return names;
}

void warn_unmapped(const std::vector<std::string>& names, const std::map<std::string, LmsIdentity>& ids) {
  if (ids.empty()) return;
  std::vector<std::string> missing;
  for (const auto& n : names) {
    if (ids.count(n) == 0) missing.push_back(n);
  }
  if (missing.empty()) return;
  std::fprintf(stderr, "batch: %zu folder(s) not in the roster, left out of the Canvas file: %s\n", missing.size(),
               fmt::format("{}", fmt::join(missing, ", ")).c_str());
}

std::string count_statuses(const std::vector<StudentState>& states) {
  std::map<std::string, int> counts;
  for (const auto& s : states) ++counts[s.status];
  std::string out;
  for (const auto& [status, n] : counts) out += fmt::format("{}{} {}", out.empty() ? "" : ", ", n, status);
  return out;
}

bool any_status(const std::vector<StudentState>& states, const char* status) {
  return std::any_of(states.begin(), states.end(), [&](const StudentState& s) { return s.status == status; });
}

}  // namespace parlab::grader::batch
