#include "scaling/reading.hpp"

#include <cmath>
#include <fmt/format.h>

namespace parlab::grader::scaling {

namespace {

// Above this bound the sequential part is too small to measure with the
// few cores of a laptop or CI runner: "at most 500×" would be noise, not a finding.
constexpr double kLargestBoundShown = 100;
// Below this p most of the gain is already gone on 4 cores (at most 1/(1-p) = 4×).
constexpr double kLowP = 0.75;

std::string format_bound(double bound) {
  return bound < 10 ? fmt::format("{:.1f}×", bound) : fmt::format("{:.0f}×", bound);
}

}  // namespace

std::string format_p(const AmdahlFit& fit) { return fmt::format("{:.2f} ± {:.2f}", fit.p, fit.error); }

std::string bound_phrase(const ScaleResult& r) {
  const bool latency = r.kind == "latency";
  if (!r.fit.ok) {
    if (!latency && r.usable_cores < 2) {
      return "one usable core here, so no thread count can show a parallel gain; run on a machine with more cores";
    }
    return r.fit.note;
  }
  if (r.fit.limit() > kLargestBoundShown) {
    return fmt::format("no sequential part shows on {} {}; the limit lies beyond what they can measure", r.fit_limit,
                       latency ? "workers" : (r.fit_limit == 1 ? "core" : "cores"));
  }
  return fmt::format("at most {} {}", format_bound(r.fit.limit()),
                     latency ? "with any number of worker threads" : "on any number of cores");
}

namespace {

// The point with the most threads that still has a core each (fitted).
const ScalePoint* widest_fitted(const ScaleResult& r) {
  const ScalePoint* widest = nullptr;
  for (const ScalePoint& pt : r.points) {
    if (pt.in_fit && pt.threads >= 2) widest = &pt;
  }
  return widest;
}

}  // namespace

std::string reading(const ScaleResult& r) {
  std::string line = (r.fit.ok ? "p ≈ " + format_p(r.fit) : std::string("no Amdahl fit")) + ": " + bound_phrase(r);
  // The thread diagnosis's figure: how evenly the widest run split its work.
  if (const ScalePoint* widest = widest_fitted(r); r.kind == "cpu" && widest != nullptr && widest->balance > 0) {
    line += fmt::format("; load balance {:.2f} on {} threads", widest->balance, widest->threads);
  }
  return line;
}

std::string machine_note(const ScaleResult& r) {
  if (r.kind != "cpu" || r.points.empty() || r.points.front().cores_used <= 0 ||
      r.points.front().cores_used >= kBusyCoreShare) {
    return {};
  }
  return fmt::format("the machine is busy: on one thread your code got {:.0f}% of a core, so other programs share "
                     "the cores and the curve may show less than your code can do; measure again when it is quiet",
                     r.points.front().cores_used * 100);
}

std::string hint(const ScaleResult& r) {
  if (!r.fit.ok || r.fit.p >= kLowP || !machine_note(r).empty()) return {};
  if (r.kind == "latency") {
    return "most of the time is spent one request after another: give every request to the pool before waiting "
           "for any result";
  }
  const ScalePoint* widest = widest_fitted(r);
  // The speedup check's diagnosis where it names a cause the curve cannot show.
  if (widest != nullptr && widest->diagnosis == "imbalance") {
    return fmt::format("on {} threads the busiest thread did {:.0f}% of the work (load balance {:.2f}): balance it, "
                       "with small chunks handed out as threads become free",
                       widest->threads, widest->busiest_share * 100, widest->balance);
  }
  if (widest != nullptr && widest->diagnosis == "overhead") {
    return fmt::format("on {} threads your threads block and wake thousands of times: tasks too small, or a lock per "
                       "item; hand out bigger chunks of work",
                       widest->threads);
  }
  // A run that kept one core busy on several threads did not run in parallel at all.
  if (widest != nullptr && widest->cores_used > 0 && widest->cores_used < 1.2) {
    return fmt::format("on {} threads your code kept {:.1f} cores busy: it runs on one; split the work across the "
                       "threads it is given",
                       widest->threads, widest->cores_used);
  }
  return fmt::format("{:.0f}% of the one-thread time does not get faster with threads: look for work outside them "
                     "(set-up, a serial merge) or a lock held around the work",
                     (1 - r.fit.p) * 100);
}

}  // namespace parlab::grader::scaling
