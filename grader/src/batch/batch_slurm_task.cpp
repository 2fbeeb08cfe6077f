// One task of a Slurm job array (--array-index N): grades the student on
// line N of OUT/slurm/students.txt with the settings of OUT/batch.json.
#include <cstdio>
#include <fmt/format.h>
#include <map>

#include "batch/batch_prepare.hpp"
#include "batch/batch_run.hpp"
#include "batch/grade_folders.hpp"
#include "core/files.hpp"
#include "core/lines.hpp"

namespace parlab::grader::batch {

BatchResult run_array_task(const BatchOptions& o) {
  const PreparedBatch batch = prepare_batch(o, SettingsFrom::out, Roster::skip);
  const BatchLayout& layout = batch.layout;
  const auto list = read_file(layout.slurm_students());
  if (!list) {
    throw BatchError(fmt::format("{} not found: prepare the array with grade batch DIR --out {} --slurm",
                                 layout.slurm_students().string(), o.out.string()));
  }
  const auto names = split_lines(*list);
  if (*o.array_index < 0 || static_cast<std::size_t>(*o.array_index) >= names.size()) {
    throw BatchError(fmt::format("array index {} is outside the {} students of {}", *o.array_index, names.size(),
                                 layout.slurm_students().string()));
  }
  const std::string name(names[static_cast<std::size_t>(*o.array_index)]);
  std::map<std::string, StudentState> rows;
  // Array tasks never write the class files: many run at once, and --merge
  // builds them from the committed states at the end.
  const GradeRun run{o, batch, rows, {}};
  grade_folders(run, {classify(batch.settings.submissions / name)});
  const StudentState& state = rows.at(name);
  std::fprintf(stderr, "batch: %s: %s\n", name.c_str(), finished_summary(state, batch.settings).c_str());
  return state.status == kError ? BatchResult::needs_attention : BatchResult::complete;
}

}  // namespace parlab::grader::batch
