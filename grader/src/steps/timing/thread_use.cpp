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
  double second_ratio = 0;  // second busiest / busiest, within a region
  double workers = 0;       // threads that did at least a tenth of the busiest one's work, over the run
  double busy = 0;
  double cpu_vs_baseline = 0;
  double switches_per_ms = 0;
  double run_delay_share = 0;
  double threads_seen = 0;
};

// How one region's work was split over the `threads` busiest threads.
struct Split {
  double balance = 0;        // mean / max
  double busiest_share = 0;  // max / sum
  double second_ratio = 0;   // second / max
  std::size_t busiest = 0;   // index of the busiest thread
};

Split split_of(const std::vector<double>& cpu_ms, int threads) {
  Split s;
  if (cpu_ms.empty()) return s;
  s.busiest = static_cast<std::size_t>(std::max_element(cpu_ms.begin(), cpu_ms.end()) - cpu_ms.begin());
  std::vector<double> top = cpu_ms;
  std::sort(top.begin(), top.end(), std::greater<>());
  top.resize(static_cast<std::size_t>(std::max(threads, 1)), 0.0);  // a thread that never ran did 0
  const double busiest = top.front();
  const double sum = std::accumulate(top.begin(), top.end(), 0.0);
  if (busiest <= 0) return s;
  s.balance = sum / static_cast<double>(top.size()) / busiest;
  s.busiest_share = busiest / sum;
  s.second_ratio = top.size() > 1 ? top[1] / busiest : 1.0;
  return s;
}

double sum_of(const std::vector<double>& v) { return std::accumulate(v.begin(), v.end(), 0.0); }

// The regions of a run (a region begins where new threads appear), each
// weighed by its CPU time: a program that starts new threads for each phase
// is judged phase by phase.
RunUse use_of(const Round& r, int threads, std::size_t& busiest_thread) {
  RunUse u;
  const std::vector<double>& whole = r.student.thread_cpu_ms;
  const std::vector<std::vector<double>> regions =
      r.student.region_cpu_ms.empty() ? std::vector<std::vector<double>>{whole} : r.student.region_cpu_ms;
  double total = 0;
  for (const auto& region : regions) total += sum_of(region);
  double heaviest = -1;
  for (const auto& region : regions) {
    const double weight = total > 0 ? sum_of(region) / total : 0;
    if (weight <= 0) continue;
    const Split s = split_of(region, threads);
    u.balance += weight * s.balance;
    u.second_ratio += weight * s.second_ratio;
    if (sum_of(region) > heaviest) {
      heaviest = sum_of(region);
      u.busiest_share = s.busiest_share;
      busiest_thread = s.busiest;
    }
  }
  const double most = whole.empty() ? 0 : *std::max_element(whole.begin(), whole.end());
  u.workers = static_cast<double>(
      std::count_if(whole.begin(), whole.end(), [&](double ms) { return most > 0 && ms >= kIdleSecondShare * most; }));
  const double wall = std::max(kMinDivisorMs, r.student.wall_ms);
  u.busy = r.student.cpu_ms / wall;
  u.cpu_vs_baseline = r.student.cpu_ms / std::max(kMinDivisorMs, r.baseline.cpu_ms);
  u.switches_per_ms = static_cast<double>(r.student.context_switches) / wall;
  u.run_delay_share = r.student.run_delay_ms / std::max(kMinDivisorMs, r.student.cpu_ms);
  u.threads_seen = static_cast<double>(std::count_if(whole.begin(), whole.end(), [](double ms) { return ms > 0; }));
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

std::string diagnose(const ThreadUse& u, int peak_threads, int threads, int cores, double second_ratio, double workers) {
  if (peak_threads > threads + 2 && peak_threads > cores && u.run_delay_share >= kOversubscribedDelay) {
    return "oversubscribed";
  }
  if (u.switches_per_ms >= kOverheadSwitchesPerMs) return "overhead";
  // One thread at a time did the work: the same thread throughout, or
  // several that ran one after another.
  if (threads >= 2 && second_ratio < kIdleSecondShare) return workers < 2 ? "too_few_threads" : "serialized";
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
  const Round& listed_round = median_round(sampled);
  std::size_t busiest = 0;
  for (const Round* r : sampled) {
    std::size_t busiest_here = 0;
    uses.push_back(use_of(*r, threads, busiest_here));
    if (r == &listed_round) busiest = busiest_here;
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

  const std::vector<double>& listed = listed_round.student.thread_cpu_ms;
  u.busiest_thread = static_cast<int>(busiest) + 1;
  u.thread_cpu_ms.assign(listed.begin(), listed.begin() + static_cast<std::ptrdiff_t>(std::min(kListedThreads, listed.size())));

  if (failed) {
    u.diagnosis = diagnose(u, peak_threads, threads, cores, median_of(uses, &RunUse::second_ratio),
                           median_of(uses, &RunUse::workers));
  }
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
