// Kit code: the compute kernel of step 2, one column panel of one window's
// matrix. Shared by the baseline, the stub and every solution, so the
// speedup measures parallelism, not a faster kernel.
//
// A TILE is kRows rows i x the kPanel columns j of panel p. For each day k it
// broadcasts z_i[k] of its rows and multiplies them with the panel's day k
// (kPanel contiguous doubles: kVectors SIMD loads): kRows * kPanel cells
// advance by one madd each, in kRows * kVectors independent registers. Every
// cell still sums its own products in day order k = 0..days-1 (lanes never
// mix), so each cell is the contract's dot product bit for bit. One cell at a
// time would be one chain of dependent adds (one madd per 4 cycles); here 12
// chains of 4 lanes run at once and each loaded value is used kRows or
// kPanel times.
#include <algorithm>
#include <cstddef>

#include "correlation_matrix.hpp"
#include "parlab/detail/lanes.hpp"

namespace parlab::correlation_matrix {

namespace {

#if PARLAB_LANES_SIMD
using V = lanes::DV;  // kWidth doubles: 4 with AVX2 (the graded build), 2 with SSE2
V load_v(const double* p) { return lanes::load(p); }
void store_v(double* p, V v) { lanes::store(p, v); }
#else
using V = double;
V load_v(const double* p) { return *p; }
void store_v(double* p, V v) { *p = v; }
#endif
using lanes::madd;

constexpr std::size_t kVectors = kPanel / lanes::kWidth;  // registers per row: 3 with AVX2
// 12 accumulators: enough to hide the FMA latency on both FMA units, few
// enough to leave registers for the loads (16 vector registers).
constexpr std::size_t kRows = 12 / kVectors;  // 4 with AVX2, 2 with SSE2, 1 scalar
static_assert(kPanel % lanes::kWidth == 0 && kPanel % kRows == 0);

// Rows i0 .. i0 + kRows - 1 (padding rows read zeros) against panel p.
void tile(const Standardized& z, std::size_t i0, std::size_t p, CorrelationMatrix& out) {
  const std::size_t days = z.days();
  const double* row[kRows];
  for (std::size_t r = 0; r < kRows; ++r) {
    const std::size_t i = i0 + r;
    row[r] = z.panel(i / kPanel) + i % kPanel;  // z_i[k] at row[r][k * kPanel]
  }
  const double* col = z.panel(p);  // z_j[k] at col[k * kPanel + c]
  V acc[kRows][kVectors];
  for (auto& a : acc) std::fill(std::begin(a), std::end(a), V(0.0));
  for (std::size_t k = 0; k < days; ++k) {
    const double* day = col + k * kPanel;
    V b[kVectors];
    for (std::size_t v = 0; v < kVectors; ++v) b[v] = load_v(day + v * lanes::kWidth);
    for (std::size_t r = 0; r < kRows; ++r) {
      const V a(row[r][k * kPanel]);
      for (std::size_t v = 0; v < kVectors; ++v) acc[r][v] = madd(a, b[v], acc[r][v]);  // the cell's day order
    }
  }
  const std::size_t n = out.n;
  for (std::size_t r = 0; r < kRows; ++r) {
    alignas(64) double cell[kPanel];
    for (std::size_t v = 0; v < kVectors; ++v) store_v(cell + v * lanes::kWidth, acc[r][v]);
    const std::size_t i = i0 + r;
    for (std::size_t c = 0; c < kPanel; ++c) {
      const std::size_t j = p * kPanel + c;
      if (i < j && j < n) {
        out.cells[i * n + j] = cell[c];
        out.cells[j * n + i] = cell[c];  // the lower triangle: a copy
      }
    }
  }
}

}  // namespace

void correlate_panel(const Standardized& z, std::size_t p, CorrelationMatrix& out) {
  const std::size_t n = z.assets();
  if (p * kPanel >= n) return;
  const std::size_t last_j = std::min(n, (p + 1) * kPanel) - 1;  // rows i < last_j have cells here
  for (std::size_t i0 = 0; i0 < last_j; i0 += kRows) tile(z, i0, p, out);
}

}  // namespace parlab::correlation_matrix
