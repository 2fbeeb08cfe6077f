// Slurm job-array scripts for a class too large for one machine: one array
// task per student (task i grades line i of OUT/slurm/students.txt), then a
// merge job that builds the gradebook and summary from the parts.
//
// Timing exclusivity holds per node: tasks on one node share a phase lock on
// a node-local path, so their timing steps never overlap; tasks on different
// nodes share nothing, which is right, since they do not share cores either.
#pragma once

#include <filesystem>
#include <string>

#include "core/lines.hpp"  // shell_quote
#include <vector>

namespace parlab::grader::batch {

struct SlurmOptions {
  std::string grader;                 // absolute path of the grader program
  std::filesystem::path kit;
  std::filesystem::path out;
  int students = 0;                   // array size
  int cpus_per_task = 2;              // cores each grade gets (the speedup bar adapts to them)
  std::string time_limit = "01:00:00";  // per student
  // Node-local lock file; empty: /tmp/parlab-phase-<uid>.lock on each node.
  std::string phase_lock;
  // Node-local scratch; empty: $TMPDIR (or /tmp) on each node.
  std::string scratch;
  std::vector<std::string> sbatch_options;  // extra #SBATCH lines, e.g. "--partition=short"
};

// OUT/slurm/grade-array.sbatch
std::string array_script(const SlurmOptions& options);
// OUT/slurm/merge.sbatch
std::string merge_script(const SlurmOptions& options);

}  // namespace parlab::grader::batch
