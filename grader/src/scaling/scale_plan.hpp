// Which thread counts a scaling curve measures. CPU-bound: every count up to
// the cores (sparser beyond 8), then two counts beyond them, which show what
// oversubscription costs; only the in-core counts are fitted. Latency-bound:
// worker counts up to the manifest's concurrency; waiting workers need no
// cores, so all of them are fitted.
#pragma once

#include <vector>

#include "core/manifest.hpp"

namespace parlab::grader::scaling {

struct ScalePlan {
  std::vector<int> threads;  // increasing, starting at 1
  int fit_limit = 1;         // counts up to this one are fitted
};

ScalePlan plan_thread_counts(const SpeedupRule& rule, int usable_cores);

}  // namespace parlab::grader::scaling
