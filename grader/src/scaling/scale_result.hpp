// One scaling curve: the submission's speedup on 1, 2, ... threads, measured
// against its own one-thread time, and the Amdahl fit of the in-core part.
// Everything the chart, the terminal view, the reading and the JSON show.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "scaling/amdahl_fit.hpp"

namespace parlab::grader::scaling {

struct ScalePoint {
  int threads = 1;
  double speedup = 1;          // median over rounds of t(1) / t(threads)
  double speedup_error = 0;    // standard error of that median, from the rounds' spread
  double median_ms = 0;        // median wall time on this many threads
  double cores_used = 0;       // median CPU time / wall time: the cores the runs really got
  std::vector<double> ratios;  // per-round t(1) / t(threads)
  bool in_fit = false;         // on at most as many threads as cores (workers, for latency): fitted
  // What the threads did (steps/timing/thread_use.hpp), cpu rule only:
  double balance = 0;          // load-balance efficiency, mean / max CPU time of the busiest threads; 0 = not sampled
  double busiest_share = 0;    // the busiest thread's share of their CPU time
  std::string diagnosis;       // why this point would be slow, as the speedup check names it; "" on 1 thread
};

struct ScaleResult {
  std::string exercise;       // "04_monte_carlo_pi"
  std::string title;          // from the manifest
  std::string kind = "cpu";   // "cpu": threads share cores; "latency": workers wait, they need no core
  int usable_cores = 1;
  int fit_limit = 1;          // largest thread count in the fit: the cores (cpu), the concurrency (latency)
  std::uint64_t size = 0;     // input size of every timed run
  // Independent, equal tasks the work comes in (requests, strikes); 0 when it
  // divides finely. k workers finish m tasks in ceil(m/k) waves, so 16
  // requests on 5 workers go at most 16/4 = 4× faster, not 5×.
  int tasks = 0;
  int rounds = 0;
  std::vector<ScalePoint> points;  // by increasing threads; points[0] is 1 thread
  AmdahlFit fit;
};

// How many tasks run at once on `threads`, on average over the run: the
// threads, but no more than the cores (cpu), in whole waves of tasks. It is
// the ideal speedup, and the n in Amdahl's law.
double parallelism(const ScaleResult& r, double threads);

// The fit over the points marked in_fit, each at its parallelism.
AmdahlFit fit_points(const ScaleResult& r);

double ideal_speedup(const ScaleResult& r, double threads);  // = parallelism
double fitted_speedup(const ScaleResult& r, double threads);  // Amdahl's law at that parallelism

// The measurements and the fit as JSON (the `.json` beside the chart).
std::string to_json(const ScaleResult& r);

}  // namespace parlab::grader::scaling
