#include "batch/slurm_script.hpp"

#include <algorithm>
#include <fmt/format.h>

namespace parlab::grader::batch {

namespace {

std::string header(const SlurmOptions& o, const std::string& job_name, const std::string& log_name) {
  std::string s = "#!/bin/bash\n";
  s += fmt::format("#SBATCH --job-name={}\n", job_name);
  s += fmt::format("#SBATCH --output={}\n", shell_quote((o.out / "slurm" / "logs" / log_name).string()));
  for (const auto& extra : o.sbatch_options) s += fmt::format("#SBATCH {}\n", extra);
  return s;
}

}  // namespace

std::string array_script(const SlurmOptions& o) {
  std::string s = header(o, "parlab-grade", "grade-%A_%a.out");
  s += fmt::format("#SBATCH --array=0-{}\n", std::max(0, o.students - 1));
  s += fmt::format("#SBATCH --cpus-per-task={}\n", o.cpus_per_task);
  s += fmt::format("#SBATCH --time={}\n", o.time_limit);
  s += "# Written by `grade batch --slurm`: one task per line of students.txt.\n";
  s += "# The settings (kit, exercises, speedup) are in batch.json beside it.\n";
  s += "set -euo pipefail\n";
  s += fmt::format("phase_lock={}\n", o.phase_lock.empty() ? std::string("\"/tmp/parlab-phase-$(id -u).lock\"")
                                                           : shell_quote(o.phase_lock));
  s += fmt::format("scratch={}\n", o.scratch.empty() ? std::string("\"${TMPDIR:-/tmp}/parlab-work-${SLURM_ARRAY_JOB_ID}\"")
                                                     : shell_quote(o.scratch));
  s += fmt::format("exec {} batch --kit {} --out {} \\\n", shell_quote(o.grader), shell_quote(o.kit.string()),
                   shell_quote(o.out.string()));
  s += "  --array-index \"$SLURM_ARRAY_TASK_ID\" --phase-lock \"$phase_lock\" --scratch \"$scratch\"\n";
  return s;
}

std::string merge_script(const SlurmOptions& o) {
  std::string s = header(o, "parlab-merge", "merge-%j.out");
  s += "#SBATCH --cpus-per-task=1\n#SBATCH --time=00:10:00\n";
  s += "# Builds the gradebook and the class summary once every array task is done.\n";
  s += "set -euo pipefail\n";
  s += fmt::format("exec {} batch --kit {} --merge --out {}\n", shell_quote(o.grader), shell_quote(o.kit.string()),
                   shell_quote(o.out.string()));
  return s;
}

}  // namespace parlab::grader::batch
