// Philox4x32-10 for several counters at once: the kit's block random numbers.
//
// The same function as rng::philox4x32() / rng::draw() (parlab/philox.hpp),
// laid out for SIMD. Each 32-bit word of the state lives in the low half of a
// 64-bit lane (four counters per AVX2 register, two per SSE2 register), so
// one round is two 32x32->64-bit multiplies (vpmuludq: the low and the high
// word of the product come out together), two shifts and four XORs per
// register of counters. The high halves of the lanes carry junk that nothing
// ever reads: the multiply ignores them, and the block code takes the low
// halves only.
#pragma once

#include <cstddef>
#include <cstdint>

#include "parlab/detail/lanes.hpp"
#include "parlab/philox.hpp"

namespace parlab::rng::detail {

#if PARLAB_LANES_SIMD

using lanes::RawU;

// The ten round keys of one seed, each broadcast to every lane.
struct PhiloxKeys {
  RawU k0[10];
  RawU k1[10];
  explicit PhiloxKeys(std::uint64_t seed) {
    auto a = static_cast<std::uint32_t>(seed);
    auto b = static_cast<std::uint32_t>(seed >> 32);
    for (int r = 0; r < 10; ++r) {
      k0[r] = lanes::raw_set1(std::uint64_t{a});
      k1[r] = lanes::raw_set1(std::uint64_t{b});
      a += kWeyl0;
      b += kWeyl1;
    }
  }
};

// Words of rng::draw(seed, k, stream) for the G * kWidth counters
// k = first + g * kWidth + l (g < G registers, l < kWidth lanes): word[w][g]
// lane l holds word w in its low 32 bits. G registers run side by side so
// that one can start its round while the multiplies of another are in flight.
template <std::size_t G>
inline void philox_lanes(std::uint64_t first, std::uint32_t stream, const PhiloxKeys& keys, RawU (&word)[4][G]) {
  using namespace lanes;
  const RawU m0 = raw_set1(std::uint64_t{detail::kMul0});
  const RawU m1 = raw_set1(std::uint64_t{detail::kMul1});
  RawU c0[G];
  RawU c1[G];
  RawU c2[G];
  RawU c3[G];
  for (std::size_t g = 0; g < G; ++g) {
    const RawU k = raw_iota(first + g * kWidth);
    c0[g] = k;                  // index, low word (the high half is ignored)
    c1[g] = raw_shr<32>(k);     // index, high word
    c2[g] = raw_set1(std::uint64_t{stream});
    c3[g] = raw_set1(std::uint64_t{0});
  }
  for (int r = 0; r < 10; ++r) {
    for (std::size_t g = 0; g < G; ++g) {  // detail::philox_round, a register of counters at a time
      const RawU p0 = raw_mul_lo32(c0[g], m0);
      const RawU p1 = raw_mul_lo32(c2[g], m1);
      // c1 ^ key is ready early, so only one XOR follows the multiply and the
      // shift on the path from round to round. (The empty asm keeps the
      // compiler from re-associating the three XORs into a longer chain.)
      RawU early0 = raw_xor(c1[g], keys.k0[r]);
      RawU early2 = raw_xor(c3[g], keys.k1[r]);
      asm("" : "+x"(early0), "+x"(early2));
      c0[g] = raw_xor(raw_shr<32>(p1), early0);
      c2[g] = raw_xor(raw_shr<32>(p0), early2);
      c1[g] = p1;  // its low half: the low word of the product
      c3[g] = p0;
    }
  }
  for (std::size_t g = 0; g < G; ++g) {
    word[0][g] = c0[g];
    word[1][g] = c1[g];
    word[2][g] = c2[g];
    word[3][g] = c3[g];
  }
}

#endif  // PARLAB_LANES_SIMD

}  // namespace parlab::rng::detail
