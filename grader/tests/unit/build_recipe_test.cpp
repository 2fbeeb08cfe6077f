// A submission's build from the recipe an earlier submission's CMake build
// left (steps/build/build_recipe.hpp): pure text, no process is started.
#include "steps/build/build_recipe.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace parlab::grader::build {
namespace {

const std::string kRoot = "/work/A/.parlab/work/alice-1234/04_monte_carlo_pi";

// What `ninja -t commands` printed for the three graded targets of 04.
std::string ninja_commands(const std::string& root) {
  const std::string obj = "CMakeFiles/mc_impl.dir" + root + "/src/04_monte_carlo_pi/monte_carlo_pi.cpp.o";
  return "/usr/bin/clang++ -I" + root + "/src/04 -O2 -MD -MT e1.o -MF e1.o.d -o CMakeFiles/pub.dir/cmake/empty.cpp.o -c /kit/cmake/empty.cpp\n" +
         "/usr/bin/clang++ -I" + root + "/src/04 -O2 -MD -MT x -MF " + obj + ".d -o " + obj + " -c " + root +
         "/src/04_monte_carlo_pi/monte_carlo_pi.cpp\n" +
         ": && /usr/bin/cmake -E rm -f libmc_impl.a && /usr/bin/llvm-ar qc libmc_impl.a  " + obj +
         " && /usr/bin/llvm-ranlib libmc_impl.a && :\n" +
         ": && /usr/bin/clang++ -O2 CMakeFiles/pub.dir/cmake/empty.cpp.o -o bin/04/exercise/public_tests  libmc_impl.a && :\n" +
         "/usr/bin/clang++ -O2 -o CMakeFiles/timer.dir/cmake/empty.cpp.o -c /kit/cmake/empty.cpp\n" +
         ": && /usr/bin/clang++ -O2 CMakeFiles/timer.dir/cmake/empty.cpp.o -o bin/04/exercise/timer  libmc_impl.a && :\n";
}

std::string compile_commands(const std::string& root) {
  return R"([{"directory": ")" + root + R"(/build-release", "command": "clang++ -o x.o -c )" + root +
         R"(/src/04/monte_carlo_pi.cpp", "file": ")" + root + R"(/src/04/monte_carlo_pi.cpp"}])";
}

TEST(BuildRecipe, AnotherWorkFolderGetsExactlyWhatCMakeWouldHaveWritten) {
  const auto recipe = recipe_from(compile_commands(kRoot), ninja_commands(kRoot), kRoot, {"/kit", "/usr/bin/clang++"});
  ASSERT_TRUE(recipe);
  for (const std::string& c : recipe->commands) EXPECT_EQ(c.find(kRoot), std::string::npos) << c;
  const std::string other = "/tmp/batch/work/bob/04_monte_carlo_pi";
  const Recipe bob = instantiate(*recipe, other);
  std::vector<std::string> expected;
  const std::string text = ninja_commands(other);
  for (std::size_t at = 0, nl = text.find('\n'); nl != std::string::npos; at = nl + 1, nl = text.find('\n', at)) {
    expected.push_back(text.substr(at, nl - at));
  }
  EXPECT_EQ(bob.commands, expected);
  EXPECT_EQ(bob.compile_commands, compile_commands(other));
}

TEST(BuildRecipe, NoRecipeWhenTheKitLivesInsideTheWorkFolder) {
  // Rewriting the work folder would rewrite the kit's paths too.
  EXPECT_FALSE(recipe_from(compile_commands(kRoot), ninja_commands(kRoot), kRoot, {kRoot + "/kit"}));
}

TEST(BuildRecipe, AFolderNameThatIsShellSyntaxGetsNoRecipe) {
  // A student's folder in a batch named to run a command: CMake quotes it, a recipe would not.
  for (const std::string bad : {"/out/work/$(touch pwned)/04", "/out/work/a b/04", "/out/work/a;b/04",
                                "/out/work/`id`/04", "/out/work/it's/04"}) {
    EXPECT_FALSE(recipe_from(compile_commands(bad), ninja_commands(bad), bad, {})) << bad;
  }
}

TEST(BuildRecipe, NoRecipeFromNothing) {
  EXPECT_FALSE(recipe_from("", ninja_commands(kRoot), kRoot, {}));
  EXPECT_FALSE(recipe_from(compile_commands(kRoot), "", kRoot, {}));
  EXPECT_FALSE(recipe_from(compile_commands(kRoot), ninja_commands(kRoot), "", {}));
}

TEST(BuildRecipe, CompilesRunFirstThenArchivesThenAllLinksAtOnce) {
  const auto recipe = recipe_from(compile_commands(kRoot), ninja_commands(kRoot), kRoot, {});
  ASSERT_TRUE(recipe);
  const auto s = stages(recipe->commands);
  ASSERT_EQ(s.size(), 3U);
  EXPECT_EQ(s[0].size(), 3U);  // two empty.cpp objects and the student's file
  for (const auto& c : s[0]) EXPECT_NE(c.find(" -c "), std::string::npos);
  ASSERT_EQ(s[1].size(), 1U);
  EXPECT_NE(s[1][0].find("llvm-ar qc"), std::string::npos);
  ASSERT_EQ(s[2].size(), 2U);
  EXPECT_NE(s[2][0].find("public_tests"), std::string::npos);
  EXPECT_NE(s[2][1].find("exercise/timer"), std::string::npos);
}

TEST(BuildRecipe, AnUnknownCommandMakesEverythingRunInNinjasOrder) {
  const std::vector<std::string> commands = {"clang++ -o a.o -c a.cpp", "python3 generate.py", "clang++ a.o -o prog"};
  const auto s = stages(commands);
  ASSERT_EQ(s.size(), 3U);
  for (std::size_t i = 0; i < s.size(); ++i) EXPECT_EQ(s[i], std::vector<std::string>{commands[i]});
}

TEST(BuildRecipe, OutputFoldersAreThoseOfEveryObjectDepfileAndProgram) {
  const auto dirs = output_dirs({"clang++ -MF CMakeFiles/a.dir/x/a.cpp.o.d -o CMakeFiles/a.dir/x/a.cpp.o -c a.cpp",
                                 "clang++ a.o -o bin/04/exercise/timer"});
  EXPECT_EQ(dirs, (std::vector<std::string>{"CMakeFiles/a.dir/x", "bin/04/exercise"}));
}

TEST(BuildRecipe, TextRoundTrips) {
  const auto recipe = recipe_from(compile_commands(kRoot), ninja_commands(kRoot), kRoot, {});
  ASSERT_TRUE(recipe);
  const auto back = from_text(to_text(*recipe));
  ASSERT_TRUE(back);
  EXPECT_EQ(back->commands, recipe->commands);
  EXPECT_EQ(back->compile_commands, recipe->compile_commands);
  EXPECT_FALSE(from_text("not json"));
  EXPECT_FALSE(from_text(R"({"compile_commands": "", "commands": []})"));
}

}  // namespace
}  // namespace parlab::grader::build
