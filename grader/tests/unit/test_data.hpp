// Reads the captured outputs in grader/tests/data for the parser tests.
#pragma once

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace parlab::grader::testing {

inline const std::filesystem::path kTestData = PARLAB_GRADER_TEST_DATA;

// The file's bytes; an empty string and a test failure when it is missing.
inline std::string read_test_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  EXPECT_TRUE(in) << "missing test data " << path;
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace parlab::grader::testing
