// Why a speedup is low, from what each of the student's threads did in the
// timed runs. Pure: unit-tested on made-up runs (thread_use_test.cpp), so
// every diagnosis is built on purpose there.
//
// The sandbox samples each thread's CPU time every 10 ms (schedstat), and
// the kernel counts context switches. A run is cut into regions where new
// threads appear (sandbox/thread_ledger.hpp), so a program that starts fresh
// threads per phase is judged phase by phase. From those, per run:
//   busy threads     CPU time / wall time: how many threads worked at once
//   balance          mean / max CPU time of the `threads` busiest threads,
//                    per region, weighed by the region's CPU time
//   CPU vs baseline  the same work's CPU time, parallel over sequential
//   switches per ms  how often threads blocked and woke (locks, task queues)
//   run delay        time runnable threads waited for a core
// and the medians over the rounds pick one diagnosis, first match wins:
//   oversubscribed   more threads than asked, waiting for cores
//   overhead         threads block and wake thousands of times: tiny tasks, a lock per item
//   too_few_threads  one thread did nearly all the work
//   serialized       one thread at a time: threads that ran one after another,
//                    or balanced ones that seldom overlapped
//   imbalance        the busiest thread did far more than the others
//   contention       all busy, but far more CPU than the baseline: shared atomics, false sharing
//   unexplained      none of these (memory bandwidth?)
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/result.hpp"
#include "steps/timing/rounds.hpp"

namespace parlab::grader::timing {

// The thresholds, named so the tests and the documentation can cite them.
inline constexpr double kImbalancedEfficiency = 0.8;   // below: imbalance
inline constexpr double kIdleSecondShare = 0.1;        // second busiest under this share of the busiest: one thread
inline constexpr double kSerializedBusyShare = 0.75;   // busy threads under this share of `threads`
inline constexpr double kContendedCpu = 1.3;           // CPU time over the baseline's
inline constexpr double kOverheadSwitchesPerMs = 5;    // one block/wake per 200 µs or more often
inline constexpr double kOversubscribedDelay = 0.5;    // waited for a core half as long as it ran

// `failed`: the speedup is below the bar, so a diagnosis is wanted; without
// it only the figures are filled in. nullopt when no run was sampled.
std::optional<ThreadUse> thread_use(const std::vector<Round>& rounds, int threads, int cores, bool failed);

// One line of figures for the check's details: each thread's CPU time in
// start order, threads busy at once, balance, CPU against the baseline's.
std::string describe_threads(const ThreadUse& u, int threads);

}  // namespace parlab::grader::timing
