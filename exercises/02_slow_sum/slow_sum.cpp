// Exercise 02 — slow_sum on every core.  This is the file you edit.
//
// The starting point is the lecture's slow_sum: one loop on one core. It is
// correct, but `threads` is ignored. Split [first, last) across `threads`
// std::threads so that every core adds up its share (see README.md).
#include "slow_sum.hpp"

namespace parlab::slow_sum {

std::uint64_t sum_terms(std::uint64_t first, std::uint64_t last, unsigned threads) {
  (void)threads;  // TODO: use them
  std::uint64_t total = 0;
  for (std::uint64_t i = first; i < last; ++i) total += term(i);
  return total;
}

}  // namespace parlab::slow_sum
