// Exercise 13 — a graph of delayed computations, run by one call: Dask's
// delayed(f)(x) and compute() in C++.
// DO NOT EDIT: the grader builds your task_graph.cpp against this header as
// it is here.
//
// Part 1, the graph (this header): nodes are added first, each a callable
// and the ids of the nodes whose results it needs, and NOTHING runs while
// the graph is built. Then one run_graph(graph, threads) call runs them all:
// that call is Dask's compute(), and it is the only thing you write.
//
// Part 2, the workload (kit code, pipeline.cpp): per asset load -> clean ->
// features, then one join across the assets, built with Graph::delayed.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <stdexcept>
#include <tuple>
#include <type_traits>
#include <utility>
#include <vector>

namespace parlab::task_graph {

// A node's id: its position in the graph, 0, 1, 2, ... in the order added.
using NodeId = std::size_t;

template <class T>
class Delayed;

// A directed acyclic graph of computations.
//
// Every input of a node is a node added BEFORE it (add() refuses anything
// else), so the graph has no cycle and id order is one topological order;
// a node may have any number of inputs and dependants, and a graph may have
// any number of roots (nodes with no input), including none at all (empty).
// The const member functions may be called from any number of threads at
// once: they only read.
class Graph {
 public:
  // Adds a node whose `work` runs after every node in `inputs` has run.
  // Repeated inputs count once. Throws std::invalid_argument, adding nothing,
  // if `work` is empty or an input is not the id of a node already added.
  NodeId add(std::function<void()> work, std::vector<NodeId> inputs = {}) {
    if (!work) throw std::invalid_argument("task_graph: a node needs work to do");
    std::sort(inputs.begin(), inputs.end());
    inputs.erase(std::unique(inputs.begin(), inputs.end()), inputs.end());
    const NodeId id = nodes_.size();
    if (!inputs.empty() && inputs.back() >= id) {
      throw std::invalid_argument("task_graph: an input must be a node added earlier");
    }
    for (const NodeId input : inputs) nodes_[input].dependants.push_back(id);
    nodes_.push_back({std::move(work), std::move(inputs), {}});
    return id;
  }

  // The number of nodes; their ids are 0 .. size() - 1.
  [[nodiscard]] std::size_t size() const noexcept { return nodes_.size(); }

  // The nodes node `id` needs (ascending, no repeats): it may start only
  // when each of them has finished.
  [[nodiscard]] std::span<const NodeId> inputs(NodeId id) const { return nodes_.at(id).inputs; }

  // The nodes that list `id` among their inputs (ascending, no repeats).
  [[nodiscard]] std::span<const NodeId> dependants(NodeId id) const { return nodes_.at(id).dependants; }

  // Runs node `id`'s work, on the calling thread. Any exception it throws
  // comes out of here. A runner calls this exactly once per node.
  void run(NodeId id) const { nodes_.at(id).work(); }

  // Dask's delayed(f): g.delayed(f)(args...) adds a node that will compute
  // f(args...) and returns a Delayed<R> for its result (R = f's result type)
  // at once, without calling f. Each argument is one of
  //   Delayed<U>               the result of another node: an input, passed
  //                            to f as const U&;
  //   std::vector<Delayed<U>>  results of several nodes: all are inputs, passed
  //                            as std::vector<const U*>, in the vector's order;
  //   anything else            a value, copied into the node, passed as const&.
  // `f` is copied into the node; g must outlive the returned callable.
  template <class F>
  auto delayed(F fn);

 private:
  struct Node {
    std::function<void()> work;
    std::vector<NodeId> inputs;
    std::vector<NodeId> dependants;
  };
  std::vector<Node> nodes_;
};

// The promise of a value: the result of one node of a Graph. Cheap to copy
// (copies share the value).
template <class T>
class Delayed {
 public:
  using value_type = T;

  [[nodiscard]] NodeId id() const noexcept { return id_; }

  // The node's result. Only once run_graph() has run the node (inside a
  // dependant's work, or after run_graph() returned); std::logic_error before.
  [[nodiscard]] const T& get() const {
    if (!slot_->has_value()) throw std::logic_error("task_graph: Delayed::get() before its node has run");
    return **slot_;
  }

 private:
  friend class Graph;
  Delayed(NodeId id, std::shared_ptr<std::optional<T>> slot) : id_(id), slot_(std::move(slot)) {}
  NodeId id_;
  std::shared_ptr<std::optional<T>> slot_;
};

// ---- the function you write (task_graph.cpp) ------------------------------

// Runs every node of `graph` exactly once, each only after all its inputs
// have finished, with at most `threads` nodes running at once (threads >= 1;
// 0 counts as 1). Nodes that do not depend on each other may run at the same
// time, in any order, on any thread: that is the point.
//
// Memory: everything a node wrote is visible to each of its dependants when
// it starts, and everything any node wrote is visible to the caller when
// run_graph() returns.
//
// Exceptions: if a node's work throws, run_graph() throws that same exception
// object (the first one caught, if several nodes throw) to its caller, and
//   * no node that depends on a failed node, directly or through others,
//     ever starts;
//   * nodes that do not depend on it may run or be skipped, but none runs
//     twice, and no new node starts once the failure is known, where it can
//     be helped;
//   * it returns or throws only when no node is running any more (so the
//     caller may free what the nodes use), and it never waits forever.
void run_graph(const Graph& graph, unsigned threads);

namespace baseline {
// The kit's sequential runner (baseline.cpp): one node at a time, in a
// topological order, on the calling thread. What your speedup is measured
// against.
void run_graph(const Graph& graph);
}  // namespace baseline

// ---- the pipeline (kit code, pipeline.cpp) --------------------------------
//
// One year of one-minute bars per asset (252 days of 390 bars), for a
// universe of assets. The exact definitions, every sum in a fixed order, so
// that every result is the same double whoever computes it:
//
//   load      asset seed s, n bars. The true price walks p[-1] = 100,
//             p[t] = p[t-1] * exp(kBarVolatility * z_t), z_t =
//             rng::standard_normal(s, t) (math::exp). The RECORDED price is
//             p[t], except on a bad tick: when h = rng::hash64(s, t) has
//             h % kBadTickOdds == 0, it is p[t] * (1 + e) with q = h / kBadTickOdds,
//             e = (1 + q % 4) / 100, negated when q / 4 is odd (a print 1-4% off).
//             Bad ticks do not move the true price.
//   clean     a Hampel filter: for each bar t, the window of the recorded
//             prices t-h .. t+h (h = kHampelHalfWidth, cut at the ends), its
//             median m (the lower median of an even count: element (n-1)/2 of
//             the sorted window) and its MAD (the lower median of |x - m| over
//             the window). The cleaned price is m if |x_t - m| > 3 * 1.4826 *
//             MAD, else x_t; `replaced` counts the bars set to m.
//   features  log returns r[t] = std::log(c[t] / c[t-1]) and q[t] = r[t] * r[t]
//             for t >= 1. For each bar t >= w (w = kFeatureWindow) with t + 1 <
//             n, S1 and S2 are the sums of r and q over bars t-w+1 .. t, added
//             in bar order; mean = S1 / w, var =
//             fma(-mean, mean, S2 / w), and the signal is mean / sqrt(var)
//             (0 if var <= 0). The position for bar t+1 is +1 if the signal
//             exceeds kEntry, -1 if it is below -kEntry, else 0, and the
//             strategy's return on bar t+1 is position * r[t+1]; every other
//             bar's return is 0.0. pnl adds the returns in bar order; digest
//             is FNV-1a over the 64-bit patterns of the returns, in bar order,
//             one word at a time (from h = 0xcbf29ce484222325, h = (h ^ word) *
//             0x100000001b3).
//   join      over B = the fewest bars of any asset (0 without assets), the
//             equal-weight portfolio's return on bar t is (x_0[t] + x_1[t] +
//             ... + x_{N-1}[t]) / N, assets in order. pnl adds those in bar
//             order, sumsq their squares; mean = pnl / B, var = fma(-mean,
//             mean, sumsq / B), sharpe = mean / sqrt(var) * sqrt(kBarsPerYear)
//             if var > 0, else 0. max_drawdown is the largest fall of the
//             running pnl (bar order) from its running maximum (which starts at
//             0). The counts are added over the assets; digest folds the
//             assets' digests in asset order the same way (h = (h ^ digest_k) *
//             0x100000001b3).

inline constexpr std::uint64_t kBarsPerDay = 390;
inline constexpr std::uint64_t kBarsPerYear = 252 * kBarsPerDay;  // 98,280
inline constexpr std::size_t kAssets = 8;                          // the timed universe
inline constexpr double kBarVolatility = 0.2 / 313.4964114627152;  // 20% a year: 0.2 / sqrt(98,280)
inline constexpr std::uint64_t kBadTickOdds = 256;
inline constexpr std::size_t kHampelHalfWidth = 7;  // a 15-bar window
inline constexpr std::size_t kFeatureWindow = 60;   // one hour
inline constexpr double kEntry = 0.25;

struct Bars {  // recorded prices, bad ticks included
  std::vector<double> price;
};

struct CleanBars {
  std::vector<double> price;
  std::uint64_t replaced = 0;  // bars the filter set to the window's median
};

struct AssetFeatures {
  std::vector<double> strategy_return;  // per bar, 0.0 where out of the market
  std::uint64_t replaced = 0;           // from clean
  std::uint64_t bars_in_market = 0;     // bars with a position of +-1
  double pnl = 0.0;
  std::uint64_t digest = 0;
};

struct Portfolio {
  std::uint64_t assets = 0;
  std::uint64_t bars = 0;  // B
  std::uint64_t replaced = 0;
  std::uint64_t bars_in_market = 0;
  std::uint64_t digest = 0;
  double pnl = 0.0;
  double sharpe = 0.0;
  double max_drawdown = 0.0;
  friend bool operator==(const Portfolio&, const Portfolio&) = default;
};

// The four stages, each ONE node of the pipeline graph.
Bars load_bars(std::uint64_t asset_seed, std::uint64_t bars);
CleanBars clean_bars(const Bars& bars);
AssetFeatures asset_features(const CleanBars& clean);
Portfolio join_assets(const std::vector<const AssetFeatures*>& assets);

// Asset k's seed and bar count in a universe of `assets` assets sharing
// `total_bars` bars: rng::hash64(seed, k), and total_bars / assets bars,
// one more for the first total_bars % assets assets.
std::uint64_t asset_seed(std::uint64_t seed, std::size_t k);
std::uint64_t asset_bars(std::uint64_t total_bars, std::size_t assets, std::size_t k);

// Adds the pipeline to `graph`: for each asset k, in order, the nodes
//   load_bars(asset_seed(seed, k), asset_bars(...)) -> clean_bars -> asset_features
// (ids 3k, 3k+1, 3k+2 of an empty graph), then one join_assets node over the
// assets' features (id 3 * assets). Returns the join's Delayed. Runs nothing.
Delayed<Portfolio> build_pipeline(Graph& graph, std::uint64_t total_bars, std::uint64_t seed,
                                  std::size_t assets = kAssets);

// The same pipeline as plain calls, one after another, no graph: what the
// graph's result must equal, bit for bit.
Portfolio compute_eagerly(std::uint64_t total_bars, std::uint64_t seed, std::size_t assets = kAssets);

// ---- implementation of Graph::delayed -------------------------------------

namespace detail {

template <class A>
struct Arg {  // a plain value
  static void add_inputs(const A& /*value*/, std::vector<NodeId>& /*ids*/) {}
  static const A& value(const A& a) { return a; }
};

template <class U>
struct Arg<Delayed<U>> {
  static void add_inputs(const Delayed<U>& d, std::vector<NodeId>& ids) { ids.push_back(d.id()); }
  static const U& value(const Delayed<U>& d) { return d.get(); }
};

template <class U>
struct Arg<std::vector<Delayed<U>>> {
  static void add_inputs(const std::vector<Delayed<U>>& ds, std::vector<NodeId>& ids) {
    for (const Delayed<U>& d : ds) ids.push_back(d.id());
  }
  static std::vector<const U*> value(const std::vector<Delayed<U>>& ds) {
    std::vector<const U*> values;
    values.reserve(ds.size());
    for (const Delayed<U>& d : ds) values.push_back(&d.get());
    return values;
  }
};

template <class A>
using ArgValue = decltype(Arg<A>::value(std::declval<const A&>()));

}  // namespace detail

template <class F>
auto Graph::delayed(F fn) {
  return [this, fn = std::move(fn)]<class... A>(A&&... args) {
    static_assert(std::is_invocable_v<const F&, detail::ArgValue<std::decay_t<A>>...>,
                  "g.delayed(f)(args...) needs a function f callable with the args' values: pass the "
                  "function itself, delayed(f)(x), not its result, delayed(f(x))");
    using R = std::decay_t<std::invoke_result_t<const F&, detail::ArgValue<std::decay_t<A>>...>>;
    static_assert(!std::is_void_v<R>, "a delayed function returns its result");
    std::vector<NodeId> ids;
    (detail::Arg<std::decay_t<A>>::add_inputs(args, ids), ...);
    auto slot = std::make_shared<std::optional<R>>();
    const NodeId id = add(
        [fn, slot, stored = std::tuple<std::decay_t<A>...>(std::forward<A>(args)...)] {
          std::apply(
              [&](const auto&... a) {
                slot->emplace(std::invoke(fn, detail::Arg<std::decay_t<decltype(a)>>::value(a)...));
              },
              stored);
        },
        std::move(ids));
    return Delayed<R>(id, std::move(slot));
  };
}

}  // namespace parlab::task_graph
