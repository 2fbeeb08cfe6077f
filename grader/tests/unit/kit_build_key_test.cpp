// The kit build's cache key (steps/reference/kit_build.hpp): one key per
// exercise, on content. A stale build must never be reused, and editing one
// exercise must not rebuild the others' programs.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <string>

#include "core/files.hpp"
#include "core/manifest.hpp"
#include "steps/reference/kit_build.hpp"

namespace parlab::grader {
namespace {

namespace fs = std::filesystem;

class KitBuildKey : public ::testing::Test {
 protected:
  void SetUp() override {
    kit_ = fs::path(::testing::TempDir()) / ("parlab-kit-key-" + std::to_string(::getpid()));
    fs::remove_all(kit_);
    write("CMakeLists.txt", "project(kit)\n");
    write("cmake/ParlabExercise.cmake", "# rules\n");
    write("kit/include/parlab/random.hpp", "// generator\n");
    for (const char* id : {"01_first", "02_second"}) {
      const std::string slug = std::string(id).substr(3);
      write(fs::path("exercises") / id / "manifest.json",
            R"({"title":"T","points":10,"student_files":[")" + slug +
                R"(.cpp"],"speedup":{"kind":"cpu","fraction":0.6,"timing_size":1000}})");
      write(fs::path("exercises") / id / (slug + ".cpp"), "// the student's stub\n");
      write(fs::path("exercises") / id / "baseline.cpp", "// the kit's baseline\n");
    }
  }
  void TearDown() override { fs::remove_all(kit_); }

  void write(const fs::path& rel, const std::string& text) {
    fs::create_directories((kit_ / rel).parent_path());
    ASSERT_TRUE(write_file(kit_ / rel, text));
  }
  std::string key(const char* id) {
    return steps::kit_build_key(kit_, machine_, load_manifest(kit_ / "exercises" / id));
  }

  fs::path kit_;
  Machine machine_;
};

TEST_F(KitBuildKey, IsStableAndDiffersPerExercise) {
  EXPECT_EQ(key("01_first"), key("01_first"));
  EXPECT_NE(key("01_first"), key("02_second"));
}

TEST_F(KitBuildKey, AnEditedExerciseChangesOnlyItsOwnKey) {
  const std::string first = key("01_first");
  const std::string second = key("02_second");
  write("exercises/02_second/baseline.cpp", "// a faster baseline\n");
  EXPECT_EQ(key("01_first"), first);
  EXPECT_NE(key("02_second"), second);
  write("exercises/02_second/hidden/more_test.cpp", "// a new hidden test\n");
  EXPECT_EQ(key("01_first"), first);
}

TEST_F(KitBuildKey, SharedKitFilesChangeEveryKey) {
  const std::string first = key("01_first");
  const std::string second = key("02_second");
  write("kit/include/parlab/random.hpp", "// another generator\n");
  EXPECT_NE(key("01_first"), first);
  EXPECT_NE(key("02_second"), second);
  const std::string after_kit = key("01_first");
  write("cmake/ParlabExercise.cmake", "# other rules\n");
  EXPECT_NE(key("01_first"), after_kit);
}

TEST_F(KitBuildKey, TheStudentFileIsNotAnInput) {
  // Every submission shares the kit build: the stub (what a submission
  // replaces) must not be part of its key.
  const std::string first = key("01_first");
  write("exercises/01_first/first.cpp", "// a student's work\n");
  EXPECT_EQ(key("01_first"), first);
}

TEST_F(KitBuildKey, TheCompilerAndFlagsAreInputs) {
  const std::string first = key("01_first");
  machine_.graded_flags += " -fno-inline";
  EXPECT_NE(key("01_first"), first);
}

}  // namespace
}  // namespace parlab::grader
