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
//
// The four modes live in one file each: batch_local.cpp (grade here),
// batch_slurm_prepare.cpp (--slurm), batch_slurm_task.cpp (--array-index)
// and batch_merge.cpp (--merge). None of them picks an exit status: they
// return a BatchResult or throw BatchError, and `grade batch`
// (commands/batch_command.cpp) maps those to 0, 1 and 2, so the statuses
// its --help promises are decided in one place.
#pragma once

#include <chrono>
#include <filesystem>
#include <optional>
#include <stdexcept>
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

// A batch that cannot start: a usage problem (no such folder, the student
// template passed as the kit, no batch.json yet) or an output folder it
// cannot write into. Nothing was graded. what() is the line the user sees
// after "batch: ", saying what to do about it.
class BatchError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// How a batch that did run ended.
enum class BatchResult {
  complete,         // every entry has a row without error
  needs_attention,  // some row is an error (or, for a merge, pending), or a class file could not be written
};

// Grades the class (or one student of it).
BatchResult run_batch(const BatchOptions& options);

// One Slurm array task: grades line `array_index` of OUT/slurm/students.txt
// with the settings in OUT/batch.json. needs_attention when it is an error.
BatchResult run_array_task(const BatchOptions& options);

// Writes batch.json, the student list and the sbatch scripts, and prints how
// to submit them.
void prepare_slurm(const BatchOptions& options, SlurmOptions slurm);

// Rebuilds the gradebook and the summary from OUT/students/*/state.json.
BatchResult merge_batch(const BatchOptions& options);

}  // namespace parlab::grader::batch
