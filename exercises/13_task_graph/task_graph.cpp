// Exercise 13 — running a task graph: Dask's compute().  This is the file
// you edit.
//
// The starting point is Dask's synchronous scheduler: the nodes run one at a
// time, in a topological order, on the calling thread. It is correct (every
// node once, after its inputs; an exception stops the run and reaches the
// caller), but `threads` is ignored. Run the nodes that are ready at the same
// time on up to `threads` threads (see README.md).

#include <vector>

#include "task_graph.hpp"

namespace parlab::task_graph {

void run_graph(const Graph& graph, unsigned threads) {
  (void)threads;  // TODO: use them
  const std::size_t n = graph.size();
  std::vector<std::size_t> waiting(n);  // inputs not yet run, per node
  std::vector<NodeId> ready;            // every node, in the order it became ready
  ready.reserve(n);
  for (NodeId id = 0; id < n; ++id) {
    waiting[id] = graph.inputs(id).size();
    if (waiting[id] == 0) ready.push_back(id);
  }
  for (std::size_t next = 0; next < ready.size(); ++next) {
    const NodeId id = ready[next];
    graph.run(id);  // an exception leaves here: nothing after it runs
    for (const NodeId d : graph.dependants(id)) {
      if (--waiting[d] == 0) ready.push_back(d);  // its last input just ran
    }
  }
}

}  // namespace parlab::task_graph
