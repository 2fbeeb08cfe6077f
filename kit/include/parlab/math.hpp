// Elementary functions the Monte Carlo exercises need, written once for one
// lane and for a SIMD register of lanes (parlab/detail/lanes.hpp), so that a
// block of results computed four at a time is bit for bit the same as the
// same results computed one by one. std::exp and std::log cannot promise
// that: the C library's scalar and vector versions are different code.
//
// Accuracy: about 1 ulp (checked against the C library in kit/tests). The
// polynomials are the classic fdlibm ones (log: e_log.c, sin/cos:
// k_sin.c/k_cos.c; public domain, Sun Microsystems); exp is a Taylor
// polynomial after the usual range reduction.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>

#include "parlab/detail/lanes.hpp"

namespace parlab::math {

namespace detail {

using lanes::from_bits;
using lanes::madd;
using lanes::shl;
using lanes::shr;
using lanes::to_bits;

// ln 2 split so that k * kLn2Hi is exact for |k| < 2^20.
inline constexpr double kLn2Hi = 6.93147180369123816490e-01;  // 0x3fe62e42fee00000
inline constexpr double kLn2Lo = 1.90821492927058770002e-10;  // 0x3dea39ef35793c76

// Natural log of x, for normal positive x (no zero, infinity, NaN or
// subnormal: the callers never pass one). fdlibm's algorithm: x = 2^k * m
// with m in [sqrt(2)/2, sqrt(2)), f = m - 1, s = f / (2 + f), and
// log(m) = f - f^2/2 + s * (f^2/2 + R(s^2)).
template <class D>
D log(D x) {
  using U = decltype(to_bits(x));
  constexpr double kLg1 = 6.666666666666735130e-01;  // 3FE55555 55555593
  constexpr double kLg2 = 3.999999999940941908e-01;  // 3FD99999 9997FA04
  constexpr double kLg3 = 2.857142874366239149e-01;  // 3FD24924 94229359
  constexpr double kLg4 = 2.222219843214978396e-01;  // 3FCC71C5 1D8E78AF
  constexpr double kLg5 = 1.818357216161805012e-01;  // 3FC74664 96CB03DE
  constexpr double kLg6 = 1.531383769920937332e-01;  // 3FC39A09 D078C69F
  constexpr double kLg7 = 1.479819860511658591e-01;  // 3FC2F112 DF3E5244
  // Shift the exponent boundary from 1 down to sqrt(2)/2, then split.
  const U ix = to_bits(x) + U(0x00095f6200000000ULL);  // (0x3ff00000 - 0x3fe6a09e) << 32
  // k + 1023 is the exponent field; turn it into a double exactly, as
  // 2^52 + field - (2^52 + 1023).
  const D k = from_bits(shr<52>(ix) | U(0x4330000000000000ULL)) - D(0x1p52 + 1023.0);
  const D m = from_bits((ix & U(0x000fffffffffffffULL)) + U(0x3fe6a09e00000000ULL));
  const D f = m - D(1.0);  // exact
  const D hfsq = (D(0.5) * f) * f;
  const D s = f / (D(2.0) + f);
  const D z = s * s;
  const D w = z * z;
  const D t1 = w * madd(w, madd(w, D(kLg6), D(kLg4)), D(kLg2));
  const D r = madd(z, madd(w, madd(w, madd(w, D(kLg7), D(kLg5)), D(kLg3)), D(kLg1)), t1);
  const D a = madd(s, hfsq + r, k * D(kLn2Lo));
  return madd(k, D(kLn2Hi), (a - hfsq) + f);
}

// sin(x) and cos(x) for |x| <= pi/4 (fdlibm's kernels, tail term y = 0).
template <class D>
void sincos_kernel(D x, D& sin_x, D& cos_x) {
  constexpr double kS1 = -1.66666666666666324348e-01;  // BFC55555 55555549
  constexpr double kS2 = 8.33333333332248946124e-03;   // 3F811111 1110F8A6
  constexpr double kS3 = -1.98412698298579493134e-04;  // BF2A01A0 19C161D5
  constexpr double kS4 = 2.75573137070700676789e-06;   // 3EC71DE3 57B1FE7D
  constexpr double kS5 = -2.50507602534068634195e-08;  // BE5AE5E6 8A2B9CEB
  constexpr double kS6 = 1.58969099521155010221e-10;   // 3DE5D93A 5ACFD57C
  constexpr double kC1 = 4.16666666666666019037e-02;   // 3FA55555 5555554C
  constexpr double kC2 = -1.38888888888741095749e-03;  // BF56C16C 16C15177
  constexpr double kC3 = 2.48015872894767294178e-05;   // 3EFA01A0 19CB1590
  constexpr double kC4 = -2.75573143513906633035e-07;  // BE927E4F 809C52AD
  constexpr double kC5 = 2.08757232129817482790e-09;   // 3E21EE9E BDB4B1C4
  constexpr double kC6 = -1.13596475577881948265e-11;  // BDA8FAE9 BE8838D4
  const D z = x * x;
  const D w = z * z;
  const D v = z * x;
  const D rs = madd(z, madd(z, madd(z, madd(z, D(kS6), D(kS5)), D(kS4)), D(kS3)), D(kS2));
  sin_x = madd(v, madd(z, rs, D(kS1)), x);
  const D rc = madd(w * w, madd(z, madd(z, D(kC6), D(kC5)), D(kC4)), z * madd(z, madd(z, D(kC3), D(kC2)), D(kC1)));
  const D hz = D(0.5) * z;
  const D one_minus_hz = D(1.0) - hz;
  cos_x = one_minus_hz + madd(z, rc, (D(1.0) - one_minus_hz) - hz);
}

// e^x for |x| <= 708 (larger |x| is clamped there). x = k ln 2 + r with
// |r| <= ln(2)/2, e^r by its Taylor polynomial of degree 13 (truncation
// error below 5e-18), and 2^k added to the exponent bits.
template <class D>
D exp(D x) {
  using U = decltype(to_bits(x));
  constexpr double kInvLn2 = 1.4426950408889634074;  // 1 / ln 2
  constexpr double kShifter = 0x1.8p52;             // adding it rounds to an integer
  x = lanes::min(lanes::max(x, D(-708.0)), D(708.0));
  const D t = madd(x, D(kInvLn2), D(kShifter));  // kShifter + round(x / ln 2)
  const D k = t - D(kShifter);
  const D r = madd(k, D(-kLn2Lo), madd(k, D(-kLn2Hi), x));
  // e^r = 1 + r (1 + r (1/2 + r q(r))), with q(r) = 1/3! + ... + r^10/13!
  // evaluated by Estrin's scheme (pairs, then pairs of pairs) so that the
  // chain of dependent multiply-adds is short; the three leading terms
  // stay in Horner form, where the rounding matters.
  const D r2 = r * r;
  const D r4 = r2 * r2;
  const D r8 = r4 * r4;
  const D q01 = madd(r, D(1.0 / 24.0), D(1.0 / 6.0));
  const D q23 = madd(r, D(1.0 / 720.0), D(1.0 / 120.0));
  const D q45 = madd(r, D(1.0 / 40320.0), D(1.0 / 5040.0));
  const D q67 = madd(r, D(1.0 / 3628800.0), D(1.0 / 362880.0));
  const D q89 = madd(r, D(1.0 / 479001600.0), D(1.0 / 39916800.0));
  const D q10 = D(1.0 / 6227020800.0);  // 1/13!
  const D q0123 = madd(r2, q23, q01);
  const D q4567 = madd(r2, q67, q45);
  const D q8910 = madd(r2, q10, q89);
  const D q = madd(r8, q8910, madd(r4, q4567, q0123));
  const D p = madd(r, madd(r, madd(r, q, D(0.5)), D(1.0)), D(1.0));
  // The integer k sits in the low bits of t: scale p by 2^k.
  const U kbits = to_bits(t) - to_bits(D(kShifter));
  return from_bits(to_bits(p) + shl<52>(kbits));
}

}  // namespace detail

// e^x, to about 1 ulp, for |x| <= 708 (larger |x| is clamped to 708).
inline double exp(double x) { return detail::exp(x); }

// values[j] = exp(values[j]) for every j: the same numbers as exp() one at a
// time, bit for bit, computed several at once where the machine can.
inline void exp_in_place(std::span<double> values) {
  std::size_t j = 0;
#if PARLAB_LANES_SIMD
  for (; j + lanes::kWidth <= values.size(); j += lanes::kWidth) {
    lanes::store(values.data() + j, detail::exp(lanes::load(values.data() + j)));
  }
#endif
  for (; j < values.size(); ++j) values[j] = detail::exp(values[j]);
}

}  // namespace parlab::math
