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

std::string reading(const ScaleResult& r) {
  return (r.fit.ok ? "p ≈ " + format_p(r.fit) : std::string("no Amdahl fit")) + ": " + bound_phrase(r);
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
  // A run that kept one core busy on several threads did not run in parallel at all.
  const ScalePoint* widest = nullptr;
  for (const ScalePoint& pt : r.points) {
    if (pt.in_fit && pt.threads >= 2) widest = &pt;
  }
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
