// Lanes: the few operations the kit's random-number and math kernels are
// written in, for one double (plain C++) and for the widest SIMD register of
// doubles the compiler targets: AVX2 with FMA (4 lanes, the graded build's
// -march=native on a current x86-64) or SSE2 (2 lanes, any x86-64, e.g. the
// `release` preset's plain -O3).
//
// The kernels in parlab/math.hpp are templates over the lane type, so the
// scalar call (rng::standard_normal(seed, i)) and the block call (several
// lanes at a time) run the same operations in the same order. Every operation
// here is exactly rounded by IEEE 754 (+, -, *, /, sqrt, fused multiply-add)
// or exact (bit operations), so both give bit-identical results.
//
// The one trap is contraction: a compiler may fuse `a * b + c` into one FMA
// in one place and not in another. The kernels therefore never write
// `a * b + c`; they call madd(a, b, c), which is an FMA wherever the target
// has one and two separately rounded operations where it has none (then
// there is no instruction a compiler could fuse them into).
#pragma once

#include <bit>
#include <cstddef>
#include <cmath>
#include <cstdint>

// PARLAB_LANES_SCALAR=1 forces the one-lane code everywhere (a test of the
// portable path on a machine with SIMD).
#if defined(PARLAB_LANES_SCALAR) && PARLAB_LANES_SCALAR
#define PARLAB_LANES_AVX2 0
#define PARLAB_LANES_SSE2 0
#elif defined(__AVX2__) && defined(__FMA__)
#include <immintrin.h>
#define PARLAB_LANES_AVX2 1
#define PARLAB_LANES_SSE2 0
#elif defined(__SSE2__)
#include <emmintrin.h>
#if defined(__FMA__)
#include <immintrin.h>
#endif
#define PARLAB_LANES_AVX2 0
#define PARLAB_LANES_SSE2 1
#else
#define PARLAB_LANES_AVX2 0
#define PARLAB_LANES_SSE2 0
#endif

namespace parlab::lanes {

// ---- one lane: plain double and std::uint64_t -------------------------------

inline double madd(double a, double b, double c) {
#if defined(__FMA__) || defined(__ARM_FEATURE_FMA)
  return std::fma(a, b, c);  // one instruction on these targets
#else
  return a * b + c;
#endif
}
inline double sqrt(double a) { return std::sqrt(a); }
inline double min(double a, double b) { return b < a ? b : a; }
inline double max(double a, double b) { return a < b ? b : a; }
inline std::uint64_t to_bits(double d) { return std::bit_cast<std::uint64_t>(d); }
inline double from_bits(std::uint64_t u) { return std::bit_cast<double>(u); }
template <int n>
std::uint64_t shl(std::uint64_t u) { return u << n; }
template <int n>
std::uint64_t shr(std::uint64_t u) { return u >> n; }
// b where the sign bit of `mask` is set, else a.
inline double select_by_sign(std::uint64_t mask, double a, double b) { return (mask >> 63) != 0 ? b : a; }

// ---- SIMD lanes -------------------------------------------------------------
// DV: a register of doubles, UV: the same bits as 64-bit integers. Both
// spell the scalar operators above, lane by lane.

#if PARLAB_LANES_AVX2
inline constexpr std::size_t kWidth = 4;
using RawD = __m256d;
using RawU = __m256i;
inline RawD raw_set1(double d) { return _mm256_set1_pd(d); }
inline RawU raw_set1(std::uint64_t u) { return _mm256_set1_epi64x(static_cast<long long>(u)); }
inline RawD raw_load(const double* p) { return _mm256_loadu_pd(p); }
inline void raw_store(double* p, RawD v) { _mm256_storeu_pd(p, v); }
inline RawD raw_add(RawD a, RawD b) { return _mm256_add_pd(a, b); }
inline RawD raw_sub(RawD a, RawD b) { return _mm256_sub_pd(a, b); }
inline RawD raw_mul(RawD a, RawD b) { return _mm256_mul_pd(a, b); }
inline RawD raw_div(RawD a, RawD b) { return _mm256_div_pd(a, b); }
inline RawD raw_madd(RawD a, RawD b, RawD c) { return _mm256_fmadd_pd(a, b, c); }
inline RawD raw_sqrt(RawD a) { return _mm256_sqrt_pd(a); }
inline RawD raw_min(RawD a, RawD b) { return _mm256_min_pd(a, b); }
inline RawD raw_max(RawD a, RawD b) { return _mm256_max_pd(a, b); }
inline RawU raw_add(RawU a, RawU b) { return _mm256_add_epi64(a, b); }
inline RawU raw_sub(RawU a, RawU b) { return _mm256_sub_epi64(a, b); }
inline RawU raw_and(RawU a, RawU b) { return _mm256_and_si256(a, b); }
inline RawU raw_or(RawU a, RawU b) { return _mm256_or_si256(a, b); }
inline RawU raw_xor(RawU a, RawU b) { return _mm256_xor_si256(a, b); }
template <int n>
RawU raw_shl(RawU u) { return _mm256_slli_epi64(u, n); }
template <int n>
RawU raw_shr(RawU u) { return _mm256_srli_epi64(u, n); }
inline RawD raw_as_double(RawU u) { return _mm256_castsi256_pd(u); }
inline RawU raw_as_bits(RawD d) { return _mm256_castpd_si256(d); }
inline RawD raw_select_by_sign(RawU mask, RawD a, RawD b) { return _mm256_blendv_pd(a, b, _mm256_castsi256_pd(mask)); }
// Low 32 bits of each 64-bit lane times those of b: the full 64-bit product.
inline RawU raw_mul_lo32(RawU a, RawU b) { return _mm256_mul_epu32(a, b); }
// first, first + 1, ... in the 64-bit lanes.
inline RawU raw_iota(std::uint64_t first) { return _mm256_add_epi64(raw_set1(first), _mm256_setr_epi64x(0, 1, 2, 3)); }
#elif PARLAB_LANES_SSE2
inline constexpr std::size_t kWidth = 2;
using RawD = __m128d;
using RawU = __m128i;
inline RawD raw_set1(double d) { return _mm_set1_pd(d); }
inline RawU raw_set1(std::uint64_t u) { return _mm_set1_epi64x(static_cast<long long>(u)); }
inline RawD raw_load(const double* p) { return _mm_loadu_pd(p); }
inline void raw_store(double* p, RawD v) { _mm_storeu_pd(p, v); }
inline RawD raw_add(RawD a, RawD b) { return _mm_add_pd(a, b); }
inline RawD raw_sub(RawD a, RawD b) { return _mm_sub_pd(a, b); }
inline RawD raw_mul(RawD a, RawD b) { return _mm_mul_pd(a, b); }
inline RawD raw_div(RawD a, RawD b) { return _mm_div_pd(a, b); }
inline RawD raw_madd(RawD a, RawD b, RawD c) {
#if defined(__FMA__)
  return _mm_fmadd_pd(a, b, c);  // as the scalar madd() does on this target
#else
  return _mm_add_pd(_mm_mul_pd(a, b), c);
#endif
}
inline RawD raw_sqrt(RawD a) { return _mm_sqrt_pd(a); }
inline RawD raw_min(RawD a, RawD b) { return _mm_min_pd(a, b); }
inline RawD raw_max(RawD a, RawD b) { return _mm_max_pd(a, b); }
inline RawU raw_add(RawU a, RawU b) { return _mm_add_epi64(a, b); }
inline RawU raw_sub(RawU a, RawU b) { return _mm_sub_epi64(a, b); }
inline RawU raw_and(RawU a, RawU b) { return _mm_and_si128(a, b); }
inline RawU raw_or(RawU a, RawU b) { return _mm_or_si128(a, b); }
inline RawU raw_xor(RawU a, RawU b) { return _mm_xor_si128(a, b); }
template <int n>
RawU raw_shl(RawU u) { return _mm_slli_epi64(u, n); }
template <int n>
RawU raw_shr(RawU u) { return _mm_srli_epi64(u, n); }
inline RawD raw_as_double(RawU u) { return _mm_castsi128_pd(u); }
inline RawU raw_as_bits(RawD d) { return _mm_castpd_si128(d); }
inline RawD raw_select_by_sign(RawU mask, RawD a, RawD b) {
  // SSE2 has no blendv: spread each lane's sign bit over the lane, then mix.
  const RawD m = _mm_castsi128_pd(_mm_shuffle_epi32(_mm_srai_epi32(mask, 31), 0xF5));
  return _mm_or_pd(_mm_and_pd(m, b), _mm_andnot_pd(m, a));
}
inline RawU raw_mul_lo32(RawU a, RawU b) { return _mm_mul_epu32(a, b); }
inline RawU raw_iota(std::uint64_t first) { return _mm_add_epi64(raw_set1(first), _mm_set_epi64x(1, 0)); }
#endif

#if PARLAB_LANES_AVX2 || PARLAB_LANES_SSE2
#define PARLAB_LANES_SIMD 1

struct DV {
  RawD v;
  DV() = default;
  constexpr DV(RawD x) : v(x) {}  // NOLINT(google-explicit-constructor): the register type
  explicit DV(double d) : v(raw_set1(d)) {}
};
struct UV {
  RawU v;
  UV() = default;
  constexpr UV(RawU x) : v(x) {}  // NOLINT(google-explicit-constructor)
  explicit UV(std::uint64_t u) : v(raw_set1(u)) {}
};

inline DV operator+(DV a, DV b) { return raw_add(a.v, b.v); }
inline DV operator-(DV a, DV b) { return raw_sub(a.v, b.v); }
inline DV operator*(DV a, DV b) { return raw_mul(a.v, b.v); }
inline DV operator/(DV a, DV b) { return raw_div(a.v, b.v); }
inline DV operator+(DV a, double b) { return a + DV(b); }
inline DV operator-(DV a, double b) { return a - DV(b); }
inline DV operator*(DV a, double b) { return a * DV(b); }
inline DV operator+(double a, DV b) { return DV(a) + b; }
inline DV operator-(double a, DV b) { return DV(a) - b; }
inline DV operator*(double a, DV b) { return DV(a) * b; }
inline DV madd(DV a, DV b, DV c) { return raw_madd(a.v, b.v, c.v); }
inline DV madd(DV a, double b, double c) { return madd(a, DV(b), DV(c)); }
inline DV madd(DV a, DV b, double c) { return madd(a, b, DV(c)); }
inline DV madd(DV a, double b, DV c) { return madd(a, DV(b), c); }
inline DV sqrt(DV a) { return raw_sqrt(a.v); }
// Same results as the scalar min()/max() above for numbers (no NaN here).
inline DV min(DV a, DV b) { return raw_min(a.v, b.v); }
inline DV max(DV a, DV b) { return raw_max(a.v, b.v); }

inline UV operator+(UV a, UV b) { return raw_add(a.v, b.v); }
inline UV operator-(UV a, UV b) { return raw_sub(a.v, b.v); }
inline UV operator&(UV a, UV b) { return raw_and(a.v, b.v); }
inline UV operator|(UV a, UV b) { return raw_or(a.v, b.v); }
inline UV operator^(UV a, UV b) { return raw_xor(a.v, b.v); }
inline UV operator+(UV a, std::uint64_t b) { return a + UV(b); }
inline UV operator-(UV a, std::uint64_t b) { return a - UV(b); }
inline UV operator&(UV a, std::uint64_t b) { return a & UV(b); }
inline UV operator|(UV a, std::uint64_t b) { return a | UV(b); }
inline UV to_bits(DV d) { return raw_as_bits(d.v); }
inline DV from_bits(UV u) { return raw_as_double(u.v); }
template <int n>
UV shl(UV u) { return raw_shl<n>(u.v); }
template <int n>
UV shr(UV u) { return raw_shr<n>(u.v); }
inline DV select_by_sign(UV mask, DV a, DV b) { return raw_select_by_sign(mask.v, a.v, b.v); }
inline DV load(const double* p) { return raw_load(p); }
inline void store(double* p, DV v) { raw_store(p, v.v); }
#else
#define PARLAB_LANES_SIMD 0
inline constexpr std::size_t kWidth = 1;
#endif

}  // namespace parlab::lanes
