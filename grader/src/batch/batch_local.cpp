// A batch graded on this machine: every folder of the class (or just
// --only-student), the class files rewritten after each student so an
// interrupted batch still leaves a gradebook.
#include <algorithm>
#include <cstdio>
#include <map>

#include "batch/batch_outputs.hpp"
#include "batch/batch_prepare.hpp"
#include "batch/batch_run.hpp"
#include "batch/class_rows.hpp"
#include "batch/grade_folders.hpp"
#include "batch/roster.hpp"
#include "core/files.hpp"

namespace parlab::grader::batch {

namespace {

std::vector<StudentState> rows_in_order(const std::vector<std::string>& names,
                                        const std::map<std::string, StudentState>& rows) {
  std::vector<StudentState> states;
  for (const auto& n : names) states.push_back(rows.at(n));
  return states;
}

std::vector<StudentFolder> pick_targets(const BatchOptions& o, const std::vector<StudentFolder>& roster) {
  if (o.only_student.empty()) return roster;
  const auto it = std::find_if(roster.begin(), roster.end(), [&](const StudentFolder& s) { return s.name == o.only_student; });
  if (it == roster.end()) throw BatchError("no folder '" + o.only_student + "' in " + o.submissions.string());
  return {*it};
}

}  // namespace

BatchResult run_batch(const BatchOptions& o) {
  const PreparedBatch batch = prepare_batch(o, SettingsFrom::kit, Roster::read);
  const BatchLayout& layout = batch.layout;
  if (!write_file(layout.settings(), to_json(batch.settings))) {
    throw BatchError("cannot write " + layout.settings().string());
  }
  const auto roster = discover_students(o.submissions, o.out);
  const std::vector<StudentFolder> targets = pick_targets(o, roster);
  const auto names = names_of(roster);
  warn_unmapped(names, batch.ids);
  // Every folder keeps a row, the ones not graded this time (--only-student,
  // or skipped as unchanged) with their committed state.
  std::map<std::string, StudentState> rows;
  for (const auto& n : names) rows[n] = load_state(layout, n);
  const GradeRun run{o, batch, rows,
                     [&] { write_class_files(layout, batch.settings, rows_in_order(names, rows), batch.ids); }};
  std::fprintf(stderr, "batch: %zu entries in %s\n", roster.size(), o.submissions.c_str());
  grade_folders(run, targets);
  const auto states = rows_in_order(names, rows);
  const bool written = write_class_files(layout, batch.settings, states, batch.ids);
  std::fprintf(stderr, "batch: %s\nbatch: gradebook %s, summary %s, reports in %s/\n", count_statuses(states).c_str(),
               layout.gradebook().c_str(), layout.summary_markdown().c_str(), layout.students().c_str());
  if (!written) return BatchResult::needs_attention;
  return any_status(states, kError) ? BatchResult::needs_attention : BatchResult::complete;
}

}  // namespace parlab::grader::batch
