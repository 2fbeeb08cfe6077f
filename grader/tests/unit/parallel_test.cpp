// core/parallel.hpp: every index once, a stop leaves a prefix, exceptions come back.
#include "core/parallel.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <stdexcept>
#include <vector>

namespace parlab::grader {
namespace {

TEST(ForEachIndex, RunsEveryIndexExactlyOnce) {
  std::vector<std::atomic<int>> runs(100);
  for_each_index(runs.size(), 4, [&](std::size_t i) {
    ++runs[i];
    return true;
  });
  for (const auto& r : runs) EXPECT_EQ(r.load(), 1);
}

TEST(ForEachIndex, AStopLeavesThePrefixThatRanAndNothingAfterIt) {
  for (int repeat = 0; repeat < 20; ++repeat) {
    std::vector<std::atomic<int>> runs(50);
    for_each_index(runs.size(), 4, [&](std::size_t i) {
      ++runs[i];
      return i != 10;  // "case 10 hung"
    });
    std::size_t ran = 0;
    while (ran < runs.size() && runs[ran] == 1) ++ran;
    EXPECT_GT(ran, 10U);  // 10 itself and everything before it ran
    for (std::size_t i = ran; i < runs.size(); ++i) EXPECT_EQ(runs[i].load(), 0) << i;
  }
}

TEST(ForEachIndex, TheFirstExceptionIsRethrownAfterAllThreadsFinish) {
  std::atomic<int> ran{0};
  EXPECT_THROW(for_each_index(20, 3,
                              [&](std::size_t i) {
                                ++ran;
                                if (i == 2) throw std::runtime_error("boom");
                                return true;
                              }),
               std::runtime_error);
  EXPECT_GE(ran.load(), 3);
}

TEST(ForEachIndex, NothingToDoAndOneWorker) {
  for_each_index(0, 4, [](std::size_t) { ADD_FAILURE(); return true; });
  std::vector<std::size_t> order;
  for_each_index(5, 1, [&](std::size_t i) {
    order.push_back(i);
    return true;
  });
  EXPECT_EQ(order, (std::vector<std::size_t>{0, 1, 2, 3, 4}));
}

}  // namespace
}  // namespace parlab::grader
