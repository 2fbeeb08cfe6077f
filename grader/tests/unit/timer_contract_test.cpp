// The timer programs' command-line contract, and the seeds graded runs draw.
#include <gtest/gtest.h>

#include <set>

#include "core/seeds.hpp"
#include "steps/timer/timer_contract.hpp"

namespace parlab::grader {
namespace {

TEST(TimerContract, ArgvNamesEveryOptionOfTheTimerProgram) {
  const auto argv = timer::argv_for("/b/timer", {timer::Variant::calibrate, 1000, 7, 42}, "/s/result.json");
  const std::vector<std::string> expected = {"/b/timer", "--variant", "calibrate", "--size", "1000", "--threads",
                                             "7",        "--seed",    "42",        "--out",  "/s/result.json"};
  EXPECT_EQ(argv, expected);
}

TEST(TimerContract, ReadsTheResultTokensAndNothingElse) {
  EXPECT_EQ(timer::parse_result(R"({"variant":"student","result":"12 3.5","wall_ns":9})"), "12 3.5");
  EXPECT_FALSE(timer::parse_result("12 3.5").has_value());           // plain text: not the timer's file
  EXPECT_FALSE(timer::parse_result(R"({"variant":"student"})").has_value());
  EXPECT_FALSE(timer::parse_result(R"({"result":12})").has_value());  // a number is not a token string
}

TEST(DerivedSeeds, AreDistinctAcrossIndicesAndGradeSeeds) {
  std::set<std::uint64_t> seen;
  for (std::uint64_t grade : {0ULL, 1ULL, 2ULL, 0xffffffffffffffffULL}) {
    for (std::uint64_t i = 0; i < 1000; ++i) seen.insert(derived_seed(grade, i));
  }
  EXPECT_EQ(seen.size(), 4000U);
  // Neighbouring indices differ in about half their bits: nothing to predict.
  const std::uint64_t a = derived_seed(5, 10);
  const std::uint64_t b = derived_seed(5, 11);
  const int differing = __builtin_popcountll(a ^ b);
  EXPECT_GT(differing, 16);
  EXPECT_LT(differing, 48);
}

}  // namespace
}  // namespace parlab::grader
