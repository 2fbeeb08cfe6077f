#include "steps/timing/threshold.hpp"

#include <gtest/gtest.h>

#include "steps/timing/statistics.hpp"

namespace {

using namespace parlab::grader;
using namespace parlab::grader::timing;

Rule cpu_rule(double fraction = 0.7, int cap = 0) { return Rule{"cpu", fraction, cap, 0, 1000}; }

TEST(Threshold, CpuBarIsAFractionOfTheCalibratedGain) {
  const auto t = threshold(cpu_rule(0.7), 2, 1.8);
  EXPECT_DOUBLE_EQ(t.attainable, 1.8);
  EXPECT_NEAR(t.required, 1.56, 1e-12);
  EXPECT_NE(t.how.find("1.56"), std::string::npos);
}

TEST(Threshold, BarFallsWhenANeighbourTakesCapacity) {
  // The same submission is judged against what the machine delivered in the same run.
  EXPECT_LT(threshold(cpu_rule(), 2, 1.25).required, threshold(cpu_rule(), 2, 1.8).required);
}

TEST(Threshold, ASequentialSubmissionNeverPasses) {
  for (double calibration : {1.01, 1.2, 1.5, 1.9, 3.5, 15.0}) {
    const auto t = threshold(cpu_rule(0.5), 16, calibration);
    EXPECT_EQ(decide(1.0, t, Gate{}), Status::fail) << calibration;
  }
}

TEST(Threshold, CapLimitsTheAttainableSpeedup) {
  const auto t = threshold(cpu_rule(0.7, 8), 16, 14.0);
  EXPECT_DOUBLE_EQ(t.attainable, 8.0);
  EXPECT_NEAR(t.required, 1 + 0.7 * 7, 1e-12);
}

TEST(Threshold, EqualTasksInRoundsLimitTheAttainableSpeedup) {
  // 8 strikes on 6 threads: two rounds of tasks, at most 4x.
  EXPECT_DOUBLE_EQ(threshold(cpu_rule(0.7, 8), 6, 5.8).attainable, 4.0);
  EXPECT_DOUBLE_EQ(threshold(cpu_rule(0.7, 8), 3, 2.9).attainable, 8.0 / 3.0);
  EXPECT_DOUBLE_EQ(threshold(cpu_rule(0.7, 8), 2, 1.9).attainable, 1.9);
}

TEST(Threshold, CalibrationBelowOneIsTreatedAsNoGain) {
  EXPECT_DOUBLE_EQ(threshold(cpu_rule(), 2, 0.7).attainable, 1.0);
}

TEST(Threshold, LatencyBarComesFromTheConcurrencyNotTheCores) {
  const Rule rule{"latency", 0.6, 0, 8, 16};
  const auto t = threshold(rule, threads_for(rule, 2), 0);
  EXPECT_DOUBLE_EQ(t.attainable, 8.0);
  EXPECT_NEAR(t.required, 1 + 0.6 * 7, 1e-12);
}

TEST(Threshold, LatencyBarIsCappedByTheNumberOfRequests) {
  const Rule rule{"latency", 0.6, 0, 8, 3};
  EXPECT_DOUBLE_EQ(threshold(rule, 8, 0).attainable, 3.0);
}

TEST(ThreadsFor, UsesUsableCoresCappedByTheRule) {
  EXPECT_EQ(threads_for(cpu_rule(), 2), 2);
  EXPECT_EQ(threads_for(cpu_rule(0.7, 8), 16), 8);
  EXPECT_EQ(threads_for(cpu_rule(), 0), 1);
  EXPECT_EQ(threads_for(Rule{"latency", 0.6, 0, 8, 16}, 2), 8);
}

TEST(NoiseGate, QuietMachinePasses) {
  EXPECT_TRUE(noise_gate(cpu_rule(), 2, 1.8, 0.05, 0.1).quiet);
}

TEST(NoiseGate, BusyMachineIsNotTrusted) {
  const auto g = noise_gate(cpu_rule(), 2, 1.1, 0.05, 0.1);
  EXPECT_FALSE(g.quiet);
  EXPECT_NE(g.reason.find("1.10"), std::string::npos);
}

TEST(NoiseGate, WildlyVaryingCalibrationIsNotTrusted) {
  EXPECT_FALSE(noise_gate(cpu_rule(), 2, 1.8, 0.4, 0.1).quiet);
}

TEST(NoiseGate, ManyCoreMachineNeedsAProportionateGain) {
  EXPECT_FALSE(noise_gate(cpu_rule(), 16, 3.0, 0.05, 0.1).quiet);
  EXPECT_TRUE(noise_gate(cpu_rule(), 16, 12.0, 0.05, 0.1).quiet);
}

TEST(Decide, NoisyMeasurementsAreInconclusiveNeverFail) {
  const auto t = threshold(cpu_rule(), 2, 1.8);
  EXPECT_EQ(decide(1.0, t, Gate{false, "busy"}), Status::inconclusive);
  EXPECT_EQ(decide(1.9, t, Gate{false, "busy"}), Status::inconclusive);
  EXPECT_EQ(decide(1.9, t, Gate{}), Status::pass);
  EXPECT_EQ(decide(1.2, t, Gate{}), Status::fail);
}

TEST(WorthConfirming, OnlyFailsCloseToTheBarAreMeasuredAgain) {
  EXPECT_TRUE(worth_confirming(1.55, 1.6));   // borderline: one unlucky minute?
  EXPECT_FALSE(worth_confirming(1.0, 1.6));   // sequential: fails at once
  EXPECT_FALSE(worth_confirming(0.3, 1.6));   // a mutex per increment
  EXPECT_FALSE(worth_confirming(1.7, 1.6));   // a pass needs no confirmation
}

TEST(Statistics, MedianOfOddAndEvenSets) {
  EXPECT_DOUBLE_EQ(median({3, 1, 2}), 2);
  EXPECT_DOUBLE_EQ(median({4, 1, 3, 2}), 2.5);
  EXPECT_DOUBLE_EQ(median({}), 0);
}

TEST(Statistics, MedianIgnoresOneDescheduledRound) {
  EXPECT_DOUBLE_EQ(median({1.9, 1.85, 0.4, 1.88, 1.92}), 1.88);
}

TEST(Statistics, RelativeSpreadIsZeroForIdenticalSamplesAndGrowsWithNoise) {
  EXPECT_DOUBLE_EQ(relative_spread({2, 2, 2, 2, 2}), 0);
  EXPECT_LT(relative_spread({1.8, 1.82, 1.79, 1.81, 1.8}), 0.02);
  EXPECT_GT(relative_spread({1.8, 1.1, 1.9, 0.9, 1.6}), 0.25);
}

}  // namespace
