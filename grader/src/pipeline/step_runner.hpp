// The one protocol every check goes through: the pipeline, not the step,
// names it, times it, holds the phase lock it needs, turns an exception into
// an internal error, completes its advice and tells the observer, so a step
// only computes its verdict. Skipped checks go through here too.
#pragma once

#include <functional>
#include <string>

#include "core/phase_lock.hpp"
#include "core/result.hpp"
#include "pipeline/observer.hpp"

namespace parlab::grader {

// How one kind of check runs. The table of them is in step_runner.cpp.
struct StepDefinition {
  CheckId id;
  // Timing needs the machine to itself: the other steps may overlap with
  // other graders' steps (a batch), but never with their timing.
  bool needs_machine_alone = false;
  // The step's own next step for a failed or errored check whose step did not
  // set one (steps/<name>/… own these words).
  std::string (*advice)(const Check&) = nullptr;
};

const StepDefinition& step_definition(CheckId id);

class StepRunner {
 public:
  StepRunner(std::string exercise_id, const PhaseLock& phase_lock, Observer& observer);

  // Runs `body` as check `id`.
  Check run(CheckId id, const std::function<Check()>& body);
  // A check that does not run, with the reason ("skipped: <why>").
  Check skip(CheckId id, const std::string& why);

 private:
  Check finish(const StepDefinition& step, Check c);
  std::string exercise_id_;
  const PhaseLock& phase_lock_;
  Observer& observer_;
};

// The next step for a check of any status: "" when it passed, the generic
// words for skipped and inconclusive ones, else the step's own advice.
void complete_next_step(Check& c);

}  // namespace parlab::grader
