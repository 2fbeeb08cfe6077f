#include "core/parallel.hpp"

#include <algorithm>
#include <atomic>
#include <exception>
#include <mutex>
#include <thread>
#include <vector>

namespace parlab::grader {

void for_each_index(std::size_t n, std::size_t workers, const std::function<bool(std::size_t)>& body) {
  std::atomic<std::size_t> next{0};
  std::atomic<bool> stop{false};
  std::mutex failure_mutex;
  std::exception_ptr failure;
  const auto worker = [&] {
    // `stop` is read before an index is taken, never after: every index
    // taken runs, so the ones that ran are always 0, 1, ... k.
    while (!stop) {
      const std::size_t i = next++;
      if (i >= n) return;
      try {
        if (!body(i)) stop = true;
      } catch (...) {
        const std::lock_guard lock(failure_mutex);
        if (!failure) failure = std::current_exception();
        stop = true;
      }
    }
  };
  std::vector<std::thread> threads;
  for (std::size_t w = 1; w < std::min(workers, n); ++w) threads.emplace_back(worker);
  worker();
  for (std::thread& t : threads) t.join();
  if (failure) std::rethrow_exception(failure);
}

}  // namespace parlab::grader
