// How the grader times this exercise: estimate_pi() on `size` samples with
// the kit's sequential baseline against the student's threads.
#include <string>

#include "monte_carlo_pi.hpp"
#include "workload.hpp"

namespace parlab::timer {

const Workload& workload() {
  static const Workload w{
      .smoke_size = 200000,
      .baseline = [](const Params& p) {
        return std::to_string(monte_carlo_pi::baseline::estimate_pi(p.size, p.seed).hits);
      },
      .student = PARLAB_STUDENT_ENTRY([](const Params& p) {
        return std::to_string(monte_carlo_pi::estimate_pi(p.size, p.threads, p.seed).hits);
      }),
  };
  return w;
}

}  // namespace parlab::timer
