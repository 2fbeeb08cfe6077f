// The grading pipeline: for each exercise, stage → build → tests → race →
// speedup → score (src/steps/{stage,build,tests,race,timing,score}/), each
// check run through one protocol (step_runner.hpp). One exercise's failure,
// even an internal error, never stops the others. Several exercises may be
// graded at once (GradeOptions::lanes); the phase lock keeps every timing
// step alone on the machine.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "steps/machine.hpp"
#include "core/manifest.hpp"
#include "core/result.hpp"
#include "pipeline/exercise_selection.hpp"
#include "pipeline/observer.hpp"
#include "steps/reference/kit_build.hpp"

namespace parlab::grader {

struct GradeOptions {
  std::filesystem::path kit_root;    // the kit (CMakeLists.txt, exercises/, kit/, grader/)
  std::filesystem::path submission;  // folder laid out like exercises/
  std::vector<std::string> only;     // exercise ids, slugs or number prefixes; empty = all
  std::string hidden = "auto";       // auto (when the kit has them) | on | off
  std::filesystem::path work_root;   // scratch; empty = <kit>/.parlab/work/<submission>
  bool timing = true;                // run the speedup check
  std::uint64_t seed = 0;            // seed of the judge's and the timed runs' inputs; 0 = fresh random
  // Lock file shared by concurrent graders of a batch (core/phase_lock.hpp):
  // build, tests and race hold it shared, timing holds it exclusive. Empty:
  // grading alone, no lock.
  std::filesystem::path phase_lock;
  // Exercises graded at once (each in its own thread): their builds, tests
  // and race checks overlap, their timing steps still run alone. Above 1,
  // a grade without a phase_lock makes its own in work_root.
  int lanes = 1;
};

// Probes the machine once: cores, compilers, ThreadSanitizer (canary).
Machine probe_machine(const std::filesystem::path& kit_root, const std::filesystem::path& scratch,
                      bool use_bubblewrap = true);

std::filesystem::path default_work_root(const std::filesystem::path& kit_root, const std::filesystem::path& submission);

GradeReport grade(const GradeOptions& options, const Machine& machine, Observer& observer);

}  // namespace parlab::grader
