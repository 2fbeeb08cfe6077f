// The kit's sequential baseline. The grader times your bootstrap_sharpe()
// against THIS function, never against your own code with one thread.
#include <algorithm>
#include <cmath>
#include <vector>

#include "bootstrap_sharpe.hpp"

namespace parlab::bootstrap_sharpe::baseline {

SharpeInterval bootstrap_sharpe(std::span<const double> returns, std::uint64_t resamples, std::uint64_t seed) {
  check_inputs(returns, resamples);
  std::vector<double> sharpes;
  sharpes.reserve(resamples);
  for (std::uint64_t r = 0; r < resamples; ++r) {
    std::vector<double> sample(returns.size());  // a fresh resample, as rng.choice makes
    draw_resample(returns, seed, r, sample);
    sharpes.push_back(sharpe_ratio(sample));
  }
  std::sort(sharpes.begin(), sharpes.end());  // np.percentile sorts too
  SharpeInterval out;
  out.estimate = sharpe_ratio(returns);
  out.lower = sharpes[lower_rank(resamples)];
  out.upper = sharpes[upper_rank(resamples)];
  out.zero_std_resamples = static_cast<std::uint64_t>(
      std::count_if(sharpes.begin(), sharpes.end(), [](double s) { return std::isinf(s); }));
  return out;
}

}  // namespace parlab::bootstrap_sharpe::baseline
