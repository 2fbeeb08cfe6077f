// Exercise 07 — Monte Carlo Value-at-Risk of a portfolio, in two phases.
// DO NOT EDIT: the grader builds your monte_carlo_var.cpp against this header
// as it is here.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

namespace parlab::monte_carlo_var {

// One asset of the portfolio: its weight and the mean and standard deviation
// of its one-day return.
struct Asset {
  double weight = 0;
  double mu = 0;
  double sigma = 0;
};

// The portfolio the kit times (the slides give none; tools/bench-lecture's
// Numba rows use the same): four assets, daily returns.
inline std::vector<Asset> lecture_portfolio() {
  return {{0.4, 0.0005, 0.020}, {0.3, 0.0003, 0.015}, {0.2, 0.0004, 0.018}, {0.1, 0.0002, 0.010}};
}

struct VarResult {
  double var = 0;          // value at risk: -(the tail-th smallest return)
  double cvar = 0;         // conditional VaR: -(mean of the `tail` smallest returns)
  std::uint64_t tail = 0;  // how many returns the tail holds: n_sims / 20 + 1, 0 when n_sims == 0
};

// The 0-based index of the VaR return in the ascending order: k = n_sims / 20,
// in integers. It equals the lecture's int(n_sims * 0.05) for every n_sims.
constexpr std::uint64_t var_index(std::uint64_t n_sims) { return n_sims / 20; }

// THE SIMULATION (kit code, simulate.cpp: phase 1's work, given to you).
// Writes the returns of simulations first, first + 1, ..., first + out.size() - 1
// into out. Simulation s of a portfolio of A assets uses the normals
//   Z[s][a] = parlab::rng::standard_normal(seed, s * A + a),  a = 0 .. A-1,
// and its return is, starting from r = 0.0, in asset order a = 0, 1, ...:
//   r = std::fma(w_a, std::fma(sigma_a, Z[s][a], mu_a), r)
// i.e. r += w_a * (mu_a + sigma_a * Z) with each multiply-add rounded once,
// the lecture's np.dot(weights, randn(A) * sigma + mu). Return s is a pure
// function of (portfolio, seed, s): any split into ranges gives the same
// numbers bit for bit. An empty portfolio gives 0.0 for every simulation.
void simulate_returns(std::span<const Asset> portfolio, std::uint64_t seed, std::uint64_t first,
                      std::span<double> out);

// The 5% VaR and CVaR of `n_sims` simulated one-day returns of `portfolio`.
//
// Let r_(1) <= r_(2) <= ... <= r_(n) be the returns of simulations
// 0 .. n_sims-1 (simulate_returns above) in ascending order, k = var_index(n)
// and tail = k + 1. Then
//   var  = -r_(k+1)                         the lecture's -returns.sort()[k]
//   cvar = -(r_(1) + r_(2) + ... + r_(k+1)) / tail
// with the sum taken from the smallest return up, one addition at a time,
// starting from 0.0. Both are exact: the same doubles, bit for bit, for every
// thread count. Fewer than 20 simulations give k = 0 (the worst return,
// var == cvar); n_sims == 0 gives {0.0, 0.0, 0}.
//
// At most `threads` threads do the work (threads >= 1; more than n_sims is allowed).
VarResult calculate_var(std::span<const Asset> portfolio, std::uint64_t n_sims, std::uint64_t seed,
                        unsigned threads);

namespace baseline {
// The kit's sequential version (baseline.cpp): what your speedup is measured
// against. It simulates on one thread, then std::nth_element finds r_(k+1)
// and std::sort orders the tail only, not all n returns.
VarResult calculate_var(std::span<const Asset> portfolio, std::uint64_t n_sims, std::uint64_t seed);
}  // namespace baseline

}  // namespace parlab::monte_carlo_var
