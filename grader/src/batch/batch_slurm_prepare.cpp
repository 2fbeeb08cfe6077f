// --slurm: instead of grading here, writes a Slurm job array with one task
// per student (OUT/slurm/grade-array.sbatch) and the merge job that builds
// the gradebook once the tasks are done, and prints how to submit them.
#include <sys/stat.h>

#include <cstdio>
#include <system_error>

#include "batch/batch_prepare.hpp"
#include "batch/batch_run.hpp"
#include "batch/roster.hpp"
#include "batch/slurm_script.hpp"
#include "core/files.hpp"

namespace parlab::grader::batch {

namespace fs = std::filesystem;

namespace {

// students.txt, one name a line, is how each array task finds its student;
// returns how many it holds.
int student_list(const BatchOptions& o, std::string& list) {
  int count = 0;
  for (const auto& s : discover_students(o.submissions, o.out)) {
    if (s.name.find_first_of("\r\n") != std::string::npos) {
      std::fprintf(stderr, "batch: skipping a folder whose name has a line break: rename it\n");
      continue;
    }
    list += s.name + "\n";
    ++count;
  }
  if (count == 0) throw BatchError(o.submissions.string() + " holds no student folders");
  return count;
}

}  // namespace

void prepare_slurm(const BatchOptions& o, SlurmOptions slurm) {
  const PreparedBatch batch = prepare_batch(o, SettingsFrom::kit, Roster::skip);
  const BatchLayout& layout = batch.layout;
  std::string list;
  const int count = student_list(o, list);
  std::error_code ec;
  fs::create_directories(layout.slurm() / "logs", ec);
  slurm.kit = o.kit;
  slurm.out = fs::absolute(o.out);
  slurm.grader = o.grader;
  slurm.students = count;
  if (!o.phase_lock.empty()) slurm.phase_lock = o.phase_lock.string();
  if (!o.scratch.empty()) slurm.scratch = o.scratch.string();
  const fs::path array = layout.slurm() / "grade-array.sbatch";
  const fs::path merge = layout.slurm() / "merge.sbatch";
  if (!write_file(layout.settings(), to_json(batch.settings)) || !write_file(layout.slurm_students(), list) ||
      !write_file(array, array_script(slurm)) || !write_file(merge, merge_script(slurm))) {
    throw BatchError("cannot write into " + layout.slurm().string());
  }
  ::chmod(array.c_str(), 0755);
  ::chmod(merge.c_str(), 0755);
  std::printf(
      "batch: %d students, one array task each: %s\n"
      "submit the array, then the merge once every task is done:\n"
      "  jobid=$(sbatch --parsable %s) && sbatch --dependency=afterany:$jobid %s\n"
      "or merge by hand later:  ./grade batch --merge --out %s\n",
      count, array.c_str(), shell_quote(array.string()).c_str(), shell_quote(merge.string()).c_str(),
      shell_quote(slurm.out.string()).c_str());
}

}  // namespace parlab::grader::batch
