#include "parlab/philox.hpp"

#include <gtest/gtest.h>

namespace {

using parlab::rng::Counter;
using parlab::rng::philox4x32;

// Known-answer vectors from the Random123 distribution (kat_vectors, philox4x32_10).
TEST(Philox4x32, MatchesKnownAnswerForZeroCounterAndKey) {
  EXPECT_EQ(philox4x32({0, 0, 0, 0}, {0, 0}),
            (Counter{0x6627e8d5U, 0xe169c58dU, 0xbc57ac4cU, 0x9b00dbd8U}));
}

TEST(Philox4x32, MatchesKnownAnswerForAllOnes) {
  EXPECT_EQ(philox4x32({0xffffffffU, 0xffffffffU, 0xffffffffU, 0xffffffffU},
                       {0xffffffffU, 0xffffffffU}),
            (Counter{0x408f276dU, 0x41c83b0eU, 0xa20bc7c6U, 0x6d5451fdU}));
}

TEST(Philox4x32, MatchesKnownAnswerForPiDigits) {
  EXPECT_EQ(philox4x32({0x243f6a88U, 0x85a308d3U, 0x13198a2eU, 0x03707344U},
                       {0xa4093822U, 0x299f31d0U}),
            (Counter{0xd16cfe09U, 0x94fdccebU, 0x5001e420U, 0x24126ea1U}));
}

TEST(Philox4x32, IsUsableAtCompileTime) {
  static_assert(philox4x32({0, 0, 0, 0}, {0, 0})[0] == 0x6627e8d5U);
}

TEST(Draw, StreamsAndSeedsGiveDifferentWords) {
  using parlab::rng::draw;
  EXPECT_NE(draw(1, 0, 0), draw(1, 0, 1));
  EXPECT_NE(draw(1, 0), draw(2, 0));
  EXPECT_NE(draw(1, 0), draw(1, 1));
  EXPECT_NE(draw(1, 0), draw(1, std::uint64_t{1} << 32));  // the high word of the index counts
}

}  // namespace
