// Exercise 09 — the bootstrap of a Sharpe ratio.  This is the file you edit.
//
// The starting point is the lecture's loop: one resample after another on
// one core, each in a freshly allocated vector. It is correct, but `threads`
// is ignored. Run the resamples in parallel (see README.md).

#include <algorithm>
#include <cmath>
#include <vector>

#include "bootstrap_sharpe.hpp"

namespace parlab::bootstrap_sharpe {

SharpeInterval bootstrap_sharpe(std::span<const double> returns, std::uint64_t resamples, std::uint64_t seed,
                                unsigned threads) {
  (void)threads;  // TODO: use them
  check_inputs(returns, resamples);
  std::vector<double> sharpes;
  sharpes.reserve(resamples);
  for (std::uint64_t r = 0; r < resamples; ++r) {
    std::vector<double> sample(returns.size());  // sample = rng.choice(returns, size=n)
    draw_resample(returns, seed, r, sample);
    sharpes.push_back(sharpe_ratio(sample));  // sample.mean() / sample.std() * sqrt(252)
  }
  std::sort(sharpes.begin(), sharpes.end());  // np.percentile(sharpes, [2.5, 97.5])
  SharpeInterval out;
  out.estimate = sharpe_ratio(returns);
  out.lower = sharpes[lower_rank(resamples)];
  out.upper = sharpes[upper_rank(resamples)];
  out.zero_std_resamples = static_cast<std::uint64_t>(
      std::count_if(sharpes.begin(), sharpes.end(), [](double s) { return std::isinf(s); }));
  return out;
}

}  // namespace parlab::bootstrap_sharpe
