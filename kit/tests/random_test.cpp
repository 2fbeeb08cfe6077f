#include "parlab/random.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>
#include <numbers>
#include <vector>

#include "parlab/math.hpp"

namespace {

using namespace parlab::rng;

// Bit for bit: == would call -0.0 and 0.0 equal.
bool same_bits(double a, double b) { return std::memcmp(&a, &b, sizeof a) == 0; }

// Distance in units in the last place.
double ulps(double got, double want) {
  if (got == want) return 0;
  const double ulp = std::abs(std::nextafter(want, std::numeric_limits<double>::infinity()) - want);
  return std::abs(got - want) / ulp;
}

TEST(UniformPoint, IsAPureFunctionOfSeedAndIndex) {
  for (std::uint64_t i = 0; i < 100; ++i) {
    const Point a = uniform_point(42, i);
    const Point b = uniform_point(42, i);
    EXPECT_EQ(a.x, b.x);
    EXPECT_EQ(a.y, b.y);
  }
}

// The documented layout: samples 2k and 2k+1 are the two halves of Philox
// counter k (stream 0), each word giving the midpoint of one of 2^25 cells.
TEST(UniformPoint, TwoSamplesShareOnePhiloxCounter) {
  for (std::uint64_t k : {0ULL, 1ULL, 12345ULL, (1ULL << 32) + 7, (1ULL << 62) + 3}) {
    const Counter r = draw(99, k);
    const Point even = uniform_point(99, 2 * k);
    const Point odd = uniform_point(99, 2 * k + 1);
    EXPECT_EQ(even.x, ((r[0] >> 7) + 0.5) / 33554432.0);
    EXPECT_EQ(even.y, ((r[1] >> 7) + 0.5) / 33554432.0);
    EXPECT_EQ(odd.x, ((r[2] >> 7) + 0.5) / 33554432.0);
    EXPECT_EQ(odd.y, ((r[3] >> 7) + 0.5) / 33554432.0);
  }
  EXPECT_EQ(unit_from_word(0), 0x1.0p-26);
  EXPECT_EQ(unit_from_word(0xffffffffU), 1.0 - 0x1.0p-26);
}

// The coordinates have 26 significant bits, so the sum of squares has at most
// 53 and is exact: the test agrees with the integer one, (2a+1)^2 + (2b+1)^2
// < 2^52, for every point, however a compiler evaluates it.
TEST(UniformPoint, TheCircleTestIsExact) {
  for (std::uint64_t i = 0; i < 200000; ++i) {
    const Counter r = draw(5, i);
    const std::uint64_t a = 2 * (r[0] >> 7) + 1;
    const std::uint64_t b = 2 * (r[1] >> 7) + 1;
    const Point p = uniform_point(5, 2 * i);
    ASSERT_EQ(inside_unit_circle(p), a * a + b * b < (std::uint64_t{1} << 52)) << i;
    ASSERT_EQ(p.x * p.x + p.y * p.y, static_cast<double>(a * a + b * b) * 0x1.0p-52) << i;
  }
}

TEST(UniformPoint, LiesInTheUnitSquareWithMeanOneHalf) {
  constexpr int n = 200000;
  double sx = 0;
  double sy = 0;
  for (std::uint64_t i = 0; i < n; ++i) {
    const Point p = uniform_point(7, i);
    ASSERT_GT(p.x, 0.0);
    ASSERT_LT(p.x, 1.0);
    ASSERT_GT(p.y, 0.0);
    ASSERT_LT(p.y, 1.0);
    sx += p.x;
    sy += p.y;
  }
  // Standard error of the mean is sqrt(1/12/n) ~ 6.5e-4; allow 5 of them.
  EXPECT_NEAR(sx / n, 0.5, 3.3e-3);
  EXPECT_NEAR(sy / n, 0.5, 3.3e-3);
}

TEST(UniformPoint, GivesPiFromTheCircleFraction) {
  constexpr std::uint64_t n = 1000000;
  std::uint64_t hits = 0;
  for (std::uint64_t i = 0; i < n; ++i) hits += inside_unit_circle(uniform_point(3, i)) ? 1U : 0U;
  // sd of 4*hits/n is 4*sqrt(p(1-p)/n) ~ 1.6e-3.
  EXPECT_NEAR(4.0 * static_cast<double>(hits) / n, 3.14159265358979, 8e-3);
}

// The grid's own bias, counted exactly: of the 2^50 cell midpoints, the
// fraction inside the quarter circle is pi/4 to within 1e-12 relative. A
// Monte Carlo run would need ~1e23 samples before that bias reached its
// standard error.
TEST(UniformPoint, TheGridOfMidpointsHoldsPiToTwelveDigits) {
  constexpr std::uint64_t kCells = std::uint64_t{1} << 25;
  constexpr std::uint64_t kRadius2 = std::uint64_t{1} << 52;
  std::uint64_t inside = 0;
  for (std::uint64_t a = 0; a < kCells; ++a) {
    const std::uint64_t x = 2 * a + 1;
    const std::uint64_t rest = kRadius2 - x * x;  // need (2b+1)^2 < rest
    auto m = static_cast<std::uint64_t>(std::sqrt(static_cast<double>(rest)));
    while (m * m >= rest) --m;
    while ((m + 1) * (m + 1) < rest) ++m;
    inside += (m + 1) / 2;  // odd numbers 1, 3, ..., <= m
  }
  EXPECT_EQ(inside, 884279719002734U);
  const double grid_pi = 4.0 * static_cast<double>(inside) * 0x1.0p-50;
  EXPECT_NEAR(grid_pi, std::numbers::pi, 3.2e-12);
}

// Sixteen by sixteen cells of the square, 2^20 points: a chi-square test of
// uniformity (255 degrees of freedom; the bound is about 6 standard
// deviations above the mean, so a correct generator essentially never fails).
TEST(PointBlock, FillsTheSquareEvenly) {
  constexpr std::size_t kSide = 16;
  constexpr std::uint64_t n = std::uint64_t{1} << 20;
  std::vector<double> cells(kSide * kSide, 0.0);
  PointBlock block;
  for (std::uint64_t i = 0; i < n; i += block.size()) {
    block.fill(2024, i, n);
    for (std::size_t j = 0; j < block.size(); ++j) {
      const Point p = block[j];
      cells[static_cast<std::size_t>(p.x * kSide) * kSide + static_cast<std::size_t>(p.y * kSide)] += 1;
    }
  }
  const double expected = static_cast<double>(n) / static_cast<double>(kSide * kSide);
  double chi2 = 0;
  for (const double c : cells) chi2 += (c - expected) * (c - expected) / expected;
  EXPECT_LT(chi2, 255 + 6 * std::sqrt(2 * 255.0));
  EXPECT_GT(chi2, 255 - 6 * std::sqrt(2 * 255.0));
}

// 100 independent pi estimates of 100,000 samples: their z-scores must look
// standard normal (mean 0, variance 1), which they do not if the estimates
// are biased or the samples correlated.
TEST(PointBlock, PiEstimatesHaveTheRightSpread) {
  constexpr int kRuns = 100;
  constexpr std::uint64_t n = 100000;
  const double p = std::numbers::pi / 4;
  const double sd = std::sqrt(p * (1 - p) / n);
  double sz = 0;
  double sz2 = 0;
  PointBlock block;
  for (std::uint64_t run = 0; run < kRuns; ++run) {
    std::uint64_t hits = 0;
    for (std::uint64_t i = 0; i < n; i += block.size()) {
      block.fill(1000 + run, i, n);
      for (std::size_t j = 0; j < block.size(); ++j) hits += inside_unit_circle(block[j]) ? 1U : 0U;
    }
    const double z = (static_cast<double>(hits) / n - p) / sd;
    sz += z;
    sz2 += z * z;
  }
  EXPECT_NEAR(sz / kRuns, 0.0, 0.5);  // sd of the mean of 100 z-scores: 0.1
  EXPECT_NEAR(sz2 / kRuns, 1.0, 0.5);  // sd of the mean square: ~0.14
}

// Seeds, starts and lengths around every boundary the block code has: odd
// starts (the second half of a counter), lengths that end mid-register,
// whole registers and whole blocks, counters that cross 2^32 and 2^64 - 1.
struct Window {
  std::uint64_t seed;
  std::uint64_t first;
  std::uint64_t length;
};

std::vector<Window> windows() {
  std::vector<Window> out;
  const std::uint64_t seeds[] = {0, 42, 0xdeadbeefcafef00dULL};
  const std::uint64_t firsts[] = {0, 1, 2, 3, 7, 8, 15, 16, 17, 255, 256, 257,
                                  (std::uint64_t{1} << 33) - 5,  // counter crosses 2^32
                                  std::numeric_limits<std::uint64_t>::max() - 300};
  const std::uint64_t lengths[] = {0, 1, 2, 3, 4, 5, 7, 8, 9, 15, 16, 17, 23, 24, 31, 32, 33, 63, 64, 65, 127, 255, 256, 300};
  for (const auto s : seeds) {
    for (const auto f : firsts) {
      for (const auto l : lengths) out.push_back({s, f, l});
    }
  }
  return out;
}

TEST(PointBlock, HoldsExactlyTheScalarPoints) {
  PointBlock block;
  for (const Window& w : windows()) {
    block.fill(w.seed, w.first, w.first + w.length);
    ASSERT_EQ(block.size(), std::min<std::uint64_t>(w.length, PointBlock::kCapacity));
    for (std::size_t j = 0; j < block.size(); ++j) {
      const Point want = uniform_point(w.seed, w.first + j);
      ASSERT_TRUE(same_bits(block[j].x, want.x) && same_bits(block[j].y, want.y))
          << "seed " << w.seed << " first " << w.first << " length " << w.length << " j " << j;
      ASSERT_TRUE(same_bits(block.x()[j], want.x) && same_bits(block.y()[j], want.y));
    }
  }
}

TEST(PointBlock, StopsAtLastAndAtItsCapacity) {
  PointBlock block;
  block.fill(1, 10, 10);
  EXPECT_EQ(block.size(), 0U);
  block.fill(1, 10, 5);
  EXPECT_EQ(block.size(), 0U);
  block.fill(1, 10, 11);
  EXPECT_EQ(block.size(), 1U);
  block.fill(1, 0, std::numeric_limits<std::uint64_t>::max());
  EXPECT_EQ(block.size(), PointBlock::kCapacity);
}

TEST(PointBlock, CountsTheSameHitsAsTheScalarLoopOverAnyRange) {
  for (const auto& [begin, end] : {std::pair{0ULL, 100000ULL}, std::pair{1ULL, 99999ULL}, std::pair{777ULL, 70001ULL}}) {
    std::uint64_t scalar = 0;
    for (std::uint64_t i = begin; i < end; ++i) scalar += inside_unit_circle(uniform_point(11, i)) ? 1U : 0U;
    std::uint64_t blocked = 0;
    PointBlock block;
    for (std::uint64_t i = begin; i < end; i += block.size()) {
      block.fill(11, i, end);
      for (std::size_t j = 0; j < block.size(); ++j) blocked += inside_unit_circle(block[j]) ? 1U : 0U;
    }
    EXPECT_EQ(blocked, scalar) << begin << ".." << end;
  }
}

TEST(StandardNormal, HasMeanZeroAndVarianceOne) {
  constexpr int n = 400000;
  double s = 0;
  double s2 = 0;
  for (std::uint64_t i = 0; i < n; ++i) {
    const double z = standard_normal(11, i);
    ASSERT_TRUE(std::isfinite(z));
    s += z;
    s2 += z * z;
  }
  EXPECT_NEAR(s / n, 0.0, 8e-3);
  EXPECT_NEAR(s2 / n, 1.0, 1.2e-2);
}

// Normals 2k and 2k+1 are the cosine and the sine of one Box-Muller pair:
// independent in theory. Check that they are uncorrelated, also in their
// squares, and that the tails and the kurtosis are those of N(0, 1).
TEST(NormalBlock, PairsAreUncorrelatedAndTailsAreRight) {
  constexpr std::uint64_t n = std::uint64_t{1} << 20;  // normals, n/2 pairs
  NormalBlock block;
  double s_xy = 0;
  double s_x2y2 = 0;
  double s4 = 0;
  std::uint64_t beyond2 = 0;
  std::uint64_t beyond3 = 0;
  for (std::uint64_t i = 0; i < n; i += block.size()) {
    block.fill(77, i, n);
    for (std::size_t j = 0; j < block.size(); ++j) {
      const double z = block[j];
      s4 += z * z * z * z;
      beyond2 += std::abs(z) > 2 ? 1U : 0U;
      beyond3 += std::abs(z) > 3 ? 1U : 0U;
      if (j % 2 == 0) {
        s_xy += z * block[j + 1];
        s_x2y2 += (z * z - 1) * (block[j + 1] * block[j + 1] - 1);
      }
    }
  }
  const double pairs = n / 2.0;
  EXPECT_NEAR(s_xy / pairs, 0.0, 5 / std::sqrt(pairs));          // sd 1/sqrt(pairs)
  EXPECT_NEAR(s_x2y2 / pairs, 0.0, 5 * 2 / std::sqrt(pairs));    // sd 2/sqrt(pairs)
  EXPECT_NEAR(s4 / n, 3.0, 5 * std::sqrt(96.0 / n));            // var of z^4 is 105 - 9 = 96
  const double p2 = std::erfc(2 / std::numbers::sqrt2);          // P(|Z| > 2) = 0.0455
  const double p3 = std::erfc(3 / std::numbers::sqrt2);          // P(|Z| > 3) = 0.0027
  EXPECT_NEAR(static_cast<double>(beyond2) / n, p2, 5 * std::sqrt(p2 * (1 - p2) / n));
  EXPECT_NEAR(static_cast<double>(beyond3) / n, p3, 5 * std::sqrt(p3 * (1 - p3) / n));
}

TEST(NormalBlock, HoldsExactlyTheScalarNormals) {
  NormalBlock block;
  for (const Window& w : windows()) {
    block.fill(w.seed, w.first, w.first + w.length);
    ASSERT_EQ(block.size(), std::min<std::uint64_t>(w.length, NormalBlock::kCapacity));
    for (std::size_t j = 0; j < block.size(); ++j) {
      ASSERT_TRUE(same_bits(block[j], standard_normal(w.seed, w.first + j)))
          << "seed " << w.seed << " first " << w.first << " length " << w.length << " j " << j << ": "
          << block[j] << " vs " << standard_normal(w.seed, w.first + j);
    }
  }
}

// Many blocks, many seeds: every lane of every register and the scalar tail.
TEST(NormalBlock, AgreesWithTheScalarCallOverAMillionNormals) {
  NormalBlock block;
  std::uint64_t mismatches = 0;
  for (std::uint64_t seed = 0; seed < 4; ++seed) {
    for (std::uint64_t i = seed; i < 250000; i += block.size()) {
      block.fill(seed, i, 250000);
      for (std::size_t j = 0; j < block.size(); ++j) mismatches += same_bits(block[j], standard_normal(seed, i + j)) ? 0U : 1U;
    }
  }
  EXPECT_EQ(mismatches, 0U);
}

TEST(Math, ExpIsWithinOneUlpOfTheCLibrary) {
  double worst = 0;
  for (int i = 0; i <= 400000; ++i) {
    const double x = -40.0 + 80.0 * i / 400000.0 + 1e-7 * (i % 13);
    worst = std::max(worst, ulps(parlab::math::exp(x), std::exp(x)));
  }
  EXPECT_LE(worst, 1.0);
  EXPECT_EQ(parlab::math::exp(0.0), 1.0);
}

TEST(Math, ExpInPlaceIsTheScalarExpBitForBit) {
  for (std::size_t n : {0U, 1U, 3U, 4U, 5U, 8U, 255U, 256U}) {
    std::vector<double> v(n);
    for (std::size_t k = 0; k < n; ++k) v[k] = -3.0 + 0.037 * static_cast<double>(k);
    std::vector<double> w = v;
    parlab::math::exp_in_place(w);
    for (std::size_t k = 0; k < n; ++k) EXPECT_TRUE(same_bits(w[k], parlab::math::exp(v[k]))) << n << " " << k;
  }
}

TEST(Math, LogAndSinCosKernelsAreWithinOneUlpOfTheCLibrary) {
  double worst_log = 0;
  double worst_sin = 0;
  double worst_cos = 0;
  for (int i = 1; i <= 400000; ++i) {
    const double u = std::ldexp(1.0 + (i % 1000) / 1000.0, -(i % 53)) * 0.5;  // (0, 1], every exponent
    worst_log = std::max(worst_log, ulps(parlab::math::detail::log(u), std::log(u)));
    const double x = (i / 400000.0 - 0.5) * (std::numbers::pi / 2);  // [-pi/4, pi/4]
    double s = 0;
    double c = 0;
    parlab::math::detail::sincos_kernel(x, s, c);
    if (x != 0) worst_sin = std::max(worst_sin, ulps(s, std::sin(x)));
    worst_cos = std::max(worst_cos, ulps(c, std::cos(x)));
  }
  EXPECT_LE(worst_log, 1.0);
  EXPECT_LE(worst_sin, 1.0);
  EXPECT_LE(worst_cos, 1.0);
}

TEST(Hash64, SpreadsBitsEvenly) {
  constexpr int n = 100000;
  int ones[64] = {};
  for (std::uint64_t i = 0; i < n; ++i) {
    const std::uint64_t h = hash64(5, i);
    for (int b = 0; b < 64; ++b) ones[b] += static_cast<int>((h >> b) & 1U);
  }
  for (int b = 0; b < 64; ++b) EXPECT_NEAR(ones[b], n / 2, 1200) << "bit " << b;
}

// count_in_unit_circle is the scalar count over any window (odd starts,
// partial blocks, counters crossing 2^32), and the counts of a split range
// add up to the whole: what a parallel solution relies on.
TEST(CountInUnitCircle, IsTheScalarCountAndSplitsAddUp) {
  for (const Window& w : windows()) {
    std::uint64_t scalar = 0;
    // Several blocks at the longest, and never past 2^64 - 1.
    const std::uint64_t last = w.first + std::min(w.length * 3, std::numeric_limits<std::uint64_t>::max() - w.first);
    for (std::uint64_t i = w.first; i < last; ++i) scalar += inside_unit_circle(uniform_point(w.seed, i)) ? 1U : 0U;
    ASSERT_EQ(count_in_unit_circle(w.seed, w.first, last), scalar) << "seed " << w.seed << " first " << w.first;
    const std::uint64_t middle = w.first + w.length;
    ASSERT_EQ(count_in_unit_circle(w.seed, w.first, middle) + count_in_unit_circle(w.seed, middle, last), scalar);
  }
  EXPECT_EQ(count_in_unit_circle(5, 10, 10), 0U);
  EXPECT_EQ(count_in_unit_circle(5, 10, 3), 0U);
}

}  // namespace
