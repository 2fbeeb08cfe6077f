// Hidden tests for exercise 12: not in the student template. Random seeds
// (drawn per run), every awkward size (0, 1, fewer items than threads,
// primes, one more or less than a power of two, large), thread counts 1, 2,
// 3, 7 and all hardware threads, and the kit's pool itself.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <cstdint>
#include <stdexcept>
#include <thread>
#include <vector>

#include "parlab/testing.hpp"
#include "task_pool.hpp"
#include "tiny_tasks.hpp"

namespace {

namespace tt = parlab::tiny_tasks;

using parlab::testing::fresh_seed;
using parlab::testing::hardware_threads;

void expect_same_values(const std::vector<std::uint64_t>& got, const std::vector<std::uint64_t>& expected) {
  ASSERT_EQ(got.size(), expected.size()) << "one value per item";
  for (std::size_t i = 0; i < expected.size(); ++i) {
    ASSERT_EQ(got[i], expected[i]) << "item " << i << ": out[i] must be item_value(seed, i)";
  }
}

TEST(MapItemsHidden, ExactAtEverySizeAndThreadCount) {
  for (std::uint64_t n : {0ULL, 1ULL, 2ULL, 3ULL, 5ULL, 6ULL, 7ULL, 8ULL, 13ULL, 97ULL, 1023ULL, 1024ULL,
                          1025ULL, 4099ULL, 10007ULL}) {
    const std::uint64_t seed = fresh_seed();
    const auto expected = tt::baseline::map_items(n, seed);
    for (unsigned t : {1U, 2U, 3U, 7U, hardware_threads()}) {
      SCOPED_TRACE(testing::Message() << "n=" << n << " threads=" << t << " seed=" << seed);
      expect_same_values(tt::map_items(n, seed, t), expected);
    }
  }
}

TEST(MapItemsHidden, FewerItemsThanThreads) {
  const std::uint64_t seed = fresh_seed();
  for (unsigned t : {2U, 3U, 7U, 16U, hardware_threads() + 1}) {
    for (std::uint64_t n = 0; n < t; ++n) {
      SCOPED_TRACE(testing::Message() << "n=" << n << " threads=" << t << " seed=" << seed);
      expect_same_values(tt::map_items(n, seed, t), tt::baseline::map_items(n, seed));
    }
  }
}

TEST(MapItemsHidden, LargePrimeSizes) {
  for (const std::uint64_t n : {65537ULL, 100003ULL}) {
    const std::uint64_t seed = fresh_seed();
    const auto expected = tt::baseline::map_items(n, seed);
    for (unsigned t : {3U, hardware_threads()}) {
      SCOPED_TRACE(testing::Message() << "n=" << n << " threads=" << t << " seed=" << seed);
      expect_same_values(tt::map_items(n, seed, t), expected);
    }
  }
}

TEST(MapItemsHidden, RepeatedCallsAgree) {
  const std::uint64_t seed = fresh_seed();
  const auto first = tt::map_items(20011, seed, 7);
  for (int run = 0; run < 3; ++run) {
    SCOPED_TRACE(testing::Message() << "run " << run << " seed=" << seed);
    expect_same_values(tt::map_items(20011, seed, 7), first);
  }
  EXPECT_EQ(tt::digest(first), tt::digest(tt::baseline::map_items(20011, seed)));
}

TEST(MapItemsHidden, TheSeedMatters) {
  const std::uint64_t seed = fresh_seed();
  const auto a = tt::map_items(257, seed, 2);
  const auto b = tt::map_items(257, seed + 1, 2);
  ASSERT_EQ(a.size(), b.size());
  EXPECT_NE(tt::digest(a), tt::digest(b)) << "seed=" << seed;
  expect_same_values(b, tt::baseline::map_items(257, seed + 1));
}

// ---- the kit's pool ---------------------------------------------------------

TEST(TaskPoolHidden, EveryTaskRunsExactlyOnceWhateverTheWorkerCount) {
  for (unsigned workers : {1U, 2U, 3U, 7U, hardware_threads()}) {
    SCOPED_TRACE(testing::Message() << "workers=" << workers);
    std::vector<std::atomic<int>> runs(5003);
    parlab::TaskPool pool(workers);
    EXPECT_EQ(pool.size(), workers);
    for (std::size_t k = 0; k < runs.size(); ++k) pool.submit([&runs, k] { runs[k].fetch_add(1); });
    pool.wait();
    for (std::size_t k = 0; k < runs.size(); ++k) ASSERT_EQ(runs[k].load(), 1) << "task " << k;
  }
}

TEST(TaskPoolHidden, ZeroWorkersMeansOne) {
  parlab::TaskPool pool(0);
  EXPECT_EQ(pool.size(), 1U);
  int ran = 0;
  pool.submit([&ran] { ran = 1; });
  pool.wait();
  EXPECT_EQ(ran, 1);
}

// wait() must not return early: each task sleeps before it writes, so a wait
// that returned after "queue empty" instead of "all done" misses writes.
TEST(TaskPoolHidden, WaitWaitsForRunningTasksNotJustTheQueue) {
  for (int round = 0; round < 5; ++round) {
    std::vector<int> done(6, 0);
    parlab::TaskPool pool(3);
    for (std::size_t k = 0; k < done.size(); ++k) {
      pool.submit([&done, k] {
        std::this_thread::sleep_for(std::chrono::milliseconds(3));
        done[k] = 1;
      });
    }
    pool.wait();
    for (std::size_t k = 0; k < done.size(); ++k) ASSERT_EQ(done[k], 1) << "round " << round << " task " << k;
  }
}

TEST(TaskPoolHidden, WaitWithNothingSubmittedReturns) {
  parlab::TaskPool pool(2);
  pool.wait();
  pool.wait();
  SUCCEED();
}

TEST(TaskPoolHidden, UsableAgainAfterWait) {
  parlab::TaskPool pool(2);
  std::atomic<int> count{0};
  for (int batch = 1; batch <= 4; ++batch) {
    for (int k = 0; k < 100; ++k) pool.submit([&count] { count.fetch_add(1); });
    pool.wait();
    EXPECT_EQ(count.load(), 100 * batch);
  }
}

TEST(TaskPoolHidden, TasksMaySubmitTasksAndWaitCoversThem) {
  std::atomic<int> leaves{0};
  parlab::TaskPool pool(3);
  for (int k = 0; k < 50; ++k) {
    pool.submit([&pool, &leaves] {
      for (int j = 0; j < 20; ++j) pool.submit([&leaves] { leaves.fetch_add(1); });
    });
  }
  pool.wait();
  EXPECT_EQ(leaves.load(), 1000);
}

TEST(TaskPoolHidden, TheDestructorFinishesQueuedTasks) {
  std::vector<int> runs(2000, 0);
  {
    parlab::TaskPool pool(2);
    for (std::size_t k = 0; k < runs.size(); ++k) pool.submit([&runs, k] { ++runs[k]; });
  }  // no wait(): the destructor must still run them all, and join
  for (std::size_t k = 0; k < runs.size(); ++k) ASSERT_EQ(runs[k], 1) << "task " << k;
}

TEST(TaskPoolHidden, ATaskThatThrowsIsReportedByWaitOnce) {
  parlab::TaskPool pool(2);
  std::atomic<int> ran{0};
  for (int k = 0; k < 10; ++k) {
    pool.submit([&ran, k] {
      ran.fetch_add(1);
      if (k == 4) throw std::runtime_error("task 4 failed");
    });
  }
  EXPECT_THROW(pool.wait(), std::runtime_error);
  EXPECT_EQ(ran.load(), 10) << "the other tasks still run";
  pool.wait();  // reported once: nothing left to rethrow
}

// Two workers really run at once: each task waits (up to 10 s) until both
// have started. A pool that ran its tasks one after another would time out.
TEST(TaskPoolHidden, WorkersRunTasksConcurrently) {
  std::atomic<int> started{0};
  std::atomic<int> met{0};
  parlab::TaskPool pool(2);
  for (int k = 0; k < 2; ++k) {
    pool.submit([&started, &met] {
      started.fetch_add(1);
      const auto give_up = std::chrono::steady_clock::now() + std::chrono::seconds(10);
      while (started.load() < 2 && std::chrono::steady_clock::now() < give_up) std::this_thread::yield();
      if (started.load() == 2) met.fetch_add(1);
    });
  }
  pool.wait();
  EXPECT_EQ(met.load(), 2);
}

}  // namespace
