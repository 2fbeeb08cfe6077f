// Public tests for exercise 04. The grader also runs hidden tests: wider,
// with random seeds and odd thread counts. Passing these is necessary, not
// sufficient.
#include <gtest/gtest.h>

#include <cmath>
#include <numbers>

#include "monte_carlo_pi.hpp"

namespace {

namespace mc = parlab::monte_carlo_pi;

TEST(EstimatePi, MatchesTheSequentialHitCountExactly) {
  const auto expected = mc::baseline::estimate_pi(100000, 2025);
  const auto got = mc::estimate_pi(100000, 4, 2025);
  EXPECT_EQ(got.samples, 100000U);
  EXPECT_EQ(got.hits, expected.hits)
      << "sample i must be rng::uniform_point(seed, i), each i counted exactly once";
}

TEST(EstimatePi, GivesTheSameCountForEveryThreadCount) {
  const auto one = mc::estimate_pi(50001, 1, 7);
  for (unsigned t : {2U, 3U, 4U, 8U}) {
    EXPECT_EQ(mc::estimate_pi(50001, t, 7).hits, one.hits) << "with " << t << " threads";
  }
}

TEST(EstimatePi, HandlesFewerSamplesThanThreads) {
  EXPECT_EQ(mc::estimate_pi(3, 8, 1).hits, mc::baseline::estimate_pi(3, 1).hits);
  EXPECT_EQ(mc::estimate_pi(0, 4, 1).hits, 0U);
  EXPECT_EQ(mc::estimate_pi(0, 4, 1).samples, 0U);
}

TEST(EstimatePi, ApproximatesPi) {
  const auto est = mc::estimate_pi(1000000, 2, 99);
  EXPECT_NEAR(est.pi(), std::numbers::pi, 0.01);
}

// Gives every thread millions of samples: a racy shared counter is then
// reported by ThreadSanitizer on practically every run.
TEST(EstimatePi, CountsMillionsOfSamplesOnFourThreads) {
  const auto got = mc::estimate_pi(4000000, 4, 31337);
  EXPECT_EQ(got.hits, mc::baseline::estimate_pi(4000000, 31337).hits);
}

}  // namespace
