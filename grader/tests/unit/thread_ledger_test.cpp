// The sandbox's per-thread ledger (sandbox/thread_ledger.hpp) on made-up
// readings: threads in start order, and regions where new threads appear.
#include "sandbox/thread_ledger.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <map>

namespace parlab::grader::sandbox::detail {
namespace {

using namespace std::chrono_literals;

ThreadTime cpu(std::int64_t ms) {
  ThreadTime t;
  t.cpu_ns = ms * 1'000'000;
  return t;
}

TEST(ThreadLedger, ThreadsThatNeverChangeMakeOneRegion) {
  ThreadLedger ledger;
  ledger.record({{10, cpu(5)}, {11, cpu(5)}});
  ledger.record({{10, cpu(50)}, {11, cpu(40)}});
  const ThreadActivity a = ledger.activity();
  ASSERT_EQ(a.threads.size(), 2U);
  EXPECT_EQ(a.threads[0].tid, 10);
  EXPECT_EQ(a.threads[1].cpu, 40ms);
  ASSERT_EQ(a.regions.size(), 1U);
  EXPECT_EQ(a.regions[0][0], 50ms);
  EXPECT_EQ(a.samples, 2);
}

TEST(ThreadLedger, ANewThreadBeginsARegion) {
  ThreadLedger ledger;
  ledger.record({{10, cpu(10)}, {11, cpu(2)}});   // main and the first helper
  ledger.record({{10, cpu(130)}});                // the helper has exited
  ledger.record({{10, cpu(140)}, {12, cpu(3)}});  // a second helper: region 2 begins
  ledger.record({{10, cpu(270)}, {12, cpu(25)}});
  const ThreadActivity a = ledger.activity();
  ASSERT_EQ(a.threads.size(), 3U);
  EXPECT_EQ(a.threads[1].cpu, 2ms);  // an exited thread keeps its last reading
  ASSERT_EQ(a.regions.size(), 2U);
  EXPECT_EQ(a.regions[0][0], 140ms);  // main, up to the look that saw the new thread
  EXPECT_EQ(a.regions[0][1], 2ms);
  EXPECT_EQ(a.regions[0][2], 0ms);
  EXPECT_EQ(a.regions[1][0], 130ms);
  EXPECT_EQ(a.regions[1][2], 25ms);
}

TEST(ThreadLedger, ThreadsStartedAllTheTimeAreOneRegion) {
  ThreadLedger ledger;
  ledger.record({{10, cpu(1)}});
  for (pid_t tid = 11; tid < 11 + static_cast<pid_t>(ThreadLedger::kMaxRegions) + 5; ++tid) {
    ledger.record({{10, cpu(tid)}, {tid, cpu(1)}});
  }
  const ThreadActivity a = ledger.activity();
  ASSERT_EQ(a.regions.size(), 1U);
  EXPECT_EQ(a.regions[0][0], a.threads[0].cpu);
}

TEST(ThreadLedger, NoLookNoThreads) {
  const ThreadActivity a = ThreadLedger{}.activity();
  EXPECT_TRUE(a.threads.empty());
  EXPECT_TRUE(a.regions.empty());
}

}  // namespace
}  // namespace parlab::grader::sandbox::detail
