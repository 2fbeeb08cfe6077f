// Which exercises `./grade DIR 03 race_counter` picks: by id, slug or number,
// each once, in the order asked, and a clear error for a name that is not there.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <stdexcept>
#include <string>
#include <vector>

#include "pipeline/exercise_selection.hpp"

namespace parlab::grader {
namespace {

namespace fs = std::filesystem;

const fs::path kKit = PARLAB_KIT_DIR;

Manifest race_counter() {
  Manifest m;
  m.id = "03_race_counter";
  m.slug = "race_counter";
  return m;
}

std::vector<std::string> ids(const std::vector<Manifest>& ms) {
  std::vector<std::string> out;
  for (const auto& m : ms) out.push_back(m.id);
  return out;
}

TEST(ExerciseSelection, PicksByIdSlugOrNumber) {
  const Manifest m = race_counter();
  for (const char* s : {"03_race_counter", "race_counter", "3", "03", "003"}) EXPECT_TRUE(selects(s, m)) << s;
}

TEST(ExerciseSelection, RejectsOtherNumbersAndNonNumbers) {
  const Manifest m = race_counter();
  for (const char* s : {"", "4", "04", "3x", "03_", "race", "counter", "-3", "03_race_counter.cpp"}) {
    EXPECT_FALSE(selects(s, m)) << "'" << s << "'";
  }
}

TEST(ExerciseSelection, NothingAskedMeansEveryExerciseInOrder) {
  std::vector<std::string> folders;
  for (const auto& entry : fs::directory_iterator(kKit / "exercises")) {
    if (fs::exists(entry.path() / "manifest.json")) folders.push_back(entry.path().filename().string());
  }
  std::sort(folders.begin(), folders.end());
  ASSERT_FALSE(folders.empty());
  EXPECT_EQ(ids(select_exercises(kKit, {})), folders);
}

TEST(ExerciseSelection, EachOnceInTheOrderAsked) {
  const auto chosen = select_exercises(kKit, {"04", "race_counter", "3", "03_race_counter", "4"});
  EXPECT_EQ(ids(chosen), (std::vector<std::string>{"04_monte_carlo_pi", "03_race_counter"}));
}

TEST(ExerciseSelection, UnknownSelectorNamesTheValidIds) {
  try {
    (void)select_exercises(kKit, {"02", "99"});
    FAIL() << "no exception for exercise 99";
  } catch (const std::invalid_argument& e) {
    const std::string what = e.what();
    EXPECT_NE(what.find("no exercise '99'"), std::string::npos) << what;
    EXPECT_NE(what.find("02_slow_sum"), std::string::npos) << what;
    EXPECT_NE(what.find("03_race_counter"), std::string::npos) << what;
  }
}

}  // namespace
}  // namespace parlab::grader
