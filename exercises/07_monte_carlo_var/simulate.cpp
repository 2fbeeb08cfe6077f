// Kit code: phase 1's work, the simulation of portfolio returns. The baseline,
// the stub and a parallel solution all call this, each on its own range.
//
// The normals of a run of simulations are consecutive (Z[s][a] is normal
// s * A + a), so they come from rng::NormalBlock, 256 at a time and several
// per SIMD instruction, bit for bit rng::standard_normal(seed, s * A + a).
// A block holds whole simulations only: floor(256 / A) of them.
#include <algorithm>
#include <cmath>
#include <cstddef>
#include <vector>

#include "monte_carlo_var.hpp"
#include "parlab/random.hpp"

namespace parlab::monte_carlo_var {

namespace {

// r = fma(w_a, fma(sigma_a, z_a, mu_a), r) over the assets in order: the
// header's definition, written with std::fma so that no compiler can round
// it any other way (a plain `r += w * (mu + sigma * z)` may or may not be
// contracted into multiply-adds, depending on compiler and flags).
double portfolio_return(std::span<const Asset> portfolio, const double* z) {
  double r = 0.0;
  for (std::size_t a = 0; a < portfolio.size(); ++a) {
    const Asset& asset = portfolio[a];
    r = std::fma(asset.weight, std::fma(asset.sigma, z[a], asset.mu), r);
  }
  return r;
}

}  // namespace

void simulate_returns(std::span<const Asset> portfolio, std::uint64_t seed, std::uint64_t first,
                      std::span<double> out) {
  const std::uint64_t assets = portfolio.size();
  if (assets == 0) {
    for (double& r : out) r = 0.0;
    return;
  }
  const std::uint64_t sims_per_block = rng::NormalBlock::kCapacity / assets;
  if (sims_per_block == 0) {  // more than 256 assets: one normal at a time
    std::vector<double> z(portfolio.size());
    for (std::size_t j = 0; j < out.size(); ++j) {
      for (std::uint64_t a = 0; a < assets; ++a) z[a] = rng::standard_normal(seed, (first + j) * assets + a);
      out[j] = portfolio_return(portfolio, z.data());
    }
    return;
  }
  rng::NormalBlock block;
  for (std::size_t j = 0; j < out.size();) {
    const std::uint64_t sims = std::min<std::uint64_t>(sims_per_block, out.size() - j);
    const std::uint64_t z0 = (first + j) * assets;
    block.fill(seed, z0, z0 + sims * assets);
    for (std::uint64_t i = 0; i < sims; ++i, ++j) out[j] = portfolio_return(portfolio, block.data() + i * assets);
  }
}

}  // namespace parlab::monte_carlo_var
