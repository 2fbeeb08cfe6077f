// Robust statistics for noisy timings: medians and spreads, never means.
// A single descheduled run can double one sample; the median of per-round
// ratios shrugs that off, a mean or a min-over-min does not.
#pragma once

#include <vector>

namespace parlab::grader::timing {

// Median; 0 for an empty set.
double median(std::vector<double> values);

// Interquartile range over the median (linear interpolation between order
// statistics): 0 for identical samples, ~0.1 on a quiet machine, large when
// a neighbour comes and goes during the measurement.
double relative_spread(std::vector<double> values);

}  // namespace parlab::grader::timing
