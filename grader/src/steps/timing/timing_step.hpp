// Step 5, speedup: time the student's code against the kit's sequential
// baseline on the release build, interleaved with the grader's calibration
// (the same baseline run as T independent copies at once), and judge the
// median of the per-round ratios against a bar that is calibrated on this
// machine, for this work, in this same run (see threshold.hpp).
//
// Why a loop of our own and not Google Benchmark: each run must be a separate
// sandboxed process (untrusted code, a timeout, its own resource limits, a
// fresh scratch folder), timed from outside by the sandbox's clock and the
// kernel's CPU accounting. The baseline and the calibration copies run in the
// kit's reference program, which holds no student code (checked before any
// run), so student code runs only in the student's own timed runs, and each
// round draws a fresh input so no run can replay an earlier one's answer.
// Google Benchmark times code inside the process; the kit still ships one
// benchmark program per exercise for students to explore their own scaling.
#pragma once

#include <cstdint>

#include "steps/machine.hpp"
#include "core/result.hpp"
#include "core/workspace.hpp"
#include "steps/reference/kit_build.hpp"

namespace parlab::grader::steps {

struct TimingOptions {
  std::uint64_t seed = 0;  // input seed for every timed run: fresh per grade, unknown to the student
  int max_attempts = 3;    // measurements before "inconclusive: too noisy"
};

Check measure_speedup(const Workspace& ws, const Machine& machine, const KitBuild& kit, const TimingOptions& options);

}  // namespace parlab::grader::steps
