#include "pipeline/step_runner.hpp"

#include <chrono>
#include <exception>
#include <fmt/format.h>
#include <utility>

#include "steps/build/build_step.hpp"
#include "steps/race/race_step.hpp"
#include "steps/tests/test_step.hpp"
#include "steps/timing/speedup_advice.hpp"

namespace parlab::grader {

namespace {

// In pipeline order (kCheckIds).
const StepDefinition kSteps[] = {
    {CheckId::build, false, &steps::build_next_step},
    {CheckId::tests, false, &steps::tests_next_step},
    {CheckId::race, false, &steps::race_next_step},
    {CheckId::speedup, true, &steps::speedup_next_step},
};

}  // namespace

const StepDefinition& step_definition(CheckId id) { return kSteps[static_cast<std::size_t>(id)]; }

void complete_next_step(Check& c) {
  switch (c.status) {
    case Status::pass: c.next_step.clear(); return;
    case Status::skipped: c.next_step = "fix the check before it first; this one runs after it passes"; return;
    case Status::inconclusive:
      if (c.speedup && c.speedup->usable_cores > 0 && c.speedup->usable_cores < 2) {
        c.next_step = "only one usable core: a speedup cannot be measured here; grade on a machine with 2 or more cores";
      } else {
        c.next_step = "the machine, not your code, kept this from a verdict: close other programs and grade again";
      }
      return;
    case Status::fail:
    case Status::error:
      if (c.next_step.empty()) c.next_step = step_definition(c.id).advice(c);
      return;
  }
}

StepRunner::StepRunner(std::string exercise_id, const PhaseLock& phase_lock, Observer& observer)
    : exercise_id_(std::move(exercise_id)), phase_lock_(phase_lock), observer_(observer) {}

Check StepRunner::run(CheckId id, const std::function<Check()>& body) {
  const StepDefinition& step = step_definition(id);
  observer_.step_started(exercise_id_, id);
  const auto start = std::chrono::steady_clock::now();
  Check c;
  try {
    const PhaseLock::Guard phase = step.needs_machine_alone ? phase_lock_.exclusive() : phase_lock_.shared();
    c = body();
  } catch (const std::exception& e) {
    c = Check{};
    c.status = Status::error;
    c.message = fmt::format("internal grader error in the {} step: {} (please report it)", to_string(id), e.what());
  }
  c.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return finish(step, std::move(c));
}

Check StepRunner::skip(CheckId id, const std::string& why) {
  Check c;
  c.status = Status::skipped;
  c.message = "skipped: " + why;
  return finish(step_definition(id), std::move(c));
}

Check StepRunner::finish(const StepDefinition& step, Check c) {
  c.id = step.id;
  complete_next_step(c);
  observer_.step_finished(exercise_id_, c);
  return c;
}

}  // namespace parlab::grader
