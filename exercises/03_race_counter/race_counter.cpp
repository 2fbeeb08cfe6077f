// Exercise 03 — a shared counter.  This is the file you edit.
//
// The starting point is the lecture's race condition, in C++: every thread
// does `counter += 1` on ONE shared variable. `+=` is a read, an add and a
// write; two threads can read the same old value and one increment is lost.
// In C++ this is a data race: undefined behaviour. The count comes out wrong,
// and ThreadSanitizer reports it. Make it correct first, then fast (README.md).
#include <thread>
#include <vector>

#include "race_counter.hpp"

namespace parlab::race_counter {

std::uint64_t count_events(std::uint64_t n, unsigned threads, std::uint64_t seed) {
  std::uint64_t counter = 0;  // shared by every thread below: the bug
  std::vector<std::thread> workers;
  for (unsigned t = 0; t < threads; ++t) {
    workers.emplace_back([&counter, n, threads, seed, t] {
      const std::uint64_t begin = n / threads * t;
      const std::uint64_t end = t + 1 == threads ? n : n / threads * (t + 1);
      for (std::uint64_t i = begin; i < end; ++i) {
        if (is_event(seed, i)) counter += 1;  // read-modify-write, not atomic!
      }
    });
  }
  for (std::thread& w : workers) w.join();
  return counter;
}

}  // namespace parlab::race_counter
