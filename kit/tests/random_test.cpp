#include "parlab/random.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>

#include "calibration_kernel.hpp"

namespace {

using namespace parlab::rng;

TEST(UniformPoint, IsAPureFunctionOfSeedAndIndex) {
  for (std::uint64_t i = 0; i < 100; ++i) {
    const Point a = uniform_point(42, i);
    const Point b = uniform_point(42, i);
    EXPECT_EQ(a.x, b.x);
    EXPECT_EQ(a.y, b.y);
  }
}

TEST(UniformPoint, LiesInTheUnitSquareWithMeanOneHalf) {
  constexpr int n = 200000;
  double sx = 0;
  double sy = 0;
  for (std::uint64_t i = 0; i < n; ++i) {
    const Point p = uniform_point(7, i);
    ASSERT_GE(p.x, 0.0);
    ASSERT_LT(p.x, 1.0);
    ASSERT_GE(p.y, 0.0);
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

TEST(Hash64, SpreadsBitsEvenly) {
  constexpr int n = 100000;
  int ones[64] = {};
  for (std::uint64_t i = 0; i < n; ++i) {
    const std::uint64_t h = hash64(5, i);
    for (int b = 0; b < 64; ++b) ones[b] += static_cast<int>((h >> b) & 1U);
  }
  for (int b = 0; b < 64; ++b) EXPECT_NEAR(ones[b], n / 2, 1200) << "bit " << b;
}

TEST(CalibrationKernel, GivesTheSameSumForAnyThreadCount) {
  const std::uint64_t one = parlab::timer::calibration_kernel(100003, 1, 9);
  for (unsigned t : {2U, 3U, 7U, 16U}) EXPECT_EQ(parlab::timer::calibration_kernel(100003, t, 9), one) << t;
}

}  // namespace
