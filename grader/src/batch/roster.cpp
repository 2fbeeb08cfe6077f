#include "batch/roster.hpp"

#include <algorithm>
#include <cctype>
#include <fmt/format.h>
#include <stdexcept>
#include <system_error>

#include "batch/csv.hpp"
#include "core/files.hpp"

namespace parlab::grader::batch {

namespace fs = std::filesystem;

namespace {

// Exercise folders ("04_monte_carlo_pi") found where exercises/ should be:
// the student uploaded the inside of exercises/ instead of the repository.
std::vector<std::string> exercise_like_children(const fs::path& dir) {
  std::vector<std::string> found;
  std::error_code ec;
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    const std::string name = it->path().filename().string();
    if (name.size() > 3 && std::isdigit(static_cast<unsigned char>(name[0])) != 0 &&
        std::isdigit(static_cast<unsigned char>(name[1])) != 0 && name[2] == '_' && it->is_directory(ec)) {
      found.push_back(name);
    }
  }
  std::sort(found.begin(), found.end());
  return found;
}

}  // namespace

const char* to_string(FolderKind kind) {
  switch (kind) {
    case FolderKind::gradable: return "graded";
    case FolderKind::empty: return "empty";
    case FolderKind::no_exercises: return "no-exercises";
    case FolderKind::not_a_folder: return "not-a-folder";
  }
  return "error";
}

StudentFolder classify(const fs::path& entry) {
  StudentFolder s;
  s.name = entry.filename().string();
  s.path = fs::absolute(entry);
  std::error_code ec;
  if (!fs::is_directory(entry, ec)) {  // follows links: a link to a student folder is a student
    s.kind = FolderKind::not_a_folder;
    s.problem = "a file, not a student folder: remove it from the submissions folder";
    return s;
  }
  if (fs::is_empty(entry, ec)) {
    s.kind = FolderKind::empty;
    s.problem = "empty folder: nothing was submitted";
    return s;
  }
  if (!fs::is_directory(entry / "exercises", ec)) {
    s.kind = FolderKind::no_exercises;
    const auto misplaced = exercise_like_children(entry);
    s.problem = misplaced.empty()
                    ? "no exercises/ folder: expected a clone of the template repository"
                    : fmt::format("no exercises/ folder, but {} at the top: move it into exercises/", misplaced.front());
    return s;
  }
  return s;
}

std::vector<StudentFolder> discover_students(const fs::path& submissions, const fs::path& skip) {
  std::vector<StudentFolder> students;
  std::error_code ec;
  const fs::path skip_canonical = skip.empty() ? fs::path{} : fs::weakly_canonical(skip, ec);
  for (const auto& entry : fs::directory_iterator(submissions)) {
    const std::string name = entry.path().filename().string();
    if (name.empty() || name[0] == '.') continue;
    if (!skip_canonical.empty() && fs::weakly_canonical(entry.path(), ec) == skip_canonical) continue;
    students.push_back(classify(entry.path()));
  }
  std::sort(students.begin(), students.end(),
            [](const StudentFolder& a, const StudentFolder& b) { return a.name < b.name; });
  return students;
}

std::map<std::string, LmsIdentity> read_lms_roster(const fs::path& csv_file) {
  const auto text = read_file(csv_file);
  if (!text) throw std::runtime_error(fmt::format("{}: cannot read the roster", csv_file.string()));
  const auto rows = parse_csv(*text);
  if (rows.empty()) throw std::runtime_error(fmt::format("{}: empty roster; expected a header row folder,id[,name]", csv_file.string()));
  const auto& header = rows.front();
  auto column = [&](const std::string& name) -> std::ptrdiff_t {
    const auto it = std::find(header.begin(), header.end(), name);
    return it == header.end() ? -1 : it - header.begin();
  };
  const auto folder = column("folder");
  const auto id = column("id");
  const auto name = column("name");
  if (folder < 0 || id < 0) {
    throw std::runtime_error(fmt::format("{}:1: the header must name the columns \"folder\" and \"id\"", csv_file.string()));
  }
  auto cell = [](const CsvRow& row, std::ptrdiff_t i) {
    return i >= 0 && static_cast<std::size_t>(i) < row.size() ? row[static_cast<std::size_t>(i)] : std::string{};
  };
  std::map<std::string, LmsIdentity> roster;
  for (std::size_t r = 1; r < rows.size(); ++r) {
    const std::string key = cell(rows[r], folder);
    if (key.empty()) continue;  // a blank line
    if (!roster.emplace(key, LmsIdentity{cell(rows[r], id), cell(rows[r], name)}).second) {
      throw std::runtime_error(fmt::format("{}:{}: folder \"{}\" appears twice", csv_file.string(), r + 1, key));
    }
  }
  return roster;
}

}  // namespace parlab::grader::batch
