// The kit's thread pool (task_pool.hpp): one queue, one mutex, two condition
// variables. Deliberately plain, like most hand-written pools: its per-task
// cost is what the exercise measures.
#include "task_pool.hpp"

#include <algorithm>
#include <utility>

namespace parlab {

TaskPool::TaskPool(unsigned workers) {
  const unsigned n = std::max(1U, workers);
  workers_.reserve(n);
  for (unsigned w = 0; w < n; ++w) workers_.emplace_back([this] { work(); });
}

TaskPool::~TaskPool() {
  {
    std::unique_lock lock(mutex_);
    all_done_.wait(lock, [this] { return unfinished_ == 0; });
    stopping_ = true;
  }
  task_ready_.notify_all();
  // workers_ (jthreads) join as the vector is destroyed.
}

void TaskPool::submit(std::function<void()> task) {
  {
    const std::lock_guard lock(mutex_);
    queue_.push_back(std::move(task));
    ++unfinished_;
  }
  task_ready_.notify_one();
}

void TaskPool::wait() {
  std::unique_lock lock(mutex_);
  all_done_.wait(lock, [this] { return unfinished_ == 0; });
  if (first_error_) std::rethrow_exception(std::exchange(first_error_, nullptr));
}

void TaskPool::work() {
  for (;;) {
    std::function<void()> task;
    {
      std::unique_lock lock(mutex_);
      task_ready_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
      if (queue_.empty()) return;  // stopping, and nothing left to run
      task = std::move(queue_.front());
      queue_.pop_front();
    }
    std::exception_ptr error;
    try {
      task();
    } catch (...) {
      error = std::current_exception();
    }
    task = nullptr;  // destroy the task's captures before it counts as done
    bool last = false;
    {
      const std::lock_guard lock(mutex_);
      if (error && !first_error_) first_error_ = std::move(error);
      last = --unfinished_ == 0;
    }
    if (last) all_done_.notify_all();
  }
}

}  // namespace parlab
