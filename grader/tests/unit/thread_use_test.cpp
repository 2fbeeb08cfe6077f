// The diagnosis of a low speedup (steps/timing/thread_use.hpp), one
// situation built on purpose per test, on made-up runs; and the advice a
// student reads for each (steps/timing/speedup_advice.hpp).
#include "steps/timing/thread_use.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "steps/timing/speedup_advice.hpp"

namespace parlab::grader::timing {
namespace {

// A student run on 2 threads: each thread's CPU ms in start order, the wall
// time, and the context switches; the baseline took 400 ms of CPU.
struct StudentRun {
  std::vector<double> thread_cpu_ms;
  double wall_ms;
  std::int64_t switches = 50;
  int peak_threads = 3;
  double run_delay_ms = 0;
};

std::vector<Round> rounds_of(const StudentRun& run, int count = 5) {
  Round r;
  r.baseline.wall_ms = 400;
  r.baseline.cpu_ms = 400;
  r.baseline.thread_cpu_ms = {400};
  double cpu = 0;
  for (const double ms : run.thread_cpu_ms) cpu += ms;
  r.student.wall_ms = run.wall_ms;
  r.student.cpu_ms = cpu;
  r.student.thread_cpu_ms = run.thread_cpu_ms;
  r.student.context_switches = run.switches;
  r.student.peak_threads = run.peak_threads;
  r.student.run_delay_ms = run.run_delay_ms;
  return std::vector<Round>(static_cast<std::size_t>(count), r);
}

ThreadUse diagnosed(const StudentRun& run, int threads = 2, int cores = 2) {
  const auto u = thread_use(rounds_of(run), threads, cores, /*failed=*/true);
  EXPECT_TRUE(u.has_value());
  return u.value_or(ThreadUse{});
}

std::string advice(const ThreadUse& u, int threads = 2) {
  Check c;
  c.status = Status::fail;
  SpeedupFigures f;
  f.kind = "cpu";
  f.threads = threads;
  f.usable_cores = 2;
  f.student_peak_threads = 40;
  f.thread_use = u;
  c.speedup = f;
  return steps::speedup_next_step(c);
}

TEST(ThreadUse, BandsOfUnequalWorkAreAnImbalance) {
  // Main thread waits; worker 1 did 71% of the work, worker 2 29%.
  const ThreadUse u = diagnosed({{1, 284, 116}, 290});
  EXPECT_EQ(u.diagnosis, "imbalance");
  EXPECT_NEAR(u.busiest_share, 284.0 / 400, 1e-9);
  EXPECT_EQ(u.busiest_thread, 2);
  EXPECT_NEAR(u.balance_efficiency, 200.0 / 284, 1e-9);
  EXPECT_EQ(u.threads_seen, 3);
  const std::string a = advice(u);
  EXPECT_NE(a.find("thread 2 did 71% of the work"), std::string::npos) << a;
  EXPECT_NE(a.find("11_mandelbrot_balance"), std::string::npos) << a;
}

TEST(ThreadUse, OneThreadDoingEverythingIsTooFewThreads) {
  const ThreadUse u = diagnosed({{400}, 405});
  EXPECT_EQ(u.diagnosis, "too_few_threads");
  EXPECT_NEAR(u.balance_efficiency, 0.5, 1e-9);  // the second thread did 0
  const std::string a = advice(u);
  EXPECT_NE(a.find("at most 1 thread was busy at a time"), std::string::npos) << a;
}

TEST(ThreadUse, EqualThreadsRunOneAfterAnotherAreSerialized) {
  // Two workers with equal shares, but the wall time is their sum: joined
  // one at a time.
  const ThreadUse u = diagnosed({{0.5, 200, 200}, 402});
  EXPECT_EQ(u.diagnosis, "serialized");
  EXPECT_NEAR(u.busy_threads, 400.5 / 402, 1e-9);
  EXPECT_NE(advice(u).find("on average 1.0 of 2 threads were busy"), std::string::npos) << advice(u);
}

TEST(ThreadUse, ThreadsTakingTurnsAtALockAreSerializedByIt) {
  // A mutex per increment: the threads alternate, one busy at a time, and
  // the lock's cost multiplies the CPU time.
  const ThreadUse u = diagnosed({{3, 2300, 2250}, 4600, 1800});
  EXPECT_EQ(u.diagnosis, "serialized");
  const std::string a = advice(u);
  EXPECT_NE(a.find("lock held for every item"), std::string::npos) << a;
  EXPECT_NE(a.find("03_race_counter"), std::string::npos) << a;
}

TEST(ThreadUse, ManySwitchesAreTaskOrLockOverhead) {
  // One task per item through a locked queue: every thread busy part of the
  // time, blocking and waking 60 times a millisecond.
  const ThreadUse u = diagnosed({{300, 280, 290}, 500, 30'000});
  EXPECT_EQ(u.diagnosis, "overhead");
  EXPECT_NEAR(u.switches_per_ms, 60, 1e-9);
  EXPECT_NEAR(u.cpu_vs_baseline, 870.0 / 400, 1e-9);
  EXPECT_NE(advice(u).find("12_tiny_tasks"), std::string::npos) << advice(u);
}

TEST(ThreadUse, BusyThreadsBurningExtraCpuAreContention) {
  // Both threads at 100%, few switches, twice the baseline's CPU: a shared
  // atomic or false sharing.
  const ThreadUse u = diagnosed({{1, 400, 400}, 402});
  EXPECT_EQ(u.diagnosis, "contention");
  EXPECT_NE(advice(u).find("02_slow_sum"), std::string::npos) << advice(u);
}

TEST(ThreadUse, ManyThreadsWaitingForCoresAreOversubscribed) {
  StudentRun run{std::vector<double>(40, 10.0), 420};
  run.peak_threads = 40;
  run.run_delay_ms = 380;  // runnable, but the 2 cores were taken
  const ThreadUse u = diagnosed(run);
  EXPECT_EQ(u.diagnosis, "oversubscribed");
  EXPECT_EQ(u.thread_cpu_ms.size(), 16U);  // the JSON lists at most 16
  EXPECT_NE(advice(u).find("40 threads on 2 cores"), std::string::npos) << advice(u);
}

TEST(ThreadUse, ManyThreadsThatNeverWaitForACoreAreNotOversubscribed) {
  // 40 threads alive, but 38 of them sleep: the two that work are the story.
  std::vector<double> cpu(40, 0.0);
  cpu[1] = 300;
  cpu[2] = 100;
  StudentRun run{cpu, 300};
  run.peak_threads = 40;
  EXPECT_EQ(diagnosed(run).diagnosis, "imbalance");
}

TEST(ThreadUse, BalancedBusyThreadsWithTheBaselinesCpuAreUnexplained) {
  const ThreadUse u = diagnosed({{1, 200, 200}, 202});
  EXPECT_EQ(u.diagnosis, "unexplained");
  EXPECT_NE(advice(u).find("grade scale"), std::string::npos) << advice(u);
}

TEST(ThreadUse, FreshThreadsPerPhaseAreJudgedPhaseByPhase) {
  // Two images, each split into bands: the calling thread renders the heavy
  // top band, a new thread per image the light one. Over the whole run the
  // calling thread did 270 ms and each helper 15 or 25 ms, which alone
  // reads as "one thread did everything"; per image it is an imbalance.
  std::vector<Round> rounds = rounds_of({{270, 15, 25}, 250}, 5);
  for (Round& r : rounds) r.student.region_cpu_ms = {{135, 15, 0}, {135, 0, 25}};
  const auto u = thread_use(rounds, 2, 2, true);
  ASSERT_TRUE(u.has_value());
  EXPECT_EQ(u->diagnosis, "imbalance");
  EXPECT_EQ(u->busiest_thread, 1);  // the calling thread
  EXPECT_NEAR(u->busiest_share, 135.0 / 160, 1e-9);  // of the heavier region
}

TEST(ThreadUse, ThreadsStartedOneAfterAnotherAreSerialized) {
  // Thread 2 worked alone, was joined, then thread 3 worked alone.
  std::vector<Round> rounds = rounds_of({{2, 200, 200}, 402}, 5);
  for (Round& r : rounds) r.student.region_cpu_ms = {{1, 200, 0}, {1, 0, 200}};
  const auto u = thread_use(rounds, 2, 2, true);
  ASSERT_TRUE(u.has_value());
  EXPECT_EQ(u->diagnosis, "serialized");
}

TEST(ThreadUse, APassingSpeedupGetsFiguresButNoDiagnosis) {
  const auto u = thread_use(rounds_of({{1, 284, 116}, 290}), 2, 2, /*failed=*/false);
  ASSERT_TRUE(u.has_value());
  EXPECT_EQ(u->diagnosis, "");
  EXPECT_GT(u->balance_efficiency, 0);
}

TEST(ThreadUse, UnsampledRunsGiveNothing) {
  Round r;
  r.baseline = {400, 400, 1, {}, {}, 0, 0};
  r.student = {200, 400, 2, {}, {}, 0, 0};
  EXPECT_FALSE(thread_use({r, r, r}, 2, 2, true).has_value());
}

TEST(ThreadUse, TheMediansShrugOffOneOddRound) {
  // Four rounds show an imbalance; one descheduled round looks serialized.
  std::vector<Round> rounds = rounds_of({{1, 300, 100}, 300}, 4);
  rounds.push_back(rounds_of({{1, 200, 200}, 800}, 1).front());
  const auto u = thread_use(rounds, 2, 2, true);
  ASSERT_TRUE(u.has_value());
  EXPECT_EQ(u->diagnosis, "imbalance");
  EXPECT_NEAR(u->busiest_share, 0.75, 1e-9);
}

TEST(ThreadUse, DetailsListEachThreadInStartOrder) {
  const ThreadUse u = diagnosed({{1, 284, 116}, 290});
  const std::string d = describe_threads(u, 2);
  EXPECT_NE(d.find("1 284 116"), std::string::npos) << d;
  EXPECT_NE(d.find("balance 0.70"), std::string::npos) << d;
}

}  // namespace
}  // namespace parlab::grader::timing
