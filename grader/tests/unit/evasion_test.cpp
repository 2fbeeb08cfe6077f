#include "steps/build/evasion.hpp"

#include <gtest/gtest.h>

namespace {

using namespace parlab::grader::build;

bool only_student(std::string_view f) { return f == "/s/src/ex/student.cpp"; }

TEST(EvasionScan, FindsAHookDefinedInTheStudentFile) {
  const std::string pp =
      "# 1 \"/s/src/ex/student.cpp\"\n"
      "# 1 \"/usr/include/c++/12/thread\" 1 3\n"
      "extern \"C\" void __tsan_acquire(void*);\n"  // a system header may declare hooks: ignored
      "# 5 \"/s/src/ex/student.cpp\" 2\n"
      "int x;\n"
      "extern \"C\" const char* __tsan_default_options() { return \"report_bugs=0\"; }\n";
  const auto found = scan_preprocessed(pp, only_student);
  ASSERT_EQ(found.size(), 1U);
  EXPECT_EQ(found[0].line, 6);
  EXPECT_EQ(found[0].file, "/s/src/ex/student.cpp");
  EXPECT_NE(found[0].what.find("__tsan_default_options"), std::string::npos);
}

TEST(EvasionScan, FindsAttributesAndEnvironmentTricks) {
  const std::string pp =
      "# 1 \"/s/src/ex/student.cpp\"\n"
      "__attribute__((no_sanitize(\"thread\"))) void f();\n"
      "[[clang::disable_sanitizer_instrumentation]] void g();\n"
      "void h() { setenv(\"TSAN_OPTIONS\", \"report_bugs=0\", 1); }\n";
  const auto found = scan_preprocessed(pp, only_student);
  ASSERT_EQ(found.size(), 3U);
  EXPECT_EQ(found[0].line, 1);
  EXPECT_NE(found[1].what.find("disable_sanitizer_instrumentation"), std::string::npos);
  EXPECT_NE(found[2].what.find("TSAN_OPTIONS"), std::string::npos);
  EXPECT_EQ(found[2].line, 3);
}

TEST(EvasionScan, CleanCodeHasNoFinding) {
  const std::string pp =
      "# 1 \"/s/src/ex/student.cpp\"\n"
      "#pragma once\n"
      "int sanitize_input(int x) { return x; }\n"
      "std::atomic<int> counter;\n";
  EXPECT_TRUE(scan_preprocessed(pp, only_student).empty());
}

TEST(EvasionScan, SymbolsOfTheObjectFile) {
  const std::string nm =
      "0000000000000000 T _ZN6parlab14monte_carlo_pi11estimate_piEmjm\n"
      "0000000000000010 T __tsan_default_suppressions\n"
      "0000000000000020 D __sanitizer_options_hook\n";
  const auto found = scan_symbols(nm);
  ASSERT_EQ(found.size(), 2U);
  EXPECT_EQ(found[0].what, "defines __tsan_default_suppressions");
  EXPECT_EQ(found[1].what, "defines __sanitizer_options_hook");
}

TEST(EvasionScan, GarbageDoesNotCrash) {
  EXPECT_TRUE(scan_preprocessed("# \n#  x\n# 99999999999999999999 \"a\n", only_student).empty());
  EXPECT_TRUE(scan_symbols("\n \n").empty());
}

}  // namespace
