// Hidden tests for exercise 06: not in the student template. Random seeds
// (drawn per run), odd sizes, thread limits of 1, 2, 3, 7 and all hardware
// threads, and exact hit counts, so a submission that draws fewer samples,
// counts some twice, or hard-codes an answer fails.
#include <gtest/gtest.h>
#include <tbb/global_control.h>

#include <cstddef>

#include "parallel_pi.hpp"
#include "parlab/testing.hpp"

namespace {

namespace pp = parlab::parallel_pi;

using parlab::testing::fresh_seed;

// TBB takes its thread limit as a std::size_t.
std::size_t hardware_threads() { return parlab::testing::hardware_threads(); }

tbb::global_control limit_threads(std::size_t threads) {
  return tbb::global_control(tbb::global_control::max_allowed_parallelism, threads);
}

TEST(EstimatePiHidden, ExactForRandomSeedsSizesAndThreadLimits) {
  for (std::uint64_t samples : {1ULL, 2ULL, 17ULL, 63ULL, 64ULL, 65ULL, 1000ULL, 65537ULL, 300007ULL}) {
    const std::uint64_t seed = fresh_seed();
    const auto expected = pp::baseline::estimate_pi(samples, seed).hits;
    for (std::size_t t : {std::size_t{1}, std::size_t{2}, std::size_t{3}, std::size_t{7}, hardware_threads()}) {
      const auto limit = limit_threads(t);
      const auto got = pp::estimate_pi(samples, seed);
      EXPECT_EQ(got.hits, expected) << "samples=" << samples << " threads<=" << t << " seed=" << seed;
      EXPECT_EQ(got.samples, samples);
    }
  }
}

TEST(EstimatePiHidden, ZeroSamples) {
  const auto got = pp::estimate_pi(0, fresh_seed());
  EXPECT_EQ(got.hits, 0U);
  EXPECT_EQ(got.samples, 0U);
}

TEST(EstimatePiHidden, RepeatedCallsAgree) {
  // TBB splits the range differently from run to run (work stealing); the
  // count must not depend on how it did.
  const std::uint64_t seed = fresh_seed();
  const auto expected = pp::baseline::estimate_pi(1000003, seed).hits;
  for (int run = 0; run < 5; ++run) {
    EXPECT_EQ(pp::estimate_pi(1000003, seed).hits, expected) << "run " << run << " seed=" << seed;
  }
}

TEST(EstimatePiHidden, LargeRunOnAllThreads) {
  const std::uint64_t seed = fresh_seed();
  EXPECT_EQ(pp::estimate_pi(7000001, seed).hits, pp::baseline::estimate_pi(7000001, seed).hits)
      << "seed=" << seed;
}

}  // namespace
