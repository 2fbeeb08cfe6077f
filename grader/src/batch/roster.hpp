// Which entries of a submissions folder are students, and which are not
// gradable. Every entry gets a row in the gradebook, so a folder that cannot
// be graded is reported, never silently left out, and never stops the batch.
#pragma once

#include <filesystem>
#include <map>
#include <string>
#include <vector>

namespace parlab::grader::batch {

enum class FolderKind {
  gradable,      // a folder with exercises/ inside
  empty,         // a folder with nothing in it
  no_exercises,  // a folder without an exercises/ folder
  not_a_folder,  // a file (or anything else) where a student folder should be
};

struct StudentFolder {
  std::string name;            // the entry's name: the student's key in every output
  std::filesystem::path path;  // absolute
  FolderKind kind = FolderKind::gradable;
  std::string problem;         // for the others: what is wrong and what to do
  [[nodiscard]] std::filesystem::path exercises() const { return path / "exercises"; }
};

// The gradebook status of a folder that is not gradable: "empty",
// "no-exercises", "not-a-folder" (and "graded" for a gradable one).
const char* to_string(FolderKind kind);

// Looks at one entry of the submissions folder.
StudentFolder classify(const std::filesystem::path& entry);

// Every entry of `submissions`, sorted by name. Names starting with "." are
// left out (.git, .DS_Store), and so is `skip` (the batch's own output
// folder, when it was put inside the submissions folder).
std::vector<StudentFolder> discover_students(const std::filesystem::path& submissions,
                                             const std::filesystem::path& skip = {});

// What a learning platform knows a student by, read from a CSV with a header
// row naming at least the columns "folder" and "id" (a "name" column is
// optional). Throws std::runtime_error naming the file and what is wrong.
struct LmsIdentity {
  std::string id;    // e.g. the Canvas SIS login or the Moodle username/email
  std::string name;  // the student's display name; may be empty
};
std::map<std::string, LmsIdentity> read_lms_roster(const std::filesystem::path& csv_file);

}  // namespace parlab::grader::batch
