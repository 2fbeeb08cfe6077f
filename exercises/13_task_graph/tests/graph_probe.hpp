// Test helpers shared by the public and hidden tests:
//   * run_within(): run_graph() on a thread of its own, waited for at most
//     a time limit, so a runner that deadlocks fails its test instead of
//     hanging the test program;
//   * Probe: a graph whose nodes record, with atomics, how often they ran and
//     when they started and ended (stamps of one atomic clock), so the tests
//     can check "exactly once" and "after all its inputs".
#pragma once

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <future>
#include <memory>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "task_graph.hpp"

namespace parlab::task_graph::testing {

// Generous: the largest test graph runs in well under a second, even under
// ThreadSanitizer.
inline constexpr std::chrono::seconds kRunLimit{20};

inline std::atomic<bool>& hang_seen() {
  static std::atomic<bool> seen{false};
  return seen;
}

// After a hang, a thread is still stuck inside run_graph(): leave at the
// end of the program, once GoogleTest has written its report, instead of
// waiting for that thread in the exit handlers.
class LeaveAfterAHang : public ::testing::EmptyTestEventListener {
  void OnTestProgramEnd(const ::testing::UnitTest& /*unit_test*/) override {
    if (hang_seen().load()) {
      std::fflush(nullptr);
      std::_Exit(1);
    }
  }
};
inline const bool leave_after_a_hang_registered = [] {
  ::testing::UnitTest::GetInstance()->listeners().Append(new LeaveAfterAHang);
  return true;
}();

struct RunOutcome {
  bool returned = false;         // false: still running after the limit (or not run: an earlier hang)
  std::exception_ptr exception;  // what run_graph() threw, if anything
};

// run_graph(*graph, threads) on a thread of its own. The thread shares
// ownership of the graph (and through its nodes, of what they use), so a
// runner that never returns keeps it alive and touches nothing freed.
inline RunOutcome run_within(std::shared_ptr<const Graph> graph, unsigned threads,
                             std::chrono::seconds limit = kRunLimit) {
  if (hang_seen().load()) {
    ADD_FAILURE() << "not run: an earlier run_graph() call never returned";
    return {};
  }
  auto promise = std::make_shared<std::promise<std::exception_ptr>>();
  std::future<std::exception_ptr> done = promise->get_future();
  std::thread runner([graph, threads, promise] {
    try {
      run_graph(*graph, threads);
      promise->set_value(nullptr);
    } catch (...) {
      promise->set_value(std::current_exception());
    }
  });
  if (done.wait_for(limit) != std::future_status::ready) {
    runner.detach();
    hang_seen().store(true);
    ADD_FAILURE() << "run_graph() with " << threads << " threads did not return within " << limit.count()
                  << " s on a graph of " << graph->size()
                  << " nodes: a deadlock? (waiting for a node that will never run, e.g. after an exception)";
    return {};
  }
  runner.join();
  return {true, done.get()};
}

// Runs the graph, expecting it to return normally; false (with a failure
// recorded) if it threw or hung.
inline bool runs_cleanly(std::shared_ptr<const Graph> graph, unsigned threads) {
  const RunOutcome out = run_within(std::move(graph), threads);
  if (!out.returned) return false;
  if (out.exception) {
    try {
      std::rethrow_exception(out.exception);
    } catch (const std::exception& e) {
      ADD_FAILURE() << "run_graph() threw, but no node did: " << e.what();
    } catch (...) {
      ADD_FAILURE() << "run_graph() threw, but no node did";
    }
    return false;
  }
  return true;
}

// What the nodes of a probed graph record. Nodes hold it by shared_ptr.
struct Record {
  explicit Record(std::size_t n) : runs(n), start(n), end(n) {}
  std::atomic<std::uint64_t> clock{1};
  std::atomic<int> running{0};      // nodes running right now
  std::atomic<int> most_running{0}; // the most that ever ran at once
  std::vector<std::atomic<int>> runs;
  std::vector<std::atomic<std::uint64_t>> start;  // 0: never started
  std::vector<std::atomic<std::uint64_t>> end;    // 0: never ended
};

// A graph with `inputs[i]` as the inputs of node i (each < i). Node i
// records its run; it spins for `spin_ns` (to let nodes overlap) and throws
// a std::runtime_error("node i failed") if throws[i].
struct Probe {
  std::shared_ptr<Graph> graph = std::make_shared<Graph>();
  std::shared_ptr<Record> record;
  std::vector<std::vector<NodeId>> inputs;

  Probe(std::vector<std::vector<NodeId>> node_inputs, std::vector<bool> throws = {}, std::int64_t spin_ns = 0)
      : record(std::make_shared<Record>(node_inputs.size())), inputs(std::move(node_inputs)) {
    throws.resize(inputs.size(), false);
    for (std::size_t i = 0; i < inputs.size(); ++i) {
      graph->add(
          [rec = record, i, fail = static_cast<bool>(throws[i]), spin_ns] {
            rec->runs[i].fetch_add(1);
            rec->start[i].store(rec->clock.fetch_add(1));
            const int now = rec->running.fetch_add(1) + 1;
            int most = rec->most_running.load();
            while (now > most && !rec->most_running.compare_exchange_weak(most, now)) {
            }
            if (spin_ns > 0) {
              const auto until = std::chrono::steady_clock::now() + std::chrono::nanoseconds(spin_ns);
              while (std::chrono::steady_clock::now() < until) {
              }
            }
            rec->running.fetch_sub(1);
            rec->end[i].store(rec->clock.fetch_add(1));
            if (fail) throw std::runtime_error("node " + std::to_string(i) + " failed");
          },
          inputs[i]);
    }
  }

  [[nodiscard]] std::size_t size() const { return inputs.size(); }

  // Every node ran exactly once, after each of its inputs had ended.
  void expect_each_once_after_inputs() const {
    int wrong = 0;
    for (std::size_t i = 0; i < size() && wrong < 5; ++i) {
      const int runs = record->runs[i].load();
      if (runs != 1) {
        ADD_FAILURE() << "node " << i << " ran " << runs << " times, not once";
        ++wrong;
        continue;
      }
      for (const NodeId j : inputs[i]) {
        if (record->start[i].load() <= record->end[j].load()) {
          ADD_FAILURE() << "node " << i << " started before its input " << j << " had finished";
          ++wrong;
        }
      }
    }
  }

  // No node is running, and none started more than once.
  void expect_quiet_and_none_twice() const {
    EXPECT_EQ(record->running.load(), 0) << "run_graph() returned while a node was still running";
    for (std::size_t i = 0; i < size(); ++i) {
      EXPECT_LE(record->runs[i].load(), 1) << "node " << i << " ran twice";
    }
  }

  // The nodes that depend on `failed`, directly or through others.
  [[nodiscard]] std::vector<bool> dependants_of(const std::vector<NodeId>& failed) const {
    std::vector<bool> below(size(), false);
    std::vector<bool> is_failed(size(), false);
    for (const NodeId f : failed) is_failed[f] = true;
    for (std::size_t i = 0; i < size(); ++i) {  // inputs come first: one pass in id order
      for (const NodeId j : inputs[i]) {
        if (is_failed[j] || below[j]) below[i] = true;
      }
    }
    return below;
  }
};

// The message of the exception in `e`, "" if it is not a std::runtime_error.
inline std::string runtime_error_message(const std::exception_ptr& e) {
  try {
    std::rethrow_exception(e);
  } catch (const std::runtime_error& error) {
    return error.what();
  } catch (...) {
    return "";
  }
}

}  // namespace parlab::task_graph::testing
