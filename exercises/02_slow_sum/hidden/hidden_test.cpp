// Hidden tests for exercise 02: not in the student template. Random windows
// (drawn per run) anywhere in the 64-bit index space, odd lengths and thread
// counts, and exact sums, so a submission that skips, repeats or truncates
// indices, or overflows while splitting the range, fails.
#include <gtest/gtest.h>

#include <cstdint>
#include <limits>

#include "parlab/testing.hpp"
#include "slow_sum.hpp"

namespace {

namespace ss = parlab::slow_sum;

constexpr std::uint64_t kMax = std::numeric_limits<std::uint64_t>::max();

// A random 64-bit value, drawn per run (a fresh seed is just that).
std::uint64_t fresh_u64() { return parlab::testing::fresh_seed(); }

using parlab::testing::hardware_threads;

// Checks [first, first + length) against the baseline for every thread count.
void expect_exact(std::uint64_t first, std::uint64_t length) {
  const std::uint64_t last = first + length;
  const std::uint64_t expected = ss::baseline::sum_terms(first, last);
  for (unsigned t : {1U, 2U, 3U, 7U, hardware_threads()}) {
    EXPECT_EQ(ss::sum_terms(first, last, t), expected)
        << "first=" << first << " last=" << last << " threads=" << t;
  }
}

TEST(SumTermsHidden, ExactForRandomWindowsAndThreadCounts) {
  for (std::uint64_t length : {1ULL, 2ULL, 6ULL, 999ULL, 1000ULL, 1001ULL, 65537ULL, 300007ULL}) {
    expect_exact(fresh_u64() % (kMax - length), length);
  }
}

TEST(SumTermsHidden, ExactForWindowsAcross2To32) {
  for (int round = 0; round < 3; ++round) {
    const std::uint64_t below = 1 + fresh_u64() % 200000;
    const std::uint64_t above = fresh_u64() % 200000;
    expect_exact((std::uint64_t{1} << 32) - below, below + above);
  }
}

TEST(SumTermsHidden, ExactForWindowsEndingNearTheTopOf64Bits) {
  for (std::uint64_t length : {1ULL, 3ULL, 7ULL, 8ULL, 100003ULL}) {
    expect_exact(kMax - length, length);                      // ends at UINT64_MAX
    expect_exact(kMax - length - fresh_u64() % 1000, length);  // ends just below it
  }
}

TEST(SumTermsHidden, EmptyAndReversedRanges) {
  const std::uint64_t x = fresh_u64();
  for (unsigned t : {1U, 2U, 3U, 7U}) {
    EXPECT_EQ(ss::sum_terms(x, x, t), 0U) << "first == last == " << x;
    EXPECT_EQ(ss::sum_terms(kMax, 0, t), 0U) << "first > last";
    EXPECT_EQ(ss::sum_terms(x | 1, x & ~std::uint64_t{1}, t), 0U) << "first > last";
  }
}

TEST(SumTermsHidden, MoreThreadsThanTerms) {
  const std::uint64_t first = fresh_u64() % (kMax - 16);
  for (std::uint64_t length = 0; length < 9; ++length) {
    EXPECT_EQ(ss::sum_terms(first, first + length, 8),
              ss::baseline::sum_terms(first, first + length))
        << "first=" << first << " length=" << length;
  }
}

TEST(SumTermsHidden, LargeRandomWindowOnSevenThreads) {
  const std::uint64_t first = fresh_u64() % (kMax - 7000001);
  EXPECT_EQ(ss::sum_terms(first, first + 7000001, 7),
            ss::baseline::sum_terms(first, first + 7000001))
      << "first=" << first;
}

}  // namespace
