// Runs the speedup check's timed programs (steps/timer/timer_runner.hpp):
// the warm-up, then the interleaved rounds of each measurement, as the
// timing::Round values that steps/timing/rounds.hpp turns into a verdict.
// A run that fails, that is stopped as far too slow, or whose result differs
// from the baseline's ends the check: that Check comes back as `stop`.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <vector>

#include "core/manifest.hpp"
#include "core/result.hpp"
#include "steps/timer/timer_runner.hpp"
#include "steps/timing/rounds.hpp"

namespace parlab::grader::steps {

// A run far slower than the sequential baseline (a lock taken per item) is
// far below any bar: it is stopped at kMaxSlowdown times the baseline's time
// (never less than kMinSlowdownLimitMs, for start-up) instead of waiting for
// the manifest's timeout.
inline constexpr double kMaxSlowdown = 20;
inline constexpr double kMinSlowdownLimitMs = 2000;

// What the speedup statistic and the thread diagnosis need of one timed run.
timing::RunTimes times_of(const TimerSample& s);

struct WarmUp {
  double baseline_ms = 0;     // the baseline's wall time at the manifest's size
  std::optional<Check> stop;  // set when the check ends here
};

struct Attempt {
  std::vector<timing::Round> rounds;
  std::optional<Check> stop;  // set when the check ends here
};

class RoundRunner {
 public:
  // `seed`: the grade's; every run derives its own input seed from it.
  // `cores`: the usable cores, for the diagnosis of a run stopped as too slow.
  RoundRunner(TimerRunner& runner, const Manifest& manifest, std::uint64_t seed, int cores);

  // Loads the binaries into the page cache, and checks that the timed code
  // gives the baseline's answer at the manifest's size before timing anything.
  WarmUp warm_up(int threads);

  // The baseline's expected wall time at the size about to be timed: student
  // runs are stopped at kMaxSlowdown times it, and the message says so.
  void expect_baseline_ms(double ms);

  // Measurement number `attempt` (1-based): the manifest's number of rounds,
  // each running baseline, student and, with `calibrate`, the calibration
  // (the baseline as `threads` copies at once) on one fresh input. Ends
  // sooner when `decided` says the rounds so far settle it.
  using Decided = std::function<bool(const std::vector<timing::Round>&)>;
  Attempt run_attempt(int attempt, std::uint64_t size, int threads, bool calibrate, const Decided& decided = {});

 private:
  std::optional<Check> run_round(std::uint64_t seed, int rotation, std::uint64_t size, int threads, bool calibrate,
                                 timing::Round& round);
  // The check a failed run ends with: a student run's failure is the
  // student's; the kit's own runs failing is an error.
  Check failed_run(timer::Variant variant, const TimerSample& s) const;
  Check too_slow(const TimerSample& s) const;  // with the diagnosis of what its threads did

  TimerRunner& runner_;
  const Manifest& m_;
  std::uint64_t seed_;
  double baseline_ms_ = 0;  // for the slowdown limit and its message
  int cores_ = 1;
  int threads_ = 1;         // of the runs being timed
};

}  // namespace parlab::grader::steps
