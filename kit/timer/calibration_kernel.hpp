// The grader's own calibration kernel: embarrassingly parallel, CPU-bound
// work whose speedup on T threads shows what this machine can deliver right
// now. Student speedups are judged against it, measured in the same run, so
// a busy neighbour lowers the bar instead of failing correct code.
#pragma once

#include <cstdint>

namespace parlab::timer {

// Sums a Philox hash over `units` indices split evenly across `threads`
// std::threads. The sum is returned so the work cannot be optimised away;
// it does not depend on `threads`.
std::uint64_t calibration_kernel(std::uint64_t units, unsigned threads, std::uint64_t seed);

}  // namespace parlab::timer
