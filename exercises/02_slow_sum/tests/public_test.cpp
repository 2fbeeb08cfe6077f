// Public tests for exercise 02. The grader also runs hidden tests: wider,
// with random windows and odd thread counts. Passing these is necessary, not
// sufficient.
#include <gtest/gtest.h>

#include <cstdint>
#include <limits>

#include "slow_sum.hpp"

namespace {

namespace ss = parlab::slow_sum;

constexpr std::uint64_t kMax = std::numeric_limits<std::uint64_t>::max();

TEST(SumTerms, MatchesTheSequentialSumExactly) {
  const std::uint64_t expected = ss::baseline::sum_terms(0, 1000003);
  EXPECT_EQ(ss::sum_terms(0, 1000003, 4), expected)
      << "every i in [first, last) must be added exactly once";
}

TEST(SumTerms, ReproducesTheLecturesCpuDemo) {
  // cpu_demo.py: cpu_work() sums i * i % 1000 for i in range(50_000_000).
  // Python prints 23075000000.
  EXPECT_EQ(ss::sum_terms(0, 50000000, 2), 23075000000ULL);
}

TEST(SumTerms, GivesTheSameSumForEveryThreadCount) {
  const std::uint64_t one = ss::sum_terms(12345, 512345, 1);
  for (unsigned t : {2U, 3U, 4U, 8U}) {
    EXPECT_EQ(ss::sum_terms(12345, 512345, t), one) << "with " << t << " threads";
  }
}

TEST(SumTerms, EmptyRangesSumToZero) {
  EXPECT_EQ(ss::sum_terms(0, 0, 4), 0U);
  EXPECT_EQ(ss::sum_terms(77, 77, 4), 0U);
  EXPECT_EQ(ss::sum_terms(1000, 10, 4), 0U) << "first > last is an empty range";
}

TEST(SumTerms, HandlesFewerTermsThanThreads) {
  EXPECT_EQ(ss::sum_terms(998, 1001, 8), ss::baseline::sum_terms(998, 1001));
  EXPECT_EQ(ss::sum_terms(41, 42, 3), ss::term(41));
}

TEST(SumTerms, WindowAcross2To32) {
  // Indices here do not fit in 32 bits: an `unsigned` loop counter or block
  // bound silently sums the wrong terms.
  const std::uint64_t first = (std::uint64_t{1} << 32) - 50000;
  const std::uint64_t last = (std::uint64_t{1} << 32) + 50001;
  EXPECT_EQ(ss::sum_terms(first, last, 3), ss::baseline::sum_terms(first, last));
}

TEST(SumTerms, WindowEndingAtTheTopOf64Bits) {
  // Splitting by `(first * (T - t) + last * t) / T` overflows here.
  EXPECT_EQ(ss::sum_terms(kMax - 100000, kMax, 3), ss::baseline::sum_terms(kMax - 100000, kMax));
  EXPECT_EQ(ss::sum_terms(kMax - 2, kMax, 4), ss::baseline::sum_terms(kMax - 2, kMax));
}

// Gives every thread millions of terms: a racy shared total is then reported
// by ThreadSanitizer on practically every run.
TEST(SumTerms, AddsMillionsOfTermsOnFourThreads) {
  EXPECT_EQ(ss::sum_terms(5, 8000005, 4), ss::baseline::sum_terms(5, 8000005));
}

}  // namespace
