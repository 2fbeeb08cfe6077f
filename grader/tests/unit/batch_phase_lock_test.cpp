// The phase lock that keeps a batch's timing steps alone: exclusive excludes
// shared, shared allows shared, and a waiting writer is not starved by a
// stream of readers. Holders are separate threads with their own open file
// descriptions, which flock treats exactly like separate processes; one test
// uses a real child process to show a lock dies with its holder.
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <future>
#include <thread>
#include <vector>

#include "core/phase_lock.hpp"

namespace {

using parlab::grader::PhaseLock;
using namespace std::chrono_literals;
namespace fs = std::filesystem;

fs::path fresh_lock(const char* name) {
  const fs::path dir = fs::temp_directory_path() / ("parlab-lock-test-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  const fs::path p = dir / name;
  fs::remove(p);
  fs::remove(p.string() + ".turnstile");
  return p;
}

TEST(BatchPhaseLock, SharedHoldersOverlap) {
  const PhaseLock lock(fresh_lock("shared"));
  const auto first = lock.shared();
  // A second shared holder gets in while the first holds it.
  auto second = std::async(std::launch::async, [&] { return lock.shared().held(); });
  ASSERT_EQ(second.wait_for(5s), std::future_status::ready) << "a shared holder blocked another shared holder";
  EXPECT_TRUE(second.get());
}

TEST(BatchPhaseLock, ExclusiveWaitsForSharedAndExcludesIt) {
  const PhaseLock lock(fresh_lock("exclusive"));
  std::optional<PhaseLock::Guard> reader(lock.shared());
  std::atomic<bool> writer_in{false};
  auto writer = std::async(std::launch::async, [&] {
    auto guard = lock.exclusive();
    writer_in = true;
    std::this_thread::sleep_for(300ms);
    writer_in = false;
  });
  std::this_thread::sleep_for(200ms);
  EXPECT_FALSE(writer_in) << "the timing step started while a build held the lock";
  reader.reset();  // the build ends
  const auto deadline = std::chrono::steady_clock::now() + 5s;
  while (!writer_in && std::chrono::steady_clock::now() < deadline) std::this_thread::sleep_for(5ms);
  ASSERT_TRUE(writer_in) << "the writer never got the lock after the reader left";
  // While the writer holds it, a reader must wait until it is done.
  const auto reader_got_it = lock.shared();
  EXPECT_FALSE(writer_in) << "a build started while the timing step held the lock";
  writer.get();
}

TEST(BatchPhaseLock, WaitingWriterIsNotStarvedByNewReaders) {
  const PhaseLock lock(fresh_lock("starvation"));
  std::atomic<bool> stop{false};
  std::atomic<int> entries{0};
  std::atomic<int> readers_inside{0};
  std::atomic<int> overlaps{0};
  // Two readers that hand the lock over: each leaves only once a newer
  // reader has entered (or after 50 ms), so the lock is never free. With
  // plain flock the writer would wait forever; the turnstile stops the newer
  // reader, and the older one then leaves.
  auto reader = [&] {
    while (!stop) {
      auto guard = lock.shared();
      ++readers_inside;
      const int ticket = ++entries;
      const auto give_up = std::chrono::steady_clock::now() + 50ms;
      while (entries == ticket && !stop && std::chrono::steady_clock::now() < give_up) std::this_thread::sleep_for(1ms);
      --readers_inside;
    }
  };
  std::thread first(reader);
  std::thread second(reader);
  std::this_thread::sleep_for(100ms);
  auto writer = std::async(std::launch::async, [&] {
    auto guard = lock.exclusive();
    if (readers_inside != 0) ++overlaps;
    std::this_thread::sleep_for(30ms);
    if (readers_inside != 0) ++overlaps;
  });
  const auto status = writer.wait_for(5s);
  stop = true;
  first.join();
  second.join();
  ASSERT_EQ(status, std::future_status::ready) << "the writer was starved by overlapping readers";
  writer.get();
  EXPECT_EQ(overlaps, 0) << "a reader was inside while the writer held the lock";
}

TEST(BatchPhaseLock, ALockDiesWithItsProcess) {
  const fs::path path = fresh_lock("crash");
  int ready[2];
  ASSERT_EQ(::pipe(ready), 0);
  const pid_t child = ::fork();
  if (child == 0) {
    auto guard = PhaseLock(path).exclusive();
    [[maybe_unused]] const auto n = ::write(ready[1], "x", 1);
    ::pause();  // killed while holding the lock
    ::_exit(0);
  }
  char byte = 0;
  ASSERT_EQ(::read(ready[0], &byte, 1), 1);
  auto reader = std::async(std::launch::async, [&] { return PhaseLock(path).shared().held(); });
  EXPECT_EQ(reader.wait_for(200ms), std::future_status::timeout) << "a reader got in while another process timed";
  ::kill(child, SIGKILL);
  ::waitpid(child, nullptr, 0);
  ASSERT_EQ(reader.wait_for(5s), std::future_status::ready) << "the lock outlived the process that held it";
  EXPECT_TRUE(reader.get());
  ::close(ready[0]);
  ::close(ready[1]);
}

TEST(BatchPhaseLock, EmptyPathNeverWaits) {
  const PhaseLock lock;
  const auto a = lock.exclusive();
  const auto b = lock.exclusive();
  EXPECT_FALSE(a.held());
  EXPECT_FALSE(b.held());
}

TEST(BatchPhaseLock, UnopenableFileIsAnError) {
  const PhaseLock lock("/nonexistent-parlab-dir/phase.lock");
  EXPECT_THROW((void)lock.shared(), std::system_error);
}

}  // namespace
