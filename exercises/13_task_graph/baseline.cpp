// The kit's sequential runner. The grader times your run_graph() against
// THIS function, never against your own code with one thread.
#include <vector>

#include "task_graph.hpp"

namespace parlab::task_graph::baseline {

// Kahn's algorithm, one node at a time: a node becomes ready when its last
// input has run, and ready nodes run in the order they became ready.
void run_graph(const Graph& graph) {
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
      if (--waiting[d] == 0) ready.push_back(d);
    }
  }
}

}  // namespace parlab::task_graph::baseline
