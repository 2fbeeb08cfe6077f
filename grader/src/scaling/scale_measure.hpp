// Measures a scaling curve: the exercise's `timer` program (release build),
// the student's code on each planned thread count, in interleaved rounds.
//
// Every run is its own sandboxed process timed from outside, as in the
// speedup check (steps/timing/). The rounds rotate the order of the thread
// counts, so none always runs first (cold caches) or last; the statistic per
// count is the median over rounds of t(1) / t(k), which one descheduled run
// cannot move.
#pragma once

#include <cstdint>
#include <functional>
#include <string>

#include "steps/machine.hpp"
#include "core/workspace.hpp"
#include "scaling/scale_plan.hpp"
#include "steps/reference/kit_build.hpp"
#include "scaling/scale_result.hpp"

namespace parlab::grader::scaling {

struct MeasureOptions {
  std::uint64_t seed = 1;
  int rounds = 5;
  // CPU-bound inputs grow until one thread takes about this long: long enough
  // that process start-up is noise, short enough for many thread counts.
  double target_one_thread_ms = 400;
  // Called before each round (1-based), for progress output.
  std::function<void(int round, int rounds)> on_round;
};

struct Measurement {
  bool ok = false;
  std::string problem;  // why no curve could be measured, saying what to do
  ScaleResult result;   // points and size; the caller fits and labels it
};

Measurement measure_scaling(const Workspace& ws, const Machine& machine, const steps::KitBuild& kit, const ScalePlan& plan,
                            const MeasureOptions& options);

// Standard error of a median of samples, from their interquartile range
// (normal approximation: sd ≈ IQR / 1.349, se(median) ≈ 1.253 sd / √n).
double median_error(const std::vector<double>& samples);

}  // namespace parlab::grader::scaling
