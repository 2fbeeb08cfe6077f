// A GoogleTest program whose one test races: its merged stdout+stderr shows
// how a TSan report lands in the middle of GoogleTest's own output.
#include <gtest/gtest.h>

#include <thread>

long hits = 0;

void hit_many() {
  for (int i = 0; i < 1000000; ++i) ++hits;
}

TEST(Counter, CountsEveryHit) {
  std::thread a(hit_many);
  std::thread b(hit_many);
  a.join();
  b.join();
  EXPECT_EQ(hits, 2000000);
}

TEST(Counter, StartsAtZero) { EXPECT_GE(hits, 0); }
