#include "batch/gradebook.hpp"

#include "batch/csv.hpp"

namespace parlab::grader::batch {

namespace {

std::string points_cell(const StudentState& s, const std::string& exercise_id) {
  if (!s.has_points()) return "";
  const ExerciseOutcome* e = s.find(exercise_id);
  return csv_number(e != nullptr ? e->score : 0.0);
}

}  // namespace

std::string gradebook_csv(const BatchSettings& settings, const std::vector<StudentState>& states,
                          const std::map<std::string, LmsIdentity>& ids) {
  CsvRow header{"student", "id"};
  for (const auto& e : settings.exercises) header.push_back(csv_text(e.id));
  for (const char* column : {"total", "max", "status", "message"}) header.emplace_back(column);
  std::string out = csv_line(header);
  for (const StudentState& s : states) {
    const auto it = ids.find(s.student);
    CsvRow row{csv_text(s.student), csv_text(it != ids.end() ? it->second.id : s.student)};
    for (const auto& e : settings.exercises) row.push_back(points_cell(s, e.id));
    row.push_back(s.has_points() ? csv_number(s.total()) : "");
    row.push_back(csv_number(settings.max_points()));
    row.push_back(csv_text(s.status));
    row.push_back(csv_text(s.message));
    out += csv_line(row);
  }
  return out;
}

std::string canvas_csv(const BatchSettings& settings, const std::vector<StudentState>& states,
                       const std::map<std::string, LmsIdentity>& ids) {
  CsvRow header{"Student", "ID", "SIS User ID", "SIS Login ID", "Section"};
  for (const auto& e : settings.exercises) header.push_back(csv_text(e.id));
  std::string out = csv_line(header);
  for (const StudentState& s : states) {
    const auto it = ids.find(s.student);
    if (it == ids.end() || it->second.id.empty() || !s.has_points()) continue;
    const std::string name = it->second.name.empty() ? s.student : it->second.name;
    CsvRow row{csv_text(name), "", "", csv_text(it->second.id), ""};
    for (const auto& e : settings.exercises) row.push_back(points_cell(s, e.id));
    out += csv_line(row);
  }
  return out;
}

}  // namespace parlab::grader::batch
