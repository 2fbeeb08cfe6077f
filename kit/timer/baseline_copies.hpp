// The grader's calibration, matched to the exercise: the kit's own sequential
// baseline, run as `threads` independent copies at once, each on an equal
// share of the input. Copies share nothing (no lock, no shared write), so
// time(baseline on all of it) / time(the copies) is the speedup that THIS
// work reaches on this machine right now: the same instruction mix, the same
// memory traffic, the same cores (SMT siblings and memory bandwidth
// included). Student speedups are judged against it in the same run, so a
// busy neighbour or a memory-bound kernel lowers the bar instead of failing
// correct code, and no generic kernel flatters or punishes one exercise.
// It runs only in the kit's reference program: no student code is linked.
#pragma once

#include <cstdint>
#include <string>

#include "workload.hpp"

namespace parlab::timer {

// Share t of `size` split `threads` ways (the first size % threads shares get
// one more item), so the shares add up to exactly `size`.
std::uint64_t copy_share(std::uint64_t size, unsigned threads, unsigned t);

// Runs w.baseline on every share in its own std::thread, each copy on its own
// seed. Returns the copies' result tokens joined by spaces, so that no copy's
// work can be discarded as unused.
std::string baseline_copies(const Workload& w, const Params& p);

}  // namespace parlab::timer
