// The matched calibration runs the baseline on shares that add up to the
// whole input, one copy per thread, each on its own seed.
#include "baseline_copies.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <mutex>
#include <set>
#include <string>

namespace {

using parlab::timer::Params;

std::atomic<std::uint64_t> items_done{0};
std::mutex seeds_mutex;
std::set<std::uint64_t> seeds_seen;

std::string counting_baseline(const Params& p) {
  items_done += p.size;
  const std::lock_guard lock(seeds_mutex);
  seeds_seen.insert(p.seed);
  EXPECT_EQ(p.threads, 1U) << "each copy is sequential";
  return std::to_string(p.size);
}

TEST(CopyShare, SharesAddUpToTheSizeAndDifferByAtMostOne) {
  for (std::uint64_t size : {0ULL, 1ULL, 7ULL, 1000ULL, 100003ULL}) {
    for (unsigned threads : {1U, 2U, 3U, 7U, 16U}) {
      std::uint64_t total = 0;
      for (unsigned t = 0; t < threads; ++t) {
        const std::uint64_t share = parlab::timer::copy_share(size, threads, t);
        EXPECT_LE(share, size / threads + 1);
        EXPECT_GE(share, size / threads);
        total += share;
      }
      EXPECT_EQ(total, size) << size << " over " << threads;
    }
  }
}

TEST(BaselineCopies, RunsOneSequentialCopyPerThreadOnItsOwnSeed) {
  const parlab::timer::Workload w{.smoke_size = 10, .baseline = counting_baseline, .student = nullptr};
  items_done = 0;
  seeds_seen.clear();
  const std::string result = parlab::timer::baseline_copies(w, Params{1000003, 7, 42});
  EXPECT_EQ(items_done.load(), 1000003U) << "the copies together do the whole input once";
  EXPECT_EQ(seeds_seen.size(), 7U) << "every copy draws its own input";
  EXPECT_EQ(result, "142858 142858 142858 142858 142857 142857 142857");
}

}  // namespace
