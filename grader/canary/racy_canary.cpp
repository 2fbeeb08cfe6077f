// The ThreadSanitizer canary: a program with a known data race. Before the
// grader trusts "no race found" from TSan, it builds and runs this and
// requires a report. If TSan is broken on the host (an unsupported kernel
// setting, a container that blocks personality()), a clean run would mean
// nothing.
#include <cstdio>
#include <thread>

namespace {
long shared_counter = 0;  // written by two threads without synchronisation: the race
}

int main() {
  auto bump = [] {
    for (int i = 0; i < 100000; ++i) shared_counter = shared_counter + 1;
  };
  std::thread a(bump);
  std::thread b(bump);
  a.join();
  b.join();
  std::printf("%ld\n", shared_counter);
  return 0;
}
