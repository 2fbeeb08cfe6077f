// --merge: rebuilds the gradebook and the summary from the committed
// states in OUT/students/, after a Slurm array (whose tasks never write
// them) or to recover the class files of an interrupted batch.
#include <cstdio>
#include <fmt/format.h>

#include "batch/batch_outputs.hpp"
#include "batch/batch_prepare.hpp"
#include "batch/batch_run.hpp"
#include "batch/class_rows.hpp"
#include "core/files.hpp"
#include "core/lines.hpp"

namespace parlab::grader::batch {

namespace fs = std::filesystem;

namespace {

// The students of the batch: the array's list when there is one (exactly
// the students its tasks were given), else the entries of the submissions
// folder the batch was started on.
std::vector<std::string> students_to_merge(const PreparedBatch& batch, const BatchOptions& o) {
  std::vector<std::string> names;
  if (const auto list = read_file(batch.layout.slurm_students())) {
    for (const auto& line : split_lines(*list)) {
      if (!line.empty()) names.emplace_back(line);
    }
  } else if (fs::is_directory(batch.settings.submissions)) {
    names = names_of(discover_students(batch.settings.submissions, o.out));
  } else {
    throw BatchError(fmt::format("no student list ({}) and no submissions folder ({}) to merge",
                                 batch.layout.slurm_students().string(), batch.settings.submissions.string()));
  }
  return names;
}

}  // namespace

BatchResult merge_batch(const BatchOptions& o) {
  const PreparedBatch batch = prepare_batch(o, SettingsFrom::out, Roster::read);
  const BatchLayout& layout = batch.layout;
  const std::vector<std::string> names = students_to_merge(batch, o);
  std::vector<StudentState> states;
  for (const auto& n : names) states.push_back(load_state(layout, n));
  warn_unmapped(names, batch.ids);
  if (!write_class_files(layout, batch.settings, states, batch.ids)) return BatchResult::needs_attention;
  std::fprintf(stderr, "batch: merged %zu students: %s\nbatch: gradebook %s, summary %s\n", states.size(),
               count_statuses(states).c_str(), layout.gradebook().c_str(), layout.summary_markdown().c_str());
  // A pending student is one whose task has not committed yet: the
  // gradebook is not final.
  return any_status(states, kError) || any_status(states, kPending) ? BatchResult::needs_attention
                                                                    : BatchResult::complete;
}

}  // namespace parlab::grader::batch
