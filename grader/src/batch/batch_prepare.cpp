#include "batch/batch_prepare.hpp"

#include <cstdio>
#include <fmt/format.h>
#include <system_error>

#include "core/files.hpp"
#include "pipeline/exercise_selection.hpp"

namespace parlab::grader::batch {

namespace fs = std::filesystem;

namespace {

void check_folders(const BatchOptions& o, const BatchLayout& layout) {
  if (!fs::is_directory(o.submissions)) {
    throw BatchError(
        fmt::format("{} is not a folder; pass the folder holding one folder per student", o.submissions.string()));
  }
  std::error_code ec;
  // Otherwise the batch's own files (gradebook.csv, students/) would be
  // listed as entries of the class.
  if (!o.submissions.empty() && fs::weakly_canonical(o.submissions, ec) == fs::weakly_canonical(o.out, ec)) {
    throw BatchError("--out must not be the submissions folder itself; pick another folder");
  }
  fs::create_directories(layout.students(), ec);
  if (ec) throw BatchError(fmt::format("cannot create {}: {}", layout.students().string(), ec.message()));
}

void settings_from_kit(const BatchOptions& o, PreparedBatch& batch) {
  try {
    batch.manifests = select_exercises(o.kit, o.exercises);
  } catch (const std::exception& e) {
    throw BatchError(e.what());
  }
  if (batch.manifests.empty()) {
    throw BatchError(
        fmt::format("the kit at {} has no exercises; pass the instructor's kit with --kit", o.kit.string()));
  }
  std::vector<std::string> without_hidden;
  for (const Manifest& m : batch.manifests) {
    if (!m.has_hidden_tests()) without_hidden.push_back(m.id);
    batch.settings.exercises.push_back({m.id, m.points});
  }
  // Some exercises may have no hidden tests on purpose; none at all means
  // the students' own copy of the kit, which would grade them too kindly.
  if (without_hidden.size() == batch.manifests.size()) {
    throw BatchError(fmt::format(
        "the kit at {} has no hidden tests: it looks like the student template; grade with the instructor's kit "
        "(--kit)",
        o.kit.string()));
  }
  for (const auto& id : without_hidden) std::fprintf(stderr, "batch: note: %s has no hidden tests in this kit\n", id.c_str());
  batch.settings.kit = o.kit;
  batch.settings.submissions = o.submissions;
  batch.settings.timing = o.timing;
  batch.settings.kit_version = PARLAB_VERSION;
}

void settings_from_out(PreparedBatch& batch) {
  const BatchLayout& layout = batch.layout;
  const auto text = read_file(layout.settings());
  if (!text) {
    throw BatchError(fmt::format("{} not found: start the batch first (grade batch DIR --out {}, or --slurm)",
                                 layout.settings().string(), layout.out.string()));
  }
  try {
    batch.settings = settings_from_json(*text);
    std::vector<std::string> ids;
    for (const auto& e : batch.settings.exercises) ids.push_back(e.id);
    batch.manifests = select_exercises(batch.settings.kit, ids);
  } catch (const std::exception& e) {
    throw BatchError(fmt::format("{}: {}", layout.settings().string(), e.what()));
  }
}

}  // namespace

PreparedBatch prepare_batch(const BatchOptions& o, SettingsFrom from, Roster roster) {
  PreparedBatch batch;
  batch.layout = {o.out, o.scratch};
  batch.phase_lock = o.phase_lock.empty() ? batch.layout.phase_lock() : o.phase_lock;
  if (from == SettingsFrom::kit) {
    check_folders(o, batch.layout);
    settings_from_kit(o, batch);
  } else {
    settings_from_out(batch);
  }
  if (roster == Roster::read && !o.lms_roster.empty()) {
    try {
      batch.ids = read_lms_roster(o.lms_roster);
    } catch (const std::exception& e) {
      throw BatchError(e.what());
    }
  }
  return batch;
}

}  // namespace parlab::grader::batch
