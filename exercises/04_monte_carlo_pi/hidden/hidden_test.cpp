// Hidden tests for exercise 04: not in the student template. Random seeds
// (drawn per run), odd sizes and thread counts, and exact hit counts, so a
// submission that draws fewer samples or hard-codes an answer fails.
#include <gtest/gtest.h>

#include "monte_carlo_pi.hpp"
#include "parlab/testing.hpp"

namespace {

namespace mc = parlab::monte_carlo_pi;

using parlab::testing::fresh_seed;
using parlab::testing::hardware_threads;

TEST(EstimatePiHidden, ExactForRandomSeedsSizesAndThreadCounts) {
  for (std::uint64_t samples : {1ULL, 2ULL, 17ULL, 1000ULL, 65537ULL, 300007ULL}) {
    const std::uint64_t seed = fresh_seed();
    const auto expected = mc::baseline::estimate_pi(samples, seed).hits;
    for (unsigned t : {1U, 2U, 3U, 7U, hardware_threads()}) {
      const auto got = mc::estimate_pi(samples, t, seed);
      EXPECT_EQ(got.hits, expected) << "samples=" << samples << " threads=" << t << " seed=" << seed;
      EXPECT_EQ(got.samples, samples);
    }
  }
}

TEST(EstimatePiHidden, MoreThreadsThanSamples) {
  const std::uint64_t seed = fresh_seed();
  for (std::uint64_t samples = 0; samples < 9; ++samples) {
    EXPECT_EQ(mc::estimate_pi(samples, 8, seed).hits, mc::baseline::estimate_pi(samples, seed).hits)
        << "samples=" << samples;
  }
}

TEST(EstimatePiHidden, IndicesAbove32BitsAreDrawnFromTheirOwnCounters) {
  // A submission that truncates the sample index to 32 bits draws the wrong
  // points; check a window at the start of the index space against the baseline.
  const std::uint64_t seed = fresh_seed();
  EXPECT_EQ(mc::estimate_pi(123457, 3, seed).hits, mc::baseline::estimate_pi(123457, seed).hits);
}

TEST(EstimatePiHidden, LargeRunOnSevenThreads) {
  const std::uint64_t seed = fresh_seed();
  EXPECT_EQ(mc::estimate_pi(7000001, 7, seed).hits, mc::baseline::estimate_pi(7000001, seed).hits);
}

}  // namespace
