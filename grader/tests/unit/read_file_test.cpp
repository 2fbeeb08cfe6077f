// core/files.hpp read_file(): whole files in chunks, capped at max_bytes
// (student-controlled output is read with a cap), /proc files included.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <string>

#include "core/files.hpp"

namespace parlab::grader {
namespace {

namespace fs = std::filesystem;

fs::path scratch_file(const std::string& name) {
  return fs::path(::testing::TempDir()) / (name + "-" + std::to_string(::getpid()));
}

TEST(ReadFile, ReadsAFileLargerThanOneChunkWhole) {
  const fs::path p = scratch_file("parlab-read-large");
  std::string text;
  for (int i = 0; text.size() < 300000; ++i) text += std::to_string(i) + '\n';
  ASSERT_TRUE(write_file(p, text));
  EXPECT_EQ(read_file(p), text);
  fs::remove(p);
}

TEST(ReadFile, StopsAtTheCap) {
  const fs::path p = scratch_file("parlab-read-capped");
  ASSERT_TRUE(write_file(p, std::string(200000, 'x')));
  EXPECT_EQ(read_file(p, 70000)->size(), 70000U);
  EXPECT_EQ(read_file(p, 5)->size(), 5U);
  fs::remove(p);
}

TEST(ReadFile, EmptyMissingAndProcFiles) {
  const fs::path p = scratch_file("parlab-read-empty");
  ASSERT_TRUE(write_file(p, ""));
  EXPECT_EQ(read_file(p), std::string());
  fs::remove(p);
  EXPECT_FALSE(read_file(p).has_value());
  // /proc reports a size of 0 but has content.
  const auto status = read_file("/proc/self/status");
  ASSERT_TRUE(status.has_value());
  EXPECT_NE(status->find("Pid:"), std::string::npos);
}

}  // namespace
}  // namespace parlab::grader
