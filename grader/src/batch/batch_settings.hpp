// What a batch grades and where it keeps everything. The settings are
// written to OUT/batch.json when a batch starts, so `--merge` and Slurm array
// tasks use exactly the settings the batch was started with.
//
//   OUT/batch.json                     these settings
//   OUT/gradebook.csv                  one row per entry of the submissions folder
//   OUT/gradebook-canvas.csv           the same points, with Canvas's column names
//   OUT/summary.md, OUT/summary.svg    class summary and its chart
//   OUT/students/<name>/report.json    the grader's report (docs/grader-output.md)
//   OUT/students/<name>/report.md      the same report for the student to read
//   OUT/students/<name>/state.json     written last: the student is done
//   OUT/students/<name>/grade.log      the grader's own output for that student
//   OUT/work/<name>/                   scratch while grading (removed after)
//   OUT/slurm/                         the Slurm array script, its student list and logs
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "core/lines.hpp"

namespace parlab::grader::batch {

struct ExerciseColumn {
  std::string id;     // "04_monte_carlo_pi"
  double points = 0;  // the manifest's points
};

struct BatchSettings {
  std::filesystem::path kit;
  std::filesystem::path submissions;
  std::vector<ExerciseColumn> exercises;  // in gradebook order
  bool timing = true;                     // the speedup check runs
  std::string kit_version;
  [[nodiscard]] double max_points() const;
  // The part of every student's fingerprint that comes from the settings.
  [[nodiscard]] std::string fingerprint() const;
};

std::string to_json(const BatchSettings& settings);
// Throws std::runtime_error naming what is missing.
BatchSettings settings_from_json(const std::string& text);

struct BatchLayout {
  std::filesystem::path out;
  std::filesystem::path scratch;  // default out/work

  [[nodiscard]] std::filesystem::path settings() const { return out / "batch.json"; }
  [[nodiscard]] std::filesystem::path gradebook() const { return out / "gradebook.csv"; }
  [[nodiscard]] std::filesystem::path canvas_gradebook() const { return out / "gradebook-canvas.csv"; }
  [[nodiscard]] std::filesystem::path summary_markdown() const { return out / "summary.md"; }
  [[nodiscard]] std::filesystem::path summary_chart() const { return out / "summary.svg"; }
  [[nodiscard]] std::filesystem::path students() const { return out / "students"; }
  [[nodiscard]] std::filesystem::path student(const std::string& name) const { return students() / name; }
  [[nodiscard]] std::filesystem::path report_json(const std::string& name) const { return student(name) / "report.json"; }
  [[nodiscard]] std::filesystem::path report_markdown(const std::string& name) const { return student(name) / "report.md"; }
  [[nodiscard]] std::filesystem::path state(const std::string& name) const { return student(name) / "state.json"; }
  [[nodiscard]] std::filesystem::path log(const std::string& name) const { return student(name) / "grade.log"; }
  // The student's folder name, made safe (core/lines.hpp): it becomes part
  // of every path in the student's build commands.
  [[nodiscard]] std::filesystem::path work(const std::string& name) const {
    return (scratch.empty() ? out / "work" : scratch) / file_name_for(name);
  }
  [[nodiscard]] std::filesystem::path slurm() const { return out / "slurm"; }
  [[nodiscard]] std::filesystem::path slurm_students() const { return slurm() / "students.txt"; }
  [[nodiscard]] std::filesystem::path phase_lock() const { return out / "phase.lock"; }
};

}  // namespace parlab::grader::batch
