// The kit's sequential baseline. The grader times your count_events() against
// THIS function, never against your own code with one thread.
#include "race_counter.hpp"

namespace parlab::race_counter::baseline {

std::uint64_t count_events(std::uint64_t n, std::uint64_t seed) {
  std::uint64_t events = 0;
  for (std::uint64_t i = 0; i < n; ++i) {
    if (is_event(seed, i)) ++events;
  }
  return events;
}

}  // namespace parlab::race_counter::baseline
