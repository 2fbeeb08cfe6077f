// Hidden tests for exercise 08: not in the student template. Random seeds
// (drawn per run), histories from 0 days to ten years, grids that are empty,
// a single cell, non-square, unsorted or with repeated windows, and thread
// counts 1, 2, 3, 7 and all hardware threads; every table bit for bit equal
// to the baseline's.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <random>
#include <vector>

#include "backtest_grid.hpp"
#include "parlab/testing.hpp"
#include "tests/table_check.hpp"

namespace {

namespace bg = parlab::backtest_grid;

using bg::tests::cell_by_definition;
using bg::tests::expect_same_table;
using parlab::testing::fresh_seed;
using parlab::testing::hardware_threads;

const std::vector<unsigned> kThreadCounts{1U, 2U, 3U, 7U, hardware_threads()};

std::uint32_t window(std::mt19937_64& gen, std::uint32_t lo, std::uint32_t hi) {
  return std::uniform_int_distribution<std::uint32_t>(lo, hi)(gen);
}

// `shorts` x `longs` random windows, in no order, repeats possible.
bg::Grid random_grid(std::mt19937_64& gen, std::size_t shorts, std::size_t longs) {
  bg::Grid g;
  for (std::size_t i = 0; i < shorts; ++i) g.shorts.push_back(window(gen, 1, 60));
  for (std::size_t i = 0; i < longs; ++i) g.longs.push_back(window(gen, 2, 250));
  return g;
}

TEST(BacktestGridHidden, LectureGridForRandomSeedsHistoriesAndThreadCounts) {
  for (std::uint64_t days : {0ULL, 1ULL, 2ULL, 20ULL, 21ULL, 51ULL, 200ULL, 201ULL, 202ULL, 757ULL}) {
    const std::uint64_t seed = fresh_seed();
    SCOPED_TRACE(testing::Message() << "days=" << days << " seed=" << seed);
    const auto prices = bg::synthetic_prices(days, seed);
    const auto expected = bg::baseline::backtest_grid(prices, bg::lecture_grid());
    ASSERT_EQ(expected.size(), 7830U);
    for (unsigned t : kThreadCounts) {
      SCOPED_TRACE(testing::Message() << "threads=" << t);
      expect_same_table(bg::backtest_grid(prices, bg::lecture_grid(), t), expected);
    }
  }
}

TEST(BacktestGridHidden, TenYearsOnSevenAndAllThreads) {
  const std::uint64_t seed = fresh_seed();
  SCOPED_TRACE(testing::Message() << "seed=" << seed);
  const auto prices = bg::synthetic_prices(10 * bg::kDaysPerYear, seed);
  const auto expected = bg::baseline::backtest_grid(prices, bg::lecture_grid());
  for (unsigned t : {7U, hardware_threads()}) {
    SCOPED_TRACE(testing::Message() << "threads=" << t);
    expect_same_table(bg::backtest_grid(prices, bg::lecture_grid(), t), expected);
  }
}

TEST(BacktestGridHidden, RandomNonSquareGrids) {
  for (const auto& [shorts, longs] : std::vector<std::pair<std::size_t, std::size_t>>{
           {1, 1}, {1, 9}, {9, 1}, {3, 40}, {40, 3}, {17, 23}}) {
    const std::uint64_t seed = fresh_seed();
    SCOPED_TRACE(testing::Message() << shorts << "x" << longs << " seed=" << seed);
    std::mt19937_64 gen(seed);
    const bg::Grid grid = random_grid(gen, shorts, longs);
    const auto prices = bg::synthetic_prices(300 + gen() % 400, seed);
    const auto expected = bg::baseline::backtest_grid(prices, grid);
    std::size_t cells = 0;
    for (auto s : grid.shorts) cells += static_cast<std::size_t>(std::count_if(grid.longs.begin(), grid.longs.end(), [s](auto l) { return s < l; }));
    ASSERT_EQ(expected.size(), cells);
    for (unsigned t : kThreadCounts) {
      SCOPED_TRACE(testing::Message() << "threads=" << t);
      const auto got = bg::backtest_grid(prices, grid, t);
      expect_same_table(got, expected);
      for (const bg::CellResult& c : got) EXPECT_LT(c.short_window, c.long_window);
    }
  }
}

TEST(BacktestGridHidden, EmptyGridsOnEveryThreadCount) {
  const auto prices = bg::synthetic_prices(250, fresh_seed());
  const std::vector<bg::Grid> empty{
      {}, {.shorts = {5, 10}, .longs = {}}, {.shorts = {}, .longs = {20}},
      {.shorts = {40, 30, 30}, .longs = {30, 20, 10}}};  // short >= long throughout
  for (unsigned t : kThreadCounts) {
    for (const bg::Grid& g : empty) EXPECT_TRUE(bg::backtest_grid(prices, g, t).empty()) << "threads=" << t;
  }
  EXPECT_TRUE(bg::backtest_grid({}, {}, 3).empty());
}

TEST(BacktestGridHidden, OneCellIsTheDefinition) {
  const std::uint64_t seed = fresh_seed();
  SCOPED_TRACE(testing::Message() << "seed=" << seed);
  std::mt19937_64 gen(seed);
  const auto prices = bg::synthetic_prices(2 * bg::kDaysPerYear, seed);
  for (int round = 0; round < 4; ++round) {
    const std::uint32_t s = window(gen, 1, 50);
    const std::uint32_t l = window(gen, s + 1, 220);
    for (unsigned t : {1U, 3U, 7U}) {
      expect_same_table(bg::backtest_grid(prices, {.shorts = {s}, .longs = {l}}, t),
                        {cell_by_definition(prices, s, l)});
    }
  }
}

// A cell's row does not depend on the other cells of the grid: the same
// (short, long) alone, in a shuffled grid and with repeated windows.
TEST(BacktestGridHidden, EachRowBelongsToItsOwnCell) {
  const std::uint64_t seed = fresh_seed();
  SCOPED_TRACE(testing::Message() << "seed=" << seed);
  std::mt19937_64 gen(seed);
  const auto prices = bg::synthetic_prices(600, seed);
  bg::Grid grid = random_grid(gen, 6, 8);
  grid.shorts.push_back(grid.shorts[1]);
  grid.longs.push_back(grid.longs[2]);
  std::shuffle(grid.shorts.begin(), grid.shorts.end(), gen);
  std::shuffle(grid.longs.begin(), grid.longs.end(), gen);
  const auto table = bg::backtest_grid(prices, grid, 3);
  ASSERT_EQ(table.size(), bg::cells_of(grid).size());
  for (const bg::CellResult& row : table) {
    const auto alone = bg::backtest_grid(prices, {.shorts = {row.short_window}, .longs = {row.long_window}}, 2);
    expect_same_table({row}, alone);
  }
}

TEST(BacktestGridHidden, FlatPricesNeverGiveNaN) {
  const std::vector<double> flat(300, 42.0);
  for (unsigned t : {2U, 7U}) {
    for (const bg::CellResult& c : bg::backtest_grid(flat, bg::lecture_grid(), t)) {
      EXPECT_EQ(c.sharpe, 0.0);
      EXPECT_EQ(c.pnl, 0.0);
      EXPECT_FALSE(std::isnan(c.sharpe));
    }
  }
}

TEST(BacktestGridHidden, RepeatedCallsAgree) {
  // TBB or a work counter hands the tasks out differently on every run; the
  // table must not depend on how.
  const std::uint64_t seed = fresh_seed();
  SCOPED_TRACE(testing::Message() << "seed=" << seed);
  const auto prices = bg::synthetic_prices(500, seed);
  const auto expected = bg::baseline::backtest_grid(prices, bg::lecture_grid());
  for (int run = 0; run < 4; ++run) {
    expect_same_table(bg::backtest_grid(prices, bg::lecture_grid(), hardware_threads()), expected);
  }
}

}  // namespace
