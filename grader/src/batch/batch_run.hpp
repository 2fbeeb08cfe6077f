// `grade batch`: grades every student folder of a class into a gradebook,
// per-student reports and a class summary (docs/batch-grading.md).
//
// Each student is graded by a separate grader process (child_pool.hpp), up
// to --jobs at once; their timing steps exclude each other and every other
// step through the phase lock (core/phase_lock.hpp), so each verdict is the
// one that student would get graded alone. Each finished student is
// committed (state.json, written last) and the gradebook rewritten, so a
// crash loses only the students in flight, and a re-run grades only the
// students whose commit, files or settings changed.
#pragma once

#include <chrono>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "batch/slurm_script.hpp"

namespace parlab::grader::batch {

struct BatchOptions {
  std::filesystem::path kit;
  std::filesystem::path submissions;     // the class: one folder per student
  std::filesystem::path out;
  std::filesystem::path scratch;         // build folders; empty: OUT/work
  std::vector<std::string> exercises;    // selectors; empty: all
  bool timing = true;
  int jobs = 0;                          // graders at once; 0: the usable cores
  bool force = false;                    // grade again even when unchanged
  bool keep_work = false;                // keep each student's build folders
  std::string only_student;              // grade just this folder
  std::optional<int> array_index;        // a Slurm array task: line N of students.txt
  std::filesystem::path phase_lock;      // empty: OUT/phase.lock
  std::filesystem::path lms_roster;      // folder -> platform id CSV (optional)
  std::chrono::seconds student_timeout{7200};
  std::string grader;                    // this program, absolute
  bool interactive = false;              // standard error is a terminal
};

// Grades the class (or one student of it); 0 when every entry has a row
// without "error", 1 otherwise, 2 on a usage problem.
int run_batch(const BatchOptions& options);

// One Slurm array task: grades line `array_index` of OUT/slurm/students.txt
// with the settings in OUT/batch.json.
int run_array_task(const BatchOptions& options);

// Writes batch.json, the student list and the sbatch scripts, and prints how
// to submit them.
int prepare_slurm(const BatchOptions& options, SlurmOptions slurm);

// Rebuilds the gradebook and the summary from OUT/students/*/state.json.
int merge_batch(const BatchOptions& options);

}  // namespace parlab::grader::batch
