// The kit's sequential baseline. The grader times your map_items() against
// THIS function, never against your own code with one thread: one loop over
// the items on one core, no pool, no tasks.
#include "tiny_tasks.hpp"

namespace parlab::tiny_tasks::baseline {

std::vector<std::uint64_t> map_items(std::uint64_t n, std::uint64_t seed) {
  std::vector<std::uint64_t> out(n);
  for (std::uint64_t i = 0; i < n; ++i) out[i] = item_value(seed, i);
  return out;
}

}  // namespace parlab::tiny_tasks::baseline
