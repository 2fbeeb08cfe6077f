// The speedup check's arithmetic from timed rounds to a verdict
// (steps/timing/rounds.hpp), on made-up times: no process is started.
#include "steps/timing/rounds.hpp"

#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <vector>

namespace parlab::grader::timing {
namespace {

Rule cpu_rule() { return Rule{"cpu", 0.7, 0, 0, 1000}; }
Rule latency_rule() { return Rule{"latency", 0.6, 0, 8, 16}; }

// A round whose student is `speedup` times faster than a 900 ms baseline and
// whose calibration (when given) reached `calibration` on the same input.
// The student burns the baseline's CPU time over its cores, as real parallel
// work does, unless told otherwise.
RunTimes times(double wall_ms, double cpu_ms, int peak_threads) {
  RunTimes t;
  t.wall_ms = wall_ms;
  t.cpu_ms = cpu_ms;
  t.peak_threads = peak_threads;
  return t;
}

Round round_of(double speedup, std::optional<double> calibration = std::nullopt, double student_cpu_ms = 900,
               int peak_threads = 4) {
  Round r;
  r.baseline = times(900, 900, 1);
  r.student = times(900 / speedup, student_cpu_ms, peak_threads);
  if (calibration) r.calibration = times(900 / *calibration, 900 * *calibration, 4);
  return r;
}

std::vector<Round> cpu_rounds(std::vector<double> speedups, double calibration = 3.8) {
  std::vector<Round> rounds;
  for (double s : speedups) rounds.push_back(round_of(s, calibration));
  return rounds;
}

SpeedupFigures step_figures(int threads = 4, int attempts = 1) {
  SpeedupFigures fig;
  fig.kind = "cpu";
  fig.fraction = 0.7;
  fig.threads = threads;
  fig.rounds = 5;
  fig.attempts = attempts;
  return fig;
}

TEST(TimingRounds, ABaselineThreeTimesSlowerIsASpeedupOfThree) {
  const Measurement m = measure(cpu_rule(), 4, cpu_rounds({3, 3, 3, 3, 3}));
  EXPECT_NEAR(m.measured, 3.0, 1e-9);
  EXPECT_NEAR(m.calibration, 3.8, 1e-9);
  EXPECT_NEAR(m.required, 1 + 0.7 * 2.8, 1e-9);  // the bar follows this run's calibration
  EXPECT_TRUE(m.gate.quiet);
  ASSERT_EQ(m.student_speedups.size(), 5U);
  ASSERT_EQ(m.calibration_speedups.size(), 5U);
}

TEST(TimingRounds, AnOutlierRoundDoesNotMoveTheMedian) {
  // Round 3's student was descheduled: it ran 6x longer than the others.
  const Measurement quiet = measure(cpu_rule(), 4, cpu_rounds({3, 3, 3, 3, 3}));
  const Measurement outlier = measure(cpu_rule(), 4, cpu_rounds({3, 3, 0.5, 3, 3}));
  EXPECT_DOUBLE_EQ(outlier.measured, quiet.measured);
  EXPECT_TRUE(outlier.gate.quiet);  // the gate looks at the calibration's spread, which is 0
}

TEST(TimingRounds, TheMedianIsOfPerRoundRatiosNotOfTimes) {
  // A neighbour slows round 2 down for baseline and student alike: the ratio holds.
  std::vector<Round> rounds = cpu_rounds({2, 2, 2});
  rounds[1].baseline.wall_ms *= 5;
  rounds[1].student.wall_ms *= 5;
  EXPECT_NEAR(measure(cpu_rule(), 4, rounds).measured, 2.0, 1e-9);
}

TEST(TimingRounds, ARunTheClockSawAsZeroIsNoInfiniteSpeedup) {
  Round r = round_of(1, 3.8);
  r.student.wall_ms = 0;
  EXPECT_DOUBLE_EQ(student_speedup(r), 900 / kMinDivisorMs);
  EXPECT_DOUBLE_EQ(calibration_speedup(round_of(2)), 0);  // no calibration in the round
}

TEST(TimingRounds, TheLatencyRuleHasNoCalibrationAndJudgesTheStudentsOwnSpread) {
  std::vector<Round> rounds;
  for (double s : {6.0, 6.5, 7.0}) rounds.push_back(round_of(s));
  const Measurement m = measure(latency_rule(), 8, rounds);
  EXPECT_DOUBLE_EQ(m.calibration, 0);
  EXPECT_TRUE(m.calibration_speedups.empty());
  EXPECT_NEAR(m.required, 1 + 0.6 * 7, 1e-9);  // from the concurrency, not the cores
  EXPECT_TRUE(m.gate.quiet);

  std::vector<Round> noisy;
  for (double s : {2.0, 6.0, 12.0}) noisy.push_back(round_of(s));
  EXPECT_FALSE(measure(latency_rule(), 8, noisy).gate.quiet);
}

TEST(TimingRounds, AFlatCalibrationMakesTheMeasurementNoisy) {
  const Measurement m = measure(cpu_rule(), 4, cpu_rounds({1.1, 1.1, 1.1}, 1.2));
  EXPECT_FALSE(m.gate.quiet);
  EXPECT_NE(m.gate.reason.find("other work is using the cores"), std::string::npos);
}

TEST(BestMeasurement, APassSettlesAtOnce) {
  BestMeasurement best;
  EXPECT_TRUE(best.offer(measure(cpu_rule(), 4, cpu_rounds({3.5, 3.5, 3.5}))));
  EXPECT_NEAR(best.accepted().measured, 3.5, 1e-9);
}

TEST(BestMeasurement, AFailFarBelowTheBarSettlesAtOnce) {
  BestMeasurement best;
  EXPECT_TRUE(best.offer(measure(cpu_rule(), 4, cpu_rounds({1.0, 1.0, 1.0}))));
}

TEST(BestMeasurement, AFailCloseToTheBarIsMeasuredAgainAndTheBestCounts) {
  BestMeasurement best;
  EXPECT_FALSE(best.offer(measure(cpu_rule(), 4, cpu_rounds({2.8, 2.8, 2.8}))));  // bar 2.96
  EXPECT_FALSE(best.offer(measure(cpu_rule(), 4, cpu_rounds({2.6, 2.6, 2.6}))));  // worse: not kept
  EXPECT_NEAR(best.accepted().measured, 2.8, 1e-9);
  EXPECT_TRUE(best.offer(measure(cpu_rule(), 4, cpu_rounds({3.1, 3.1, 3.1}))));
  EXPECT_NEAR(best.accepted().measured, 3.1, 1e-9);
}

TEST(BestMeasurement, ANoisyAttemptNeverReplacesAQuietOne) {
  BestMeasurement best;
  EXPECT_FALSE(best.offer(measure(cpu_rule(), 4, cpu_rounds({1.1, 1.1, 1.1}, 1.2))));  // noisy: kept, none better
  EXPECT_FALSE(best.accepted().gate.quiet);
  EXPECT_FALSE(best.offer(measure(cpu_rule(), 4, cpu_rounds({2.8, 2.8, 2.8}))));
  EXPECT_FALSE(best.offer(measure(cpu_rule(), 4, cpu_rounds({9, 9, 9}, 1.2))));  // fast but noisy
  EXPECT_TRUE(best.accepted().gate.quiet);
  EXPECT_NEAR(best.accepted().measured, 2.8, 1e-9);
}

TEST(Judge, APassReportsItsFiguresAndTheStepsContext) {
  std::vector<Round> rounds = cpu_rounds({3, 3, 3, 3, 3});
  rounds[0].student.peak_threads = 6;
  const Check c = judge(cpu_rule(), measure(cpu_rule(), 4, rounds), step_figures(), "input size 1000");
  EXPECT_EQ(c.status, Status::pass);
  EXPECT_EQ(c.message, "3.00× faster than the sequential baseline on 4 threads (needed 2.96×)");
  EXPECT_EQ(c.details, "input size 1000");
  ASSERT_TRUE(c.speedup.has_value());
  const SpeedupFigures& fig = *c.speedup;
  EXPECT_NEAR(fig.measured, 3.0, 1e-9);
  EXPECT_NEAR(fig.required, 2.96, 1e-9);
  EXPECT_NEAR(fig.attainable, 3.8, 1e-9);
  EXPECT_NEAR(fig.calibration, 3.8, 1e-9);
  EXPECT_DOUBLE_EQ(fig.baseline_ms, 900);
  EXPECT_NEAR(fig.student_ms, 300, 1e-9);
  EXPECT_NEAR(fig.student_cpu_ratio, 3.0, 1e-9);  // 900 ms of CPU in 300 ms of wall time
  EXPECT_EQ(fig.student_peak_threads, 6);
  EXPECT_DOUBLE_EQ(fig.spread, 0);
  EXPECT_EQ(fig.ratios.size(), 5U);
  EXPECT_EQ(fig.rounds, 5);  // what the step knew comes through
}

TEST(Judge, AFailSaysHowFarBelowTheBar) {
  const Check c = judge(cpu_rule(), measure(cpu_rule(), 4, cpu_rounds({1.0, 1.0, 1.0})), step_figures(), "ctx");
  EXPECT_EQ(c.status, Status::fail);
  EXPECT_EQ(c.message, "1.00× on 4 threads, below the bar of 2.96×");
}

TEST(Judge, ANoisyMeasurementIsInconclusiveAfterItsAttempts) {
  const Check c =
      judge(cpu_rule(), measure(cpu_rule(), 4, cpu_rounds({1.1, 1.1, 1.1}, 1.2)), step_figures(4, 3), "ctx");
  EXPECT_EQ(c.status, Status::inconclusive);
  EXPECT_EQ(c.message.rfind("inconclusive: too noisy, re-run (the kit's baseline as 4 copies", 0), 0U) << c.message;
  EXPECT_NE(c.message.find("after 3 measurements)"), std::string::npos) << c.message;
}

TEST(Judge, LatencyCountsWorkers) {
  std::vector<Round> rounds;
  for (int i = 0; i < 3; ++i) rounds.push_back(round_of(7));
  SpeedupFigures fig = step_figures(8);
  fig.kind = "latency";
  const Check c = judge(latency_rule(), measure(latency_rule(), 8, rounds), fig, "ctx");
  EXPECT_EQ(c.status, Status::pass);
  EXPECT_EQ(c.message, "7.00× faster than the sequential baseline on 8 workers (needed 5.20×)");
}

TEST(Judge, AFastRunThatSkipsTheWorkFails) {
  // 10x faster, but with a tenth of the baseline's CPU time: a closed form.
  std::vector<Round> rounds;
  for (int i = 0; i < 3; ++i) rounds.push_back(round_of(10, 3.8, 90));
  const Measurement m = measure(cpu_rule(), 4, rounds);
  EXPECT_NEAR(work_share(m), 0.1, 1e-9);
  EXPECT_TRUE(skipped_work(cpu_rule(), m));
  const Check c = judge(cpu_rule(), m, step_figures(), "ctx");
  EXPECT_EQ(c.status, Status::fail);
  EXPECT_EQ(c.message, "your timed run used 10% of the CPU time of the sequential baseline: it skips the work the "
                       "exercise asks for; do all of it, in parallel");
  EXPECT_EQ(c.details, "CPU time: baseline 900.0 ms, yours 90.0 ms (medians)");
  ASSERT_TRUE(c.speedup.has_value());
  EXPECT_NEAR(c.speedup->measured, 10.0, 1e-9);  // the figures still show what was measured
}

TEST(Judge, ALatencyRunMayBurnLittleCpu) {
  // Threads that wait on I/O burn no CPU: the skipped-work check is the cpu rule's only.
  std::vector<Round> rounds;
  for (int i = 0; i < 3; ++i) rounds.push_back(round_of(7, std::nullopt, 5));
  EXPECT_FALSE(skipped_work(latency_rule(), measure(latency_rule(), 8, rounds)));
}


// --- decided_early: the rounds so far settle the attempt -------------------
// On 4 threads with a calibration of 3.8 the bar is 1 + 0.7 x 2.8 = 2.96.

TEST(TimingRoundsEarly, ClearPassAfterThreeRoundsIsDecided) {
  EXPECT_TRUE(decided_early(cpu_rule(), 4, cpu_rounds({3.6, 3.7, 3.5}), 5));
}

TEST(TimingRoundsEarly, FarBelowTheBarAfterThreeRoundsIsDecided) {
  // A sequential submission: 1.0x against 2.96x, under 0.8 of the bar.
  EXPECT_TRUE(decided_early(cpu_rule(), 4, cpu_rounds({1.0, 1.02, 0.98}), 5));
}

TEST(TimingRoundsEarly, NeverBeforeTheMinimumNumberOfRounds) {
  EXPECT_FALSE(decided_early(cpu_rule(), 4, cpu_rounds({3.7, 3.7}), 5));
  EXPECT_FALSE(decided_early(cpu_rule(), 4, cpu_rounds({1.0, 1.0}), 5));
}

TEST(TimingRoundsEarly, OneRoundNearTheBarKeepsMeasuring) {
  // The two rounds to come could both be low: the median could become 2.9 < 2.96.
  EXPECT_FALSE(decided_early(cpu_rule(), 4, cpu_rounds({3.6, 2.9, 3.7}), 5));
  // A fail close to the bar is confirmed, never cut short.
  EXPECT_FALSE(decided_early(cpu_rule(), 4, cpu_rounds({2.5, 2.6, 2.5}), 5));
}

TEST(TimingRoundsEarly, AFourthRoundCanDecideWhatThreeCouldNot) {
  // With 2 of 5 rounds to come, the median could fall to 2.9; with 1 to
  // come it can fall no lower than 3.6.
  EXPECT_FALSE(decided_early(cpu_rule(), 4, cpu_rounds({3.6, 2.9, 3.7}), 5));
  EXPECT_TRUE(decided_early(cpu_rule(), 4, cpu_rounds({3.6, 2.9, 3.7, 3.8}), 5));
}

TEST(TimingRoundsEarly, TheBarAtTheHighestPossibleCalibrationMustBeCleared) {
  // Student 3.0 clears the bar at calibration 3.0 (2.4) but not at 4.0
  // (3.1), and the calibration's median could still reach 4.0.
  std::vector<Round> rounds;
  for (double calibration : {3.0, 4.0, 4.0}) rounds.push_back(round_of(3.0, calibration));
  EXPECT_FALSE(decided_early(cpu_rule(), 4, rounds, 5));
}

TEST(TimingRoundsEarly, ANoisyCalibrationIsNeverDecidedEarly) {
  std::vector<Round> rounds;
  for (double calibration : {1.5, 3.8, 2.4}) rounds.push_back(round_of(3.9, calibration));
  EXPECT_FALSE(measure(cpu_rule(), 4, rounds).gate.quiet);
  EXPECT_FALSE(decided_early(cpu_rule(), 4, rounds, 5));
}

TEST(TimingRoundsEarly, SkippedWorkIsDecidedEvenAtAHighSpeedup) {
  // 40x faster on a twentieth of the baseline's CPU time: a cached answer.
  std::vector<Round> rounds;
  for (int i = 0; i < 3; ++i) rounds.push_back(round_of(40, 3.8, 45));
  EXPECT_TRUE(decided_early(cpu_rule(), 4, rounds, 5));
  EXPECT_TRUE(skipped_work(cpu_rule(), measure(cpu_rule(), 4, rounds)));
}

TEST(TimingRoundsEarly, WorkShareNearTheLimitKeepsMeasuring) {
  // A fifth of the baseline's CPU in one round: the median share could go either way.
  std::vector<Round> rounds = {round_of(3.7, 3.8, 900), round_of(3.7, 3.8, 150), round_of(3.7, 3.8, 900)};
  EXPECT_FALSE(decided_early(cpu_rule(), 4, rounds, 5));
}

TEST(TimingRoundsEarly, AllPlannedRoundsMeasuredIsNotAnEarlyDecision) {
  EXPECT_FALSE(decided_early(cpu_rule(), 4, cpu_rounds({3.6, 3.7, 3.5}), 3));
}

TEST(TimingRoundsEarly, TheEarlyVerdictIsTheOneAllRoundsWouldGive) {
  // Whatever the last two rounds measure, the full attempt's verdict is the
  // early one: checked here against extreme values.
  const std::vector<double> first = {3.6, 3.7, 3.5};
  ASSERT_TRUE(decided_early(cpu_rule(), 4, cpu_rounds(first), 5));
  for (double later : {0.2, 1.0, 3.0, 50.0}) {
    std::vector<double> all = first;
    all.push_back(later);
    all.push_back(later);
    const Measurement full = measure(cpu_rule(), 4, cpu_rounds(all));
    EXPECT_GE(full.measured, full.required) << later;
  }
}

TEST(TimingRoundsEarly, LatencyRuleDecidesOnTheStudentsOwnRatios) {
  // 16 requests on 8 workers: the bar is 1 + 0.6 x 7 = 5.2.
  std::vector<Round> clear;
  for (double s : {7.8, 7.9, 7.7}) clear.push_back(round_of(s));
  EXPECT_TRUE(decided_early(latency_rule(), 8, clear, 5));
  std::vector<Round> close;
  for (double s : {7.8, 5.0, 7.7}) close.push_back(round_of(s));
  EXPECT_FALSE(decided_early(latency_rule(), 8, close, 5));
}

}  // namespace
}  // namespace parlab::grader::timing
