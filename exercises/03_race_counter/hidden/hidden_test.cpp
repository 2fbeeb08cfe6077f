// Hidden tests for exercise 03: not in the student template. Random seeds
// (drawn per run), odd sizes and thread counts, and exact counts, so a
// submission that loses increments, skips items or hard-codes an answer fails.
#include <gtest/gtest.h>

#include "parlab/testing.hpp"
#include "race_counter.hpp"

namespace {

namespace rc = parlab::race_counter;

using parlab::testing::fresh_seed;
using parlab::testing::hardware_threads;

TEST(CountEventsHidden, ExactForRandomSeedsSizesAndThreadCounts) {
  for (std::uint64_t n : {1ULL, 2ULL, 17ULL, 1000ULL, 65537ULL, 300007ULL}) {
    const std::uint64_t seed = fresh_seed();
    const std::uint64_t expected = rc::baseline::count_events(n, seed);
    for (unsigned t : {1U, 2U, 3U, 7U, hardware_threads()}) {
      EXPECT_EQ(rc::count_events(n, t, seed), expected)
          << "n=" << n << " threads=" << t << " seed=" << seed;
    }
  }
}

TEST(CountEventsHidden, MoreThreadsThanItems) {
  const std::uint64_t seed = fresh_seed();
  for (std::uint64_t n = 0; n < 9; ++n) {
    EXPECT_EQ(rc::count_events(n, 8, seed), rc::baseline::count_events(n, seed)) << "n=" << n;
  }
}

TEST(CountEventsHidden, SizesThatDoNotDivideByTheThreadCount) {
  // Off-by-one block bounds drop or double-count the last few items.
  const std::uint64_t seed = fresh_seed();
  for (std::uint64_t n : {99991ULL, 100003ULL}) {
    const std::uint64_t expected = rc::baseline::count_events(n, seed);
    for (unsigned t : {3U, 6U, 7U, 13U}) {
      EXPECT_EQ(rc::count_events(n, t, seed), expected) << "n=" << n << " threads=" << t;
    }
  }
}

// Millions of items on every thread count, so that lost updates show in the
// count and ThreadSanitizer sees every thread increment at the same time.
TEST(CountEventsHidden, MillionsOfItemsOnManyThreadCounts) {
  const std::uint64_t seed = fresh_seed();
  const std::uint64_t n = 6000001;
  const std::uint64_t expected = rc::baseline::count_events(n, seed);
  for (unsigned t : {2U, 3U, 7U, hardware_threads()}) {
    EXPECT_EQ(rc::count_events(n, t, seed), expected) << "threads=" << t << " seed=" << seed;
  }
}

TEST(CountEventsHidden, RepeatedRunsAgree) {
  // A race that strikes rarely still strikes in one of several runs.
  const std::uint64_t seed = fresh_seed();
  const std::uint64_t expected = rc::baseline::count_events(2000000, seed);
  for (int run = 0; run < 5; ++run) {
    EXPECT_EQ(rc::count_events(2000000, 4, seed), expected) << "run " << run;
  }
}

}  // namespace
