// The speedup check's arithmetic, from timed rounds to a verdict. Pure: no
// process is started here (steps/timing/round_runner.hpp runs the rounds),
// so every rule below is unit-tested on made-up times
// (grader/tests/unit/timing_rounds_test.cpp).
//
//   rounds -> Measurement   per-round ratios, their medians, the bar, the noise gate
//   Measurement... -> one   BestMeasurement: the best quiet attempt counts
//   Measurement -> Check    figures, pass / fail / inconclusive, skipped work
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/result.hpp"
#include "steps/timing/threshold.hpp"

namespace parlab::grader::timing {

// What the statistic needs of one timed run.
struct RunTimes {
  double wall_ms = 0;    // the sandbox's clock
  double cpu_ms = 0;     // the kernel's CPU account
  int peak_threads = 0;  // most threads alive at once
  // Sampled per thread while it ran (empty when not sampled): CPU time of
  // each thread in start order, and the time threads waited for a core.
  std::vector<double> thread_cpu_ms;
  // The same per region of the run (a region begins where new threads
  // appear); empty: one region, thread_cpu_ms.
  std::vector<std::vector<double>> region_cpu_ms;
  double run_delay_ms = 0;
  std::int64_t context_switches = 0;  // voluntary + involuntary (rusage)
};

// One interleaved round: every variant once, on the same fresh input, close
// together in time, so a neighbour's load hits all of them alike and their
// ratios cancel it.
struct Round {
  RunTimes baseline;                    // the kit's sequential baseline
  RunTimes student;                     // the submission on `threads` threads
  std::optional<RunTimes> calibration;  // cpu rule: the baseline as `threads` copies at once
};

// Ratios divide by at least this many ms: a run the clock saw as 0 ms must
// not turn into an infinite speedup.
inline constexpr double kMinDivisorMs = 1e-3;

double student_speedup(const Round& round);      // baseline / student wall time
double calibration_speedup(const Round& round);  // baseline / calibration wall time; 0 without one

// One attempt's rounds and what they say. Medians of per-round ratios, never
// ratios of medians or means: one descheduled run moves one ratio, not the
// statistic (statistics.hpp).
struct Measurement {
  std::vector<Round> rounds;
  std::vector<double> student_speedups;      // per round
  std::vector<double> calibration_speedups;  // per round with a calibration (cpu)
  double measured = 0;     // median student speedup
  double calibration = 0;  // median calibration speedup (cpu); 0 for the latency rule
  double required = 1;     // the bar at this calibration
  Gate gate;               // whether the machine was quiet enough to judge
};

Measurement measure(const Rule& rule, int threads, std::vector<Round> rounds);

// Across attempts: a fail close to the bar is confirmed by another attempt
// before it stands, and the best quiet attempt counts, so one unlucky minute
// cannot fail correct code, while code far below the bar fails at once.
class BestMeasurement {
 public:
  // Takes one attempt; true when no further attempt can change the verdict.
  bool offer(Measurement m);
  // The attempt that counts: the best quiet one, else the latest noisy one
  // (for the report). Before any offer: an empty, quiet measurement.
  const Measurement& accepted() const { return accepted_; }

 private:
  Measurement accepted_;
  double best_margin_ = -1;  // measured / required of the best quiet attempt; < 0: none yet
};

// Whether the first rounds of an attempt already decide it: whatever the
// `planned - rounds.size()` rounds still to come could measure (any times at
// all), the medians of the whole attempt would give the same verdict. A
// submission far below the bar (a stub at 1.0× against 1.6×) or well above
// it is then judged on kMinDecidingRounds rounds instead of all of them; one
// near the bar still runs every round. The noise gate must hold on the
// rounds measured, and the CPU-work rule must be decided too.
inline constexpr int kMinDecidingRounds = 3;
bool decided_early(const Rule& rule, int threads, const std::vector<Round>& rounds, int planned);

// A parallel version does the baseline's work on more cores: its CPU time
// is about the baseline's, often more. One that burns a fifth of it did not
// do the work (a closed form, a cached answer): the speedup means nothing.
inline constexpr double kMinWorkShare = 0.2;

// Median student CPU time over median baseline CPU time.
double work_share(const Measurement& m);
// The cpu rule only: a latency-bound submission waits, it burns no CPU.
bool skipped_work(const Rule& rule, const Measurement& m);

// The speedup check of the measurement that counts: its figures (added to
// `fig`, which arrives with what the step knows: kind, fraction, cores,
// threads, rounds, attempts), pass / fail / inconclusive and the line a
// student reads. `context` becomes the details, except when the work was
// skipped: then the details are the CPU times that show it.
Check judge(const Rule& rule, const Measurement& accepted, SpeedupFigures fig, std::string context);

}  // namespace parlab::grader::timing
