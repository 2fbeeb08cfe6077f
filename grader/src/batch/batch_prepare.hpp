// The prologue every batch mode shares: where the batch writes, what it
// grades with which settings, and the roster's ids. The modes that start a
// batch (a local batch, --slurm) take the settings from the kit; the steps
// that come after one (array tasks, --merge) read them back from
// OUT/batch.json, so every part of a batch grades with the same settings.
// Internal to src/batch/.
#pragma once

#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "batch/batch_run.hpp"
#include "batch/batch_settings.hpp"
#include "batch/roster.hpp"
#include "core/manifest.hpp"

namespace parlab::grader::batch {

struct PreparedBatch {
  BatchLayout layout;
  BatchSettings settings;
  std::vector<Manifest> manifests;         // the exercises of `settings`, from its kit
  std::map<std::string, LmsIdentity> ids;  // empty without --roster, or with Roster::skip
  std::filesystem::path phase_lock;        // --phase-lock, or OUT/phase.lock
};

enum class SettingsFrom {
  kit,  // a new batch: checks SUBMISSIONS and the kit, and creates OUT/students/
  out,  // a later step: OUT/batch.json, as the batch was started
};

// Only the modes that write the gradebook use the ids (for the Canvas file);
// the others skip the roster, so a bad one cannot stop a step that has no
// use for it.
enum class Roster { skip, read };

// Throws BatchError, having written nothing but OUT/students/, when the
// batch cannot go on; notes (an exercise without hidden tests) go to
// standard error.
PreparedBatch prepare_batch(const BatchOptions& options, SettingsFrom from, Roster roster);

}  // namespace parlab::grader::batch
