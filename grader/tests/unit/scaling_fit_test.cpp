// The Amdahl fit, the thread counts a curve measures, and the error of a
// median: grader/src/scaling/{amdahl_fit,scale_plan,scale_measure}.hpp.
#include <gtest/gtest.h>

#include <cmath>
#include <random>

#include "scaling/amdahl_fit.hpp"
#include "scaling/scale_measure.hpp"
#include "scaling/scale_plan.hpp"

namespace {

using namespace parlab::grader;
using namespace parlab::grader::scaling;

std::vector<FitPoint> exact_points(double p, const std::vector<int>& threads) {
  std::vector<FitPoint> out;
  for (const int k : threads) out.push_back({static_cast<double>(k), amdahl_speedup(p, k), 0});
  return out;
}

// Speedups with multiplicative noise of relative size `noise`, reproducible.
std::vector<FitPoint> noisy_points(double p, const std::vector<int>& threads, double noise, unsigned seed) {
  std::mt19937 rng(seed);
  std::normal_distribution<double> gauss(0, noise);
  std::vector<FitPoint> out;
  for (const int k : threads) out.push_back({static_cast<double>(k), amdahl_speedup(p, k) * (1 + gauss(rng)), 0});
  return out;
}

TEST(AmdahlLaw, MatchesTheLecture) {
  // "Even with infinite cores, 50% parallel code gives max 2x speedup."
  EXPECT_NEAR(amdahl_speedup(0.5, 1e12), 2.0, 1e-9);
  EXPECT_DOUBLE_EQ(amdahl_speedup(1.0, 8), 8.0);
  EXPECT_DOUBLE_EQ(amdahl_speedup(0.0, 8), 1.0);
  EXPECT_DOUBLE_EQ(amdahl_speedup(0.9, 1), 1.0);
}

TEST(AmdahlFit, RecoversPFromExactData) {
  for (const double p : {0.0, 0.5, 0.9, 0.99}) {
    const AmdahlFit fit = fit_amdahl(exact_points(p, {1, 2, 3, 4, 6, 8}));
    ASSERT_TRUE(fit.ok);
    EXPECT_NEAR(fit.p, p, 1e-12);
    EXPECT_NEAR(fit.error, 0, 1e-12);
    EXPECT_EQ(fit.points_used, 5);  // one thread says nothing about p
    EXPECT_FALSE(fit.clamped);
    EXPECT_NEAR(fit.worst_deviation, 0, 1e-12);
  }
}

TEST(AmdahlFit, LimitIsOneOverTheSequentialPart) {
  const AmdahlFit fit = fit_amdahl(exact_points(0.9, {1, 2, 4}));
  EXPECT_NEAR(fit.limit(), 10, 1e-9);
}

TEST(AmdahlFit, RecoversPFromNoisyDataWithinItsError) {
  for (unsigned seed = 1; seed <= 20; ++seed) {
    const AmdahlFit fit = fit_amdahl(noisy_points(0.8, {1, 2, 3, 4, 5, 6, 7, 8, 10, 12, 16}, 0.03, seed));
    ASSERT_TRUE(fit.ok);
    EXPECT_GT(fit.error, 0) << seed;
    EXPECT_LT(fit.error, 0.05) << seed;
    EXPECT_LT(std::abs(fit.p - 0.8), 4 * fit.error) << "seed " << seed << ": p " << fit.p << " ± " << fit.error;
  }
}

TEST(AmdahlFit, ErrorShrinksWithMorePoints) {
  // The same noise on 4 thread counts, then on each of them 16 times.
  const std::vector<int> few = {2, 3, 4, 5};
  std::vector<int> many;
  for (int rep = 0; rep < 16; ++rep) many.insert(many.end(), few.begin(), few.end());
  double few_error = 0;
  double many_error = 0;
  for (unsigned seed = 1; seed <= 20; ++seed) {
    few_error += fit_amdahl(noisy_points(0.9, few, 0.05, seed)).error;
    many_error += fit_amdahl(noisy_points(0.9, many, 0.05, seed)).error;
  }
  // Standard error ∝ 1/√n: 16 times the points, about a quarter of the error.
  EXPECT_LT(many_error, 0.5 * few_error);
  EXPECT_GT(many_error, 0.1 * few_error);
}

TEST(AmdahlFit, OnePointIsNoFit) {
  const AmdahlFit only_one_thread = fit_amdahl({{1, 1, 0}});
  EXPECT_FALSE(only_one_thread.ok);
  EXPECT_NE(only_one_thread.note.find("2 or more threads"), std::string::npos) << only_one_thread.note;
  EXPECT_FALSE(fit_amdahl({}).ok);
}

TEST(AmdahlFit, OneInformativePointHasALargeErrorFromItsNoise) {
  // Two cores: 1 and 2 threads, the typical laptop or CI runner.
  const AmdahlFit fit = fit_amdahl({{1, 1, 0}, {2, 1.8, 0.05}});
  ASSERT_TRUE(fit.ok);
  EXPECT_NEAR(fit.p, 2 * (1 - 1 / 1.8), 1e-12);
  EXPECT_TRUE(fit.large_error);
  // dp = 2 dS / S^2 for one point at 2 threads.
  EXPECT_NEAR(fit.error, 2 * 0.05 / (1.8 * 1.8), 1e-12);
  EXPECT_NE(fit.note.find("single point"), std::string::npos) << fit.note;
}

TEST(AmdahlFit, SuperlinearSpeedupClampsPToOne) {
  std::vector<FitPoint> points;
  for (const int k : {1, 2, 3, 4}) points.push_back({static_cast<double>(k), k == 1 ? 1.0 : 1.2 * k, 0});
  const AmdahlFit fit = fit_amdahl(points);
  ASSERT_TRUE(fit.ok);
  EXPECT_GT(fit.raw_p, 1);
  EXPECT_DOUBLE_EQ(fit.p, 1);
  EXPECT_TRUE(fit.clamped);
  EXPECT_TRUE(std::isinf(fit.limit()));
  EXPECT_NE(fit.note.find("superlinear"), std::string::npos) << fit.note;
}

TEST(AmdahlFit, SlowdownClampsPToZero) {
  const AmdahlFit fit = fit_amdahl({{1, 1, 0}, {2, 0.8, 0}, {4, 0.6, 0}});
  ASSERT_TRUE(fit.ok);
  EXPECT_LT(fit.raw_p, 0);
  EXPECT_DOUBLE_EQ(fit.p, 0);
  EXPECT_TRUE(fit.clamped);
  EXPECT_DOUBLE_EQ(fit.limit(), 1);
  EXPECT_NE(fit.note.find("slower on more threads"), std::string::npos) << fit.note;
}

TEST(AmdahlFit, SaysWhenTheDataDoNotFollowTheLaw) {
  // Good scaling, then a collapse at 4 threads: no single p explains both.
  const AmdahlFit fit = fit_amdahl({{1, 1, 0}, {2, 2, 0}, {3, 3, 0}, {4, 1.2, 0}});
  ASSERT_TRUE(fit.ok);
  EXPECT_GT(fit.worst_deviation, kLooseFit);
  EXPECT_NE(fit.note.find("fits loosely"), std::string::npos) << fit.note;
}

TEST(AmdahlFit, IgnoresUnusableSpeedups) {
  const AmdahlFit fit = fit_amdahl({{1, 1, 0}, {2, 0, 0}, {2, NAN, 0}, {4, amdahl_speedup(0.9, 4), 0}});
  ASSERT_TRUE(fit.ok);
  EXPECT_EQ(fit.points_used, 1);
  EXPECT_NEAR(fit.p, 0.9, 1e-12);
}

TEST(ScalePlan, TwoCoresGetTwoOversubscribedCounts) {
  const ScalePlan plan = plan_thread_counts(SpeedupRule{}, 2);
  EXPECT_EQ(plan.threads, (std::vector<int>{1, 2, 3, 4}));
  EXPECT_EQ(plan.fit_limit, 2);
}

TEST(ScalePlan, ManyCoresAreSampledNotEnumerated) {
  const ScalePlan plan = plan_thread_counts(SpeedupRule{}, 16);
  EXPECT_EQ(plan.threads, (std::vector<int>{1, 2, 3, 4, 5, 6, 7, 8, 12, 16, 24, 32}));
  EXPECT_EQ(plan.fit_limit, 16);
  EXPECT_EQ(plan_thread_counts(SpeedupRule{}, 64).threads,
            (std::vector<int>{1, 2, 3, 4, 5, 6, 7, 8, 12, 18, 27, 41, 64, 96, 128}));
}

TEST(ScalePlan, OneCoreStillShowsOversubscription) {
  const ScalePlan plan = plan_thread_counts(SpeedupRule{}, 1);
  EXPECT_EQ(plan.threads, (std::vector<int>{1, 2}));
  EXPECT_EQ(plan.fit_limit, 1);
}

TEST(ScalePlan, LatencyGoesUpToTheConcurrency) {
  SpeedupRule rule;
  rule.kind = "latency";
  rule.concurrency = 8;
  const ScalePlan plan = plan_thread_counts(rule, 2);  // cores do not matter for waiting threads
  EXPECT_EQ(plan.threads, (std::vector<int>{1, 2, 3, 4, 5, 6, 7, 8}));
  EXPECT_EQ(plan.fit_limit, 8);
}

TEST(MedianError, ZeroForAgreeingRoundsAndGrowsWithSpread) {
  EXPECT_DOUBLE_EQ(median_error({1.9, 1.9, 1.9, 1.9, 1.9}), 0);
  EXPECT_DOUBLE_EQ(median_error({1.9}), 0);
  const double tight = median_error({1.88, 1.9, 1.91, 1.92, 1.9});
  const double loose = median_error({1.5, 1.9, 2.2, 1.7, 1.95});
  EXPECT_GT(tight, 0);
  EXPECT_GT(loose, 3 * tight);
}

}  // namespace
