// The sandbox's per-thread sampling (Limits::thread_sample_interval) on real
// processes built on purpose, and the diagnosis they lead to
// (steps/timing/thread_use.hpp). Work is measured in each thread's own CPU
// time, so a busy machine makes runs longer but does not change who did how
// much.
//
// The shapes run this test program itself, chosen by an environment variable
// and entered before main(), as in process_test.cpp.
#include <time.h>

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include "platform/cores.hpp"
#include "sandbox/process.hpp"
#include "steps/timing/round_runner.hpp"
#include "steps/timing/thread_use.hpp"

namespace parlab::grader {
namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;

constexpr const char* kShapeVariable = "PARLAB_THREAD_SHAPE_TEST";

std::int64_t thread_cpu_ms() {
  timespec t{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
  return static_cast<std::int64_t>(t.tv_sec) * 1000 + t.tv_nsec / 1'000'000;
}

// Spins until this thread has used `ms` of CPU.
void burn(std::int64_t ms) {
  volatile std::uint64_t sink = 0;
  while (thread_cpu_ms() < ms) {
    for (int i = 0; i < 10'000; ++i) sink = sink + static_cast<std::uint64_t>(i);
  }
}

// Two workers with a 3:1 share of the work, the main thread waiting.
void bands() {
  std::jthread heavy(burn, 240);
  std::jthread light(burn, 80);
}

// Two equal workers, the second started only after the first was joined.
void one_after_another() {
  std::jthread(burn, 150).join();
  std::jthread(burn, 150).join();
}

// Two threads handing a token back and forth: each hand-over blocks one
// thread and wakes the other, as a task queue does for one tiny task.
void ping_pong() {
  std::mutex m;
  std::condition_variable cv;
  int turn = 0;
  constexpr int kHandOvers = 20'000;
  const auto player = [&](int me) {
    for (int i = 0; i < kHandOvers; ++i) {
      std::unique_lock lock(m);
      cv.wait(lock, [&] { return turn == me; });
      turn = 1 - me;
      cv.notify_one();
    }
  };
  std::jthread a(player, 0);
  std::jthread b(player, 1);
}

// Eight busy threads per usable core, all at once: each waits for a core
// far longer than it runs.
void crowd() {
  const unsigned n = 8 * static_cast<unsigned>(std::max(1, platform::usable_cores().usable));
  std::vector<std::jthread> crowd;
  for (unsigned i = 0; i < n; ++i) crowd.emplace_back(burn, 30);
}

bool run_shape_if_asked() {
  const char* shape = std::getenv(kShapeVariable);
  if (shape == nullptr) return false;
  const std::string s = shape;
  if (s == "bands") bands();
  else if (s == "one_after_another") one_after_another();
  else if (s == "ping_pong") ping_pong();
  else if (s == "single") burn(300);
  else if (s == "crowd") crowd();
  else std::exit(99);
  std::exit(0);
}

const bool shape_mode = run_shape_if_asked();

sandbox::Result run_shape(const std::string& shape) {
  sandbox::Command c;
  c.argv = {fs::read_symlink("/proc/self/exe").string()};
  c.working_dir = fs::temp_directory_path().string();
  c.env[kShapeVariable] = shape;
  c.limits.wall_timeout = 60s;
  c.limits.thread_sample_interval = 10ms;
  c.limits.memory_watch_bytes = 8ULL << 30;  // the watchdog also counts the threads alive at once
  return sandbox::run(c);
}

// The diagnosis of one sampled run, through the speedup check's own
// conversion (steps::times_of), against a baseline that did the same CPU
// work on one thread.
ThreadUse diagnose(const sandbox::Result& r, double baseline_cpu_ms, int cores = 2) {
  steps::TimerSample sample;
  sample.wall_ms = std::chrono::duration<double, std::milli>(r.wall).count();
  sample.cpu_ms = std::chrono::duration<double, std::milli>(r.cpu).count();
  sample.peak_threads = r.peak_threads;
  sample.threads = r.threads;
  timing::Round round;
  round.baseline.wall_ms = baseline_cpu_ms;
  round.baseline.cpu_ms = baseline_cpu_ms;
  round.student = steps::times_of(sample);
  const auto u = timing::thread_use({round}, 2, cores, /*failed=*/true);
  EXPECT_TRUE(u.has_value());
  return u.value_or(ThreadUse{});
}

TEST(ThreadSampling, SeesEachThreadsShareOfTheWork) {
  ASSERT_FALSE(shape_mode);
  const sandbox::Result r = run_shape("bands");
  ASSERT_TRUE(r.ok()) << r.describe();
  ASSERT_GT(r.threads.samples, 5);
  ASSERT_EQ(r.threads.threads.size(), 3U);  // main, heavy, light, in start order
  const auto ms = [&](std::size_t i) { return std::chrono::duration<double, std::milli>(r.threads.threads[i].cpu).count(); };
  EXPECT_LT(ms(0), 20);
  EXPECT_NEAR(ms(1), 240, 15);  // a thread loses at most the last 10 ms interval
  EXPECT_NEAR(ms(2), 80, 15);
  const ThreadUse u = diagnose(r, 320);
  EXPECT_EQ(u.diagnosis, "imbalance");
  EXPECT_EQ(u.busiest_thread, 2);
  EXPECT_NEAR(u.busiest_share, 0.75, 0.05);
}

TEST(ThreadSampling, ThreadsJoinedOneAtATimeAreSerialized) {
  const sandbox::Result r = run_shape("one_after_another");
  ASSERT_TRUE(r.ok()) << r.describe();
  EXPECT_EQ(diagnose(r, 300).diagnosis, "serialized");
}

TEST(ThreadSampling, ASingleBusyThreadIsTooFewThreads) {
  const sandbox::Result r = run_shape("single");
  ASSERT_TRUE(r.ok()) << r.describe();
  EXPECT_EQ(diagnose(r, 300).diagnosis, "too_few_threads");
}

TEST(ThreadSampling, HandOversBetweenThreadsAreOverhead) {
  const sandbox::Result r = run_shape("ping_pong");
  ASSERT_TRUE(r.ok()) << r.describe();
  EXPECT_GE(r.threads.voluntary_switches, 20'000);  // every hand-over blocks a thread
  EXPECT_EQ(diagnose(r, 10).diagnosis, "overhead");
}

TEST(ThreadSampling, ACrowdOfBusyThreadsIsOversubscribed) {
  const sandbox::Result r = run_shape("crowd");
  ASSERT_TRUE(r.ok()) << r.describe();
  const int cores = std::max(1, platform::usable_cores().usable);
  EXPECT_GT(r.peak_threads, 2 * cores);
  const ThreadUse u = diagnose(r, 30, cores);
  EXPECT_GT(u.run_delay_share, 1.0);  // each waited longer for a core than it ran
  EXPECT_EQ(u.diagnosis, "oversubscribed");
}

TEST(ThreadSampling, IsOffUnlessAsked) {
  sandbox::Command c;
  c.argv = {"true"};
  c.working_dir = fs::temp_directory_path().string();
  const sandbox::Result r = sandbox::run(c);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r.threads.samples, 0);
  EXPECT_TRUE(r.threads.threads.empty());
}

}  // namespace
}  // namespace parlab::grader
