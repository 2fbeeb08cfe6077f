// The kit's sequential baseline. The grader times your sum_terms() against
// THIS function, never against your own code with one thread.
#include "slow_sum.hpp"

namespace parlab::slow_sum::baseline {

std::uint64_t sum_terms(std::uint64_t first, std::uint64_t last) {
  std::uint64_t total = 0;
  for (std::uint64_t i = first; i < last; ++i) total += term(i);
  return total;
}

}  // namespace parlab::slow_sum::baseline
