// Hidden tests for exercise 11: not in the student template. Views moved by
// fresh seeds per run, views wholly inside and wholly outside the set, 0 and
// 1 rows or columns, odd sizes, fewer rows than threads, and 1, 2, 3, 7 and
// all-hardware threads; every count equal to the baseline's.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <vector>

#include "mandelbrot_balance.hpp"
#include "parlab/testing.hpp"

namespace {

namespace mb = parlab::mandelbrot_balance;
using parlab::testing::fresh_seed;
using parlab::testing::hardware_threads;

const std::vector<unsigned> kThreadCounts = {1U, 2U, 3U, 7U, hardware_threads()};

void expect_same_counts(const std::vector<std::uint32_t>& got, const std::vector<std::uint32_t>& expected,
                        std::size_t width) {
  ASSERT_EQ(got.size(), expected.size()) << "one count per pixel: width * height";
  const auto wrong = std::mismatch(got.begin(), got.end(), expected.begin());
  if (wrong.first != got.end()) {
    const auto k = static_cast<std::size_t>(wrong.first - got.begin());
    ADD_FAILURE() << "pixel (column " << k % width << ", row " << k / width << "): " << *wrong.first
                  << ", expected " << *wrong.second;
  }
}

void expect_like_baseline(const mb::View& view, std::size_t width, std::size_t height) {
  SCOPED_TRACE(testing::Message() << width << " x " << height << " pixels");
  const auto expected = mb::baseline::render(view, width, height);
  for (unsigned t : kThreadCounts) {
    SCOPED_TRACE(testing::Message() << t << " threads");
    expect_same_counts(mb::render(view, width, height, t), expected, width);
  }
}

mb::View with_cap(mb::View v, std::uint32_t max_iter) {
  v.max_iter = max_iter;
  return v;
}

TEST(RenderHidden, TheTimedViewsMovedByFreshSeeds) {
  const std::uint64_t seed = fresh_seed();
  SCOPED_TRACE(testing::Message() << "seed=" << seed);
  expect_like_baseline(with_cap(mb::shifted(mb::set_from_above(), seed, 0), 400), 120, 61);
  expect_like_baseline(with_cap(mb::shifted(mb::cardioid_edge(), seed, 1), 400), 77, 50);
}

TEST(RenderHidden, OddSizesAndSingleRowsOrColumns) {
  const mb::View view = with_cap(mb::shifted(mb::set_from_above(), fresh_seed(), 2), 300);
  for (const auto& [w, h] : {std::pair<std::size_t, std::size_t>{1, 1}, {1, 37}, {53, 1}, {17, 13}, {31, 2},
                            {2, 29}, {101, 9}}) {
    expect_like_baseline(view, w, h);
  }
}

TEST(RenderHidden, FewerRowsThanThreads) {
  const mb::View view = with_cap(mb::cardioid_edge(), 300);
  for (std::size_t h : {1U, 2U, 3U, 5U, 6U}) expect_like_baseline(view, 64, h);
  const auto expected = mb::baseline::render(view, 64, 3);
  expect_same_counts(mb::render(view, 64, 3, 16), expected, 64);
  expect_same_counts(mb::render(view, 64, 3, 64), expected, 64);
}

TEST(RenderHidden, EmptyImages) {
  for (unsigned t : kThreadCounts) {
    EXPECT_TRUE(mb::render(mb::View{}, 0, 0, t).empty());
    EXPECT_TRUE(mb::render(mb::View{}, 0, 7, t).empty());
    EXPECT_TRUE(mb::render(mb::View{}, 7, 0, t).empty());
  }
}

// A small square inside the main cardioid: every pixel reaches the cap, the
// most expensive image there is.
TEST(RenderHidden, AViewWhollyInsideTheSet) {
  const mb::View inside{.re_min = -0.3, .re_max = -0.1, .im_min = -0.1, .im_max = 0.1, .max_iter = 250};
  for (unsigned t : kThreadCounts) {
    const auto counts = mb::render(inside, 23, 19, t);
    ASSERT_EQ(counts.size(), 23U * 19U);
    EXPECT_TRUE(std::all_of(counts.begin(), counts.end(), [](std::uint32_t n) { return n == 250U; }))
        << t << " threads: every pixel of this view is in the set";
  }
  expect_like_baseline(inside, 23, 19);
}

// Far outside (|c| > 2): every orbit leaves the disc of radius 2 at once.
TEST(RenderHidden, AViewWhollyOutsideTheSet) {
  const mb::View outside{.re_min = 2.5, .re_max = 3.5, .im_min = 2.5, .im_max = 3.0, .max_iter = 1000};
  for (unsigned t : kThreadCounts) {
    const auto counts = mb::render(outside, 41, 27, t);
    ASSERT_EQ(counts.size(), 41U * 27U);
    EXPECT_TRUE(std::all_of(counts.begin(), counts.end(), [](std::uint32_t n) { return n == 1U; }))
        << t << " threads: every pixel of this view escapes after one iteration";
  }
  expect_like_baseline(outside, 41, 27);
}

// The whole set, with the heavy rows in the middle of the image this time:
// a split tuned to "the top is expensive" must still give every row.
TEST(RenderHidden, TheWholeSetWithItsBulkInTheMiddle) {
  const mb::View whole{.re_min = -2.2, .re_max = 0.8, .im_min = -1.3, .im_max = 1.3, .max_iter = 300};
  expect_like_baseline(whole, 90, 71);
}

// Cap 0 and cap 1: no iteration, or just one, for every pixel.
TEST(RenderHidden, TinyIterationCaps) {
  expect_like_baseline(with_cap(mb::View{}, 0), 19, 11);
  expect_like_baseline(with_cap(mb::View{}, 1), 19, 11);
}

// Seven threads on a larger image, many rows each: a shared row counter
// without synchronisation or an overlapping write shows up under TSan.
TEST(RenderHidden, ALargerImageOnSevenThreads) {
  const mb::View view = with_cap(mb::shifted(mb::cardioid_edge(), fresh_seed(), 3), 200);
  const auto expected = mb::baseline::render(view, 200, 151);
  expect_same_counts(mb::render(view, 200, 151, 7), expected, 200);
}

}  // namespace
