#include "scaling/scale_plan.hpp"

#include <algorithm>
#include <cmath>

namespace parlab::grader::scaling {

namespace {

// 1, 2, ... dense up to 8, then about 1.5× apart, always ending at `last`:
// a 64-core machine gets 12 counts up to 64, not 64 of them.
std::vector<int> counts_up_to(int last) {
  std::vector<int> out;
  for (int k = 1; k <= last; k = k < 8 ? k + 1 : static_cast<int>(std::ceil(k * 1.5))) out.push_back(k);
  if (out.back() == last) return out;
  if (out.back() * 10 > last * 9) {
    out.back() = last;  // 62 and 64 show the same thing
  } else {
    out.push_back(last);
  }
  return out;
}

}  // namespace

ScalePlan plan_thread_counts(const SpeedupRule& rule, int usable_cores) {
  ScalePlan plan;
  if (rule.kind == "latency") {
    plan.fit_limit = std::max(1, rule.concurrency);
    plan.threads = counts_up_to(plan.fit_limit);
    return plan;
  }
  const int cores = std::max(1, usable_cores);
  plan.fit_limit = cores;
  plan.threads = counts_up_to(cores);
  // Oversubscribed: 1.5× and 2× the cores (3 and 4 on 2 cores).
  for (const int k : {(3 * cores + 1) / 2, 2 * cores}) {
    if (k > plan.threads.back()) plan.threads.push_back(k);
  }
  return plan;
}

}  // namespace parlab::grader::scaling
