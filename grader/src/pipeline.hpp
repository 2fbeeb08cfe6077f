// The grading pipeline: for each exercise, stage → build → tests → race →
// speedup → score (each in src/steps/<name>/). One exercise's failure, even
// an internal error, never stops the others.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "core/machine.hpp"
#include "core/manifest.hpp"
#include "core/result.hpp"
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
};

// Called as grading goes; the terminal progress display implements it.
class Observer {
 public:
  virtual ~Observer() = default;
  // index is 1-based: "[3/6]".
  virtual void exercise_started(const std::string& id, std::size_t index, std::size_t total) = 0;
  virtual void step_started(const std::string& id, const std::string& step) = 0;
  virtual void step_finished(const std::string& id, const Check& check) = 0;
  virtual void exercise_finished(const ExerciseResult& result) = 0;
};

// The kit's exercises selected by `only` (all when empty). Throws
// std::invalid_argument naming the unknown selector and the valid ids.
std::vector<Manifest> select_exercises(const std::filesystem::path& kit_root, const std::vector<std::string>& only);

// Probes the machine once: cores, compilers, ThreadSanitizer (canary).
Machine probe_machine(const std::filesystem::path& kit_root, const std::filesystem::path& scratch,
                      bool use_bubblewrap = true);

std::filesystem::path default_work_root(const std::filesystem::path& kit_root, const std::filesystem::path& submission);

ExerciseResult grade_exercise(const Manifest& manifest, const GradeOptions& options, const Machine& machine,
                              const steps::KitBuild& kit, Observer& observer);

GradeReport grade(const GradeOptions& options, const Machine& machine, Observer& observer);

}  // namespace parlab::grader
