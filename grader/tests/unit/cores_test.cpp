// Usable cores: the parsers of the cgroup files, the combining rule, and the
// affinity that taskset-like restrictions impose.
#include <sched.h>
#include <sys/wait.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include "platform/cores.hpp"

namespace parlab::grader::platform {
namespace {

TEST(CgroupV2CpuMax, NoQuotaWhenMax) { EXPECT_FALSE(parse_cpu_max("max 100000\n").has_value()); }

TEST(CgroupV2CpuMax, QuotaOverPeriodInCores) {
  EXPECT_DOUBLE_EQ(parse_cpu_max("150000 100000\n").value_or(-1), 1.5);
  EXPECT_DOUBLE_EQ(parse_cpu_max("200000 100000").value_or(-1), 2.0);
}

TEST(CgroupV2CpuMax, GarbageIsNoQuota) {
  EXPECT_FALSE(parse_cpu_max("").has_value());
  EXPECT_FALSE(parse_cpu_max("max").has_value());
  EXPECT_FALSE(parse_cpu_max("lots 100000").has_value());
  EXPECT_FALSE(parse_cpu_max("150000 0").has_value());
}

TEST(CgroupV1CfsQuota, MinusOneIsNoQuota) { EXPECT_FALSE(parse_cfs_quota("-1\n", "100000\n").has_value()); }

TEST(CgroupV1CfsQuota, QuotaOverPeriodInCores) {
  EXPECT_DOUBLE_EQ(parse_cfs_quota("150000\n", "100000\n").value_or(-1), 1.5);
  EXPECT_DOUBLE_EQ(parse_cfs_quota("50000", "100000").value_or(-1), 0.5);
}

TEST(CgroupV1CfsQuota, UnreadableFilesAreNoQuota) {
  EXPECT_FALSE(parse_cfs_quota("", "").has_value());
  EXPECT_FALSE(parse_cfs_quota("150000", "").has_value());
}

TEST(CombineUsable, AffinityAloneWithoutQuota) { EXPECT_EQ(combine_usable(2, std::nullopt), 2); }

TEST(CombineUsable, FractionalQuotaRoundsUp) {
  EXPECT_EQ(combine_usable(2, 1.5), 2);
  EXPECT_EQ(combine_usable(4, 1.5), 2);
  EXPECT_EQ(combine_usable(8, 0.5), 1);
}

TEST(CombineUsable, SmallerOfAffinityAndQuota) {
  EXPECT_EQ(combine_usable(1, 8.0), 1);
  EXPECT_EQ(combine_usable(16, 4.0), 4);
}

TEST(CombineUsable, NeverBelowOne) { EXPECT_EQ(combine_usable(0, std::nullopt), 1); }

TEST(UsableCores, ConsistentOnThisMachine) {
  const CoreCount c = usable_cores();
  EXPECT_GE(c.usable, 1);
  EXPECT_LE(c.usable, c.affinity);
  EXPECT_GE(c.hardware, 1);
  EXPECT_NE(c.explain().find(std::to_string(c.usable) + " usable"), std::string::npos) << c.explain();
}

// What `taskset -c N` does, done to a forked child so the test process keeps
// its own affinity: hardware_concurrency() would still say "all cores".
TEST(UsableCores, FollowsAffinityRestriction) {
  cpu_set_t mine;
  CPU_ZERO(&mine);
  ASSERT_EQ(sched_getaffinity(0, sizeof mine, &mine), 0);
  std::size_t first_cpu = 0;
  while (first_cpu < CPU_SETSIZE && !CPU_ISSET(first_cpu, &mine)) ++first_cpu;
  ASSERT_LT(first_cpu, std::size_t{CPU_SETSIZE});

  const pid_t child = fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    cpu_set_t one;
    CPU_ZERO(&one);
    CPU_SET(first_cpu, &one);
    if (sched_setaffinity(0, sizeof one, &one) != 0) _exit(2);
    const CoreCount c = usable_cores();
    _exit(c.affinity == 1 && c.usable == 1 ? 0 : 1);
  }
  int status = 0;
  ASSERT_EQ(waitpid(child, &status, 0), child);
  ASSERT_TRUE(WIFEXITED(status));
  EXPECT_EQ(WEXITSTATUS(status), 0) << "usable_cores() under a one-CPU affinity did not report 1";
}

}  // namespace
}  // namespace parlab::grader::platform
