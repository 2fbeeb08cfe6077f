// The ThreadSanitizer canary: a program with a known data race. Before the
// grader trusts "no race found" from TSan, it builds and runs this and
// requires a report. If TSan is broken on the host (an unsupported kernel
// setting, a container that blocks personality()), a clean run would mean
// nothing.
//
// Both threads stay alive until both have written: on a loaded machine the
// first thread could otherwise finish before the second one starts, and the
// report would depend on the scheduler. The handshake uses relaxed atomics,
// which TSan does not count as synchronisation, so the writes stay a race.
#include <atomic>
#include <cstdio>
#include <thread>

namespace {
long shared_counter = 0;  // written by two threads without synchronisation: the race
std::atomic<int> arrived{0};
}  // namespace

int main() {
  auto bump = [] {
    for (int i = 0; i < 100000; ++i) shared_counter = shared_counter + 1;
    arrived.fetch_add(1, std::memory_order_relaxed);
    while (arrived.load(std::memory_order_relaxed) < 2) std::this_thread::yield();
    shared_counter = shared_counter + 1;  // after the other thread has written too
  };
  std::thread a(bump);
  std::thread b(bump);
  a.join();
  b.join();
  std::printf("%ld\n", shared_counter);
  return 0;
}
