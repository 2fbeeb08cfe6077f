#include "steps/timing/thread_use.hpp"

#include <algorithm>
#include <fmt/format.h>
#include <cstddef>
#include <functional>
#include <numeric>

#include "steps/timing/statistics.hpp"

namespace parlab::grader::timing {

namespace {

// The most threads the JSON lists: enough for a 16-core run.
constexpr std::size_t kListedThreads = 16;

// One student run's figures.
struct RunUse {
  double balance = 0;
  double busiest_share = 0;
  double second_ratio = 0;  // second busiest / busiest
  double busy = 0;
  double cpu_vs_baseline = 0;
  double switches_per_ms = 0;
  double run_delay_share = 0;
  double threads_seen = 0;
};

RunUse use_of(const Round& r, int threads) {
  RunUse u;
  std::vector<double> top = r.student.thread_cpu_ms;
  std::sort(top.begin(), top.end(), std::greater<>());
  top.resize(static_cast<std::size_t>(std::max(threads, 1)), 0.0);  // a thread that never ran did 0
  const double busiest = top.front();
  const double sum = std::accumulate(top.begin(), top.end(), 0.0);
  if (busiest > 0) {
    u.balance = sum / static_cast<double>(top.size()) / busiest;
    u.busiest_share = busiest / sum;
    u.second_ratio = top.size() > 1 ? top[1] / busiest : 1.0;
  }
  const double wall = std::max(kMinDivisorMs, r.student.wall_ms);
  u.busy = r.student.cpu_ms / wall;
  u.cpu_vs_baseline = r.student.cpu_ms / std::max(kMinDivisorMs, r.baseline.cpu_ms);
  u.switches_per_ms = static_cast<double>(r.student.context_switches) / wall;
  u.run_delay_share = r.student.run_delay_ms / std::max(kMinDivisorMs, r.student.cpu_ms);
  u.threads_seen = static_cast<double>(
      std::count_if(r.student.thread_cpu_ms.begin(), r.student.thread_cpu_ms.end(), [](double ms) { return ms > 0; }));
  return u;
}

double median_of(const std::vector<RunUse>& uses, double RunUse::*field) {
  std::vector<double> values;
  values.reserve(uses.size());
  for (const RunUse& u : uses) values.push_back(u.*field);
  return median(std::move(values));
}

// The round whose student run took the median wall time: its threads are
// the ones listed.
const Round& median_round(const std::vector<const Round*>& sampled) {
  std::vector<const Round*> by_wall = sampled;
  std::sort(by_wall.begin(), by_wall.end(),
            [](const Round* a, const Round* b) { return a->student.wall_ms < b->student.wall_ms; });
  return *by_wall[by_wall.size() / 2];
}

std::string diagnose(const ThreadUse& u, int peak_threads, int threads, int cores, double second_ratio) {
  if (peak_threads > threads + 2 && peak_threads > cores && u.run_delay_share >= kOversubscribedDelay) {
    return "oversubscribed";
  }
  if (u.switches_per_ms >= kOverheadSwitchesPerMs) return "overhead";
  if (threads >= 2 && second_ratio < kIdleSecondShare) return "too_few_threads";
  if (u.balance_efficiency < kImbalancedEfficiency) return "imbalance";
  if (u.busy_threads < kSerializedBusyShare * threads) return "serialized";
  if (u.cpu_vs_baseline >= kContendedCpu) return "contention";
  return "unexplained";
}

}  // namespace

std::optional<ThreadUse> thread_use(const std::vector<Round>& rounds, int threads, int cores, bool failed) {
  std::vector<const Round*> sampled;
  for (const Round& r : rounds) {
    if (!r.student.thread_cpu_ms.empty()) sampled.push_back(&r);
  }
  if (sampled.empty()) return std::nullopt;
  std::vector<RunUse> uses;
  int peak_threads = 0;
  for (const Round* r : sampled) {
    uses.push_back(use_of(*r, threads));
    peak_threads = std::max(peak_threads, r->student.peak_threads);
  }

  ThreadUse u;
  u.balance_efficiency = median_of(uses, &RunUse::balance);
  u.busiest_share = median_of(uses, &RunUse::busiest_share);
  u.busy_threads = median_of(uses, &RunUse::busy);
  u.cpu_vs_baseline = median_of(uses, &RunUse::cpu_vs_baseline);
  u.switches_per_ms = median_of(uses, &RunUse::switches_per_ms);
  u.run_delay_share = median_of(uses, &RunUse::run_delay_share);
  u.threads_seen = static_cast<int>(median_of(uses, &RunUse::threads_seen) + 0.5);

  const std::vector<double>& listed = median_round(sampled).student.thread_cpu_ms;
  const auto busiest = std::max_element(listed.begin(), listed.end());
  u.busiest_thread = static_cast<int>(busiest - listed.begin()) + 1;
  u.thread_cpu_ms.assign(listed.begin(), listed.begin() + static_cast<std::ptrdiff_t>(std::min(kListedThreads, listed.size())));

  if (failed) u.diagnosis = diagnose(u, peak_threads, threads, cores, median_of(uses, &RunUse::second_ratio));
  return u;
}

std::string describe_threads(const ThreadUse& u, int threads) {
  std::string per_thread;
  for (const double ms : u.thread_cpu_ms) per_thread += fmt::format("{}{:.0f}", per_thread.empty() ? "" : " ", ms);
  if (u.thread_cpu_ms.size() < static_cast<std::size_t>(u.threads_seen)) per_thread += " ...";
  return fmt::format("threads (CPU ms each, in start order): {}; busy at once {:.1f} of {}; balance {:.2f}; CPU "
                     "{:.2f}× the baseline's; {:.1f} context switches per ms",
                     per_thread, u.busy_threads, threads, u.balance_efficiency, u.cpu_vs_baseline, u.switches_per_ms);
}

}  // namespace parlab::grader::timing
