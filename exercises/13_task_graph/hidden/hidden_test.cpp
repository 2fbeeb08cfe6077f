// Hidden tests for exercise 13: not in the student template. Random graphs
// (drawn per run: any-earlier-node DAGs and layered ones of many widths and
// depths), the classic shapes (a chain, a fan, diamonds, many roots, empty,
// one node), failures anywhere in them, values that flow along the edges,
// and the pipeline at other seeds, sizes and asset counts; 1, 2, 3, 7 and
// all-hardware threads. Every run_graph() call has a time limit.
#include <gtest/gtest.h>

#include <algorithm>
#include <memory>
#include <random>
#include <string>
#include <vector>

#include "parlab/testing.hpp"
#include "task_graph.hpp"
#include "tests/graph_probe.hpp"

namespace {

namespace tg = parlab::task_graph;
using parlab::testing::fresh_seed;
using parlab::testing::hardware_threads;
using tg::NodeId;
using tg::testing::Probe;
using tg::testing::run_within;
using tg::testing::runs_cleanly;
using Inputs = std::vector<std::vector<NodeId>>;

std::vector<unsigned> thread_counts() { return {1U, 2U, 3U, 7U, hardware_threads()}; }

// n nodes; node i takes up to max_inputs inputs drawn from ALL earlier nodes
// (repeats allowed: a repeated input counts once).
Inputs random_dag(std::mt19937_64& gen, std::size_t n, std::size_t max_inputs) {
  Inputs inputs(n);
  for (std::size_t i = 1; i < n; ++i) {
    const std::size_t k = std::uniform_int_distribution<std::size_t>(0, std::min(i, max_inputs))(gen);
    for (std::size_t e = 0; e < k; ++e) inputs[i].push_back(std::uniform_int_distribution<NodeId>(0, i - 1)(gen));
  }
  return inputs;
}

// `depth` layers of 1..max_width nodes; each node of a layer takes 1..3
// inputs from the layer before it, and sometimes one from further back.
Inputs layered_dag(std::mt19937_64& gen, std::size_t depth, std::size_t max_width) {
  Inputs inputs;
  std::vector<NodeId> previous;
  for (std::size_t layer = 0; layer < depth; ++layer) {
    const std::size_t width = std::uniform_int_distribution<std::size_t>(1, max_width)(gen);
    std::vector<NodeId> current;
    for (std::size_t w = 0; w < width; ++w) {
      std::vector<NodeId> in;
      if (!previous.empty()) {
        const int k = std::uniform_int_distribution<int>(1, 3)(gen);
        for (int e = 0; e < k; ++e) {
          in.push_back(previous[std::uniform_int_distribution<std::size_t>(0, previous.size() - 1)(gen)]);
        }
        if (gen() % 4 == 0) in.push_back(std::uniform_int_distribution<NodeId>(0, previous.front())(gen));
      }
      current.push_back(inputs.size());
      inputs.push_back(std::move(in));
    }
    previous = std::move(current);
  }
  return inputs;
}

Inputs chain(std::size_t n) {
  Inputs inputs(n);
  for (std::size_t i = 1; i < n; ++i) inputs[i] = {i - 1};
  return inputs;
}

// One root, `width` nodes that need it, one node that needs them all.
Inputs fan(std::size_t width) {
  Inputs inputs(width + 2);
  std::vector<NodeId> middle;
  for (std::size_t i = 1; i <= width; ++i) {
    inputs[i] = {0};
    middle.push_back(i);
  }
  inputs[width + 1] = middle;
  return inputs;
}

// `count` diamonds in series: a -> (b, c) -> d, where d is the next a.
Inputs diamonds(std::size_t count) {
  Inputs inputs(1);
  for (std::size_t k = 0; k < count; ++k) {
    const NodeId a = inputs.size() - 1;
    inputs.push_back({a});
    inputs.push_back({a});
    inputs.push_back({a + 1, a + 2});
  }
  return inputs;
}

void check_shape(const std::string& name, const Inputs& inputs, std::int64_t spin_ns = 0) {
  for (const unsigned t : thread_counts()) {
    SCOPED_TRACE(testing::Message() << name << ", " << inputs.size() << " nodes, " << t << " threads");
    Probe probe(inputs, {}, spin_ns);
    if (!runs_cleanly(probe.graph, t)) return;
    probe.expect_each_once_after_inputs();
    probe.expect_quiet_and_none_twice();
  }
}

TEST(RunGraphHidden, RandomDagsRunEachNodeOnceAfterItsInputs) {
  for (const std::size_t n : {2U, 5U, 40U, 300U, 2500U}) {
    for (const std::size_t max_inputs : {1U, 3U, 12U}) {
      const std::uint64_t seed = fresh_seed();
      SCOPED_TRACE(testing::Message() << "seed=" << seed);
      std::mt19937_64 gen(seed);
      check_shape("random DAG, max_inputs=" + std::to_string(max_inputs), random_dag(gen, n, max_inputs),
                  n <= 40 ? 20000 : 0);
    }
  }
}

TEST(RunGraphHidden, LayeredDagsOfManyWidthsAndDepths) {
  for (const auto& [depth, width] : {std::pair<std::size_t, std::size_t>{2, 50}, {5, 8}, {30, 3}, {200, 12}, {8, 400}}) {
    const std::uint64_t seed = fresh_seed();
    SCOPED_TRACE(testing::Message() << "seed=" << seed);
    std::mt19937_64 gen(seed);
    check_shape("layered DAG " + std::to_string(depth) + " deep, up to " + std::to_string(width) + " wide",
                layered_dag(gen, depth, width), depth * width <= 40 ? 20000 : 0);
  }
}

TEST(RunGraphHidden, TheClassicShapes) {
  check_shape("a chain", chain(3000));
  check_shape("a short chain with work", chain(20), 50000);
  check_shape("a fan", fan(2000));
  check_shape("diamonds in series", diamonds(300));
  check_shape("many roots, no edges", Inputs(2000));
  check_shape("the empty graph", Inputs{});
  check_shape("one node", Inputs(1));
  check_shape("two roots, one sink", Inputs{{}, {}, {0, 1}});
}

TEST(RunGraphHidden, AnInputListedTwiceCountsOnce) {
  check_shape("repeated inputs", Inputs{{}, {0, 0, 0}, {1, 0, 1}, {2, 2, 1, 0}});
}

TEST(RunGraphHidden, NeverMoreNodesAtOnceThanThreads) {
  for (const unsigned t : {1U, 2U, 3U, 7U}) {
    SCOPED_TRACE(testing::Message() << t << " threads");
    Probe probe(fan(64), {}, 500000);  // 64 independent nodes of 0.5 ms
    if (!runs_cleanly(probe.graph, t)) continue;
    probe.expect_each_once_after_inputs();
    EXPECT_LE(probe.record->most_running.load(), static_cast<int>(t));
  }
}

// Values flow along the edges in plain (non-atomic) memory: node i stores
// 1 + the sum of its inputs' values. Every value must be the one the
// sequential order gives, and the writes must be ordered before the reads
// (ThreadSanitizer checks that in the race step).
TEST(RunGraphHidden, ValuesFlowAlongTheEdges) {
  for (const unsigned t : thread_counts()) {
    const std::uint64_t seed = fresh_seed();
    SCOPED_TRACE(testing::Message() << "seed=" << seed << ", " << t << " threads");
    std::mt19937_64 gen(seed);
    const Inputs inputs = layered_dag(gen, 60, 30);
    auto values = std::make_shared<std::vector<std::uint64_t>>(inputs.size(), 0);
    auto graph = std::make_shared<tg::Graph>();
    std::vector<std::uint64_t> expected(inputs.size());
    for (std::size_t i = 0; i < inputs.size(); ++i) {
      std::vector<NodeId> in = inputs[i];
      std::sort(in.begin(), in.end());
      in.erase(std::unique(in.begin(), in.end()), in.end());
      expected[i] = 1;
      for (const NodeId j : in) expected[i] += expected[j];
      graph->add(
          [values, i, in] {
            std::uint64_t v = 1;
            for (const NodeId j : in) v += (*values)[j];
            (*values)[i] = v;
          },
          in);
    }
    if (!runs_cleanly(graph, t)) continue;
    EXPECT_EQ(*values, expected);
  }
}

// One random node of a random graph throws: the caller gets exactly that
// exception, no node that depends on it ran, none ran twice, and the call
// returned with no node still running.
TEST(RunGraphHidden, AFailureAnywhereReachesTheCallerAndStopsItsDependants) {
  for (int round = 0; round < 6; ++round) {
    for (const unsigned t : thread_counts()) {
      const std::uint64_t seed = fresh_seed();
      SCOPED_TRACE(testing::Message() << "seed=" << seed << ", " << t << " threads");
      std::mt19937_64 gen(seed);
      const Inputs inputs = round % 2 == 0 ? random_dag(gen, 400, 4) : layered_dag(gen, 25, 20);
      const NodeId failing = std::uniform_int_distribution<NodeId>(0, inputs.size() - 1)(gen);
      std::vector<bool> throws(inputs.size(), false);
      throws[failing] = true;
      Probe probe(inputs, throws, 2000);
      const tg::testing::RunOutcome out = run_within(probe.graph, t);
      if (!out.returned) return;
      ASSERT_TRUE(out.exception) << "node " << failing << " threw, run_graph() returned normally";
      EXPECT_EQ(tg::testing::runtime_error_message(out.exception), "node " + std::to_string(failing) + " failed");
      EXPECT_EQ(probe.record->runs[failing].load(), 1);
      const std::vector<bool> below = probe.dependants_of({failing});
      for (std::size_t i = 0; i < probe.size(); ++i) {
        if (below[i]) {
          EXPECT_EQ(probe.record->runs[i].load(), 0) << "node " << i << " depends on failed " << failing;
        }
      }
      probe.expect_quiet_and_none_twice();
    }
  }
}

// Failures in special places: the only root, the sink, a middle node of a
// 2000-wide fan (its siblings pending), every root at once.
TEST(RunGraphHidden, FailuresAtTheEdgesOfTheGraph) {
  struct Case {
    std::string name;
    Inputs inputs;
    std::vector<NodeId> failing;
  };
  std::vector<Case> cases = {{"the root of a chain", chain(50), {0}},
                             {"the end of a chain", chain(50), {49}},
                             {"the root of a fan", fan(300), {0}},
                             {"the sink of a fan", fan(300), {301}},
                             {"a middle node of a wide fan", fan(2000), {1000}},
                             {"the only node", Inputs(1), {0}}};
  Inputs roots(64);
  std::vector<NodeId> all;
  for (NodeId i = 0; i < 64; ++i) all.push_back(i);
  roots.push_back(all);
  cases.push_back({"every one of 64 roots", roots, all});
  for (const Case& c : cases) {
    for (const unsigned t : thread_counts()) {
      SCOPED_TRACE(testing::Message() << c.name << ", " << t << " threads");
      std::vector<bool> throws(c.inputs.size(), false);
      for (const NodeId f : c.failing) throws[f] = true;
      Probe probe(c.inputs, throws, 1000);
      const tg::testing::RunOutcome out = run_within(probe.graph, t);
      if (!out.returned) return;
      ASSERT_TRUE(out.exception) << "a node threw, run_graph() returned normally";
      const std::string message = tg::testing::runtime_error_message(out.exception);
      const bool one_of_them = std::any_of(c.failing.begin(), c.failing.end(), [&](NodeId f) {
        return message == "node " + std::to_string(f) + " failed";
      });
      EXPECT_TRUE(one_of_them) << "the caller got \"" << message << "\", not a failed node's exception";
      const std::vector<bool> below = probe.dependants_of(c.failing);
      for (std::size_t i = 0; i < probe.size(); ++i) {
        if (below[i]) {
          EXPECT_EQ(probe.record->runs[i].load(), 0) << "node " << i << " depends on a failed node";
        }
      }
      probe.expect_quiet_and_none_twice();
    }
  }
}

// The exception object itself reaches the caller, whatever its type, not a
// copy sliced to std::exception or a generic error.
struct PricingHalted {
  int code;
};

TEST(RunGraphHidden, TheExceptionKeepsItsType) {
  for (const unsigned t : thread_counts()) {
    SCOPED_TRACE(testing::Message() << t << " threads");
    auto graph = std::make_shared<tg::Graph>();
    const NodeId a = graph->add([] {});
    const NodeId b = graph->add([] { throw PricingHalted{42}; }, {a});
    graph->add([] {}, {b});
    graph->add([] {});
    const tg::testing::RunOutcome out = run_within(graph, t);
    if (!out.returned) return;
    ASSERT_TRUE(out.exception);
    try {
      std::rethrow_exception(out.exception);
    } catch (const PricingHalted& e) {
      EXPECT_EQ(e.code, 42);
    } catch (...) {
      ADD_FAILURE() << "the caller got another exception than the node's PricingHalted";
    }
  }
}

// A failed run leaves nothing behind: the next call, same thread count,
// runs a fresh graph completely.
TEST(RunGraphHidden, AfterAFailureTheNextRunIsComplete) {
  for (const unsigned t : thread_counts()) {
    SCOPED_TRACE(testing::Message() << t << " threads");
    std::vector<bool> throws(302, false);
    throws[7] = true;
    Probe failing(fan(300), throws, 1000);
    const tg::testing::RunOutcome out = run_within(failing.graph, t);
    if (!out.returned) return;
    EXPECT_TRUE(out.exception);
    Probe next(fan(300), {}, 1000);
    if (!runs_cleanly(next.graph, t)) return;
    next.expect_each_once_after_inputs();
  }
}

void expect_same_portfolio(const tg::Portfolio& got, const tg::Portfolio& expected) {
  EXPECT_EQ(got, expected) << "assets " << got.assets << "/" << expected.assets << ", bars " << got.bars << "/"
                           << expected.bars << ", digest " << got.digest << "/" << expected.digest;
}

TEST(RunGraphHidden, ThePipelineAtOtherSeedsSizesAndAssetCounts) {
  for (const std::size_t assets : {0U, 1U, 3U, 8U, 13U}) {
    for (const std::uint64_t bars : {0ULL, 1ULL, 7ULL, 1000ULL, 8ULL * 2500 + 3}) {
      const std::uint64_t seed = fresh_seed();
      SCOPED_TRACE(testing::Message() << "assets=" << assets << " bars=" << bars << " seed=" << seed);
      const tg::Portfolio expected = tg::compute_eagerly(bars, seed, assets);
      for (const unsigned t : {1U, 2U, 7U}) {
        SCOPED_TRACE(testing::Message() << t << " threads");
        auto graph = std::make_shared<tg::Graph>();
        const auto result = tg::build_pipeline(*graph, bars, seed, assets);
        if (!runs_cleanly(graph, t)) return;
        expect_same_portfolio(result.get(), expected);
      }
    }
  }
}

// Seconds of pipeline work on 3 and 7 threads under ThreadSanitizer.
TEST(RunGraphHidden, ALargerPipelineOnThreeAndSevenThreads) {
  const std::uint64_t seed = fresh_seed();
  SCOPED_TRACE(testing::Message() << "seed=" << seed);
  constexpr std::uint64_t kBars = 8 * 12000 + 5;
  const tg::Portfolio expected = tg::compute_eagerly(kBars, seed);
  for (const unsigned t : {3U, 7U, hardware_threads()}) {
    SCOPED_TRACE(testing::Message() << t << " threads");
    auto graph = std::make_shared<tg::Graph>();
    const auto result = tg::build_pipeline(*graph, kBars, seed);
    if (!runs_cleanly(graph, t)) return;
    expect_same_portfolio(result.get(), expected);
  }
}

}  // namespace
