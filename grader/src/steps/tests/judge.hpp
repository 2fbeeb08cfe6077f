// The judge of the tests check, decided outside the student's process (the
// design programming-contest judges use): the student's timer computes
// answers for inputs the grader draws fresh (an unpredictable seed per case),
// the kit's reference program computes the expected answers, and the grader
// compares the two. Code in the student's process can forge anything that
// process reports, including its GoogleTest report; it cannot forge this.
//
// Cases: each of the manifest's judge.sizes at 1, 2, 3, 7 and the machine's
// thread count (the latency kind: its workers), each with its own seed.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "steps/machine.hpp"
#include "core/workspace.hpp"
#include "steps/reference/kit_build.hpp"

namespace parlab::grader::steps {

struct JudgeOutcome {
  int passed = 0;
  int total = 0;
  std::vector<std::string> failures;  // one line each, grader-made (never the student's output)
  bool hung = false;                  // a run timed out: the rest were not run
};

// Judge cases run at once (none of them is timed).
inline constexpr std::size_t kJudgeRunsAtOnce = 4;

// The thread counts judged for this exercise on this machine.
std::vector<int> judged_threads(const Manifest& m, const Machine& machine);

JudgeOutcome run_judge(const Workspace& ws, const Machine& machine, const KitBuild& kit, std::uint64_t seed);

}  // namespace parlab::grader::steps
