// Reference solution, exercise 13: Dask's threaded scheduler in C++, with
// one dependency counter per node and a tbb::task_group inside a
// tbb::task_arena of `threads` threads.
//
// Kahn's algorithm, made concurrent. Node i starts with a counter of its
// inputs. A node whose counter is 0 is ready and becomes a task. When a node
// finishes, it decrements the counter of each dependant; the one decrement
// that takes a counter from 1 to 0 belongs to the last input to finish, and
// only that thread starts the dependant. So each node runs exactly once, and
// only after all its inputs, with no lock and no central queue: the ready
// nodes are TBB tasks, and idle threads steal them.
//
// Memory: fetch_sub is acq_rel. Its release half publishes what the finished
// node wrote; its acquire half, in the thread that sees 1 -> 0, makes the
// writes of EVERY input visible before the dependant runs (each input's
// release is ordered before the final decrement on the same counter).
// task_group::wait() makes every node's writes visible to the caller.
//
// Exceptions: a node that throws never decrements its dependants' counters,
// so they never become ready, and nothing waits for them: task_group::wait()
// waits only for tasks that were spawned. The throw cancels the task group:
// TBB skips the spawned tasks that have not started, the running ones finish,
// and wait() then rethrows the first exception to the caller.
#include <tbb/task_arena.h>
#include <tbb/task_group.h>

#include <algorithm>
#include <atomic>
#include <limits>
#include <vector>

#include "task_graph.hpp"

namespace parlab::task_graph {

namespace {

constexpr NodeId kNone = std::numeric_limits<NodeId>::max();

class Scheduler {
 public:
  Scheduler(const Graph& graph, tbb::task_group& tasks) : graph_(graph), tasks_(tasks), waiting_(graph.size()) {
    for (NodeId id = 0; id < graph.size(); ++id) {
      waiting_[id].store(graph.inputs(id).size(), std::memory_order_relaxed);
    }
  }

  // Every root is ready at once.
  void start() {
    for (NodeId id = 0; id < graph_.size(); ++id) {
      if (graph_.inputs(id).empty()) spawn(id);
    }
  }

 private:
  void spawn(NodeId id) {
    tasks_.run([this, id] { run_from(id); });
  }

  // Runs `id`, then, on this same thread, one of the dependants it made
  // ready (the next stage of an asset's chain: its input is still in this
  // core's cache, and no task is spawned for it); the others become tasks
  // that idle threads can steal.
  void run_from(NodeId id) {
    while (id != kNone) {
      // Another node failed: start nothing new (TBB already skips the
      // spawned tasks; this covers the loop).
      if (tbb::is_current_task_group_canceling()) return;
      graph_.run(id);  // may throw: then no dependant of `id` is ever released
      NodeId next = kNone;
      for (const NodeId d : graph_.dependants(id)) {
        if (waiting_[d].fetch_sub(1, std::memory_order_acq_rel) == 1) {  // `id` was its last input
          if (next != kNone) spawn(next);
          next = d;
        }
      }
      id = next;
    }
  }

  const Graph& graph_;
  tbb::task_group& tasks_;
  std::vector<std::atomic<std::size_t>> waiting_;  // inputs not yet finished, per node
};

}  // namespace

void run_graph(const Graph& graph, unsigned threads) {
  if (graph.size() == 0) return;
  // At most `threads` threads (the caller's included) run tasks of this arena.
  tbb::task_arena arena(static_cast<int>(std::max(1U, threads)));
  arena.execute([&] {
    tbb::task_group tasks;
    Scheduler scheduler(graph, tasks);
    scheduler.start();
    tasks.wait();  // the caller's thread runs tasks too; rethrows a node's exception
  });
}

}  // namespace parlab::task_graph
