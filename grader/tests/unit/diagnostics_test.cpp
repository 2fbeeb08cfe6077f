// The compiler/linker output parser against real g++ 12, clang 14, GNU ld and
// Ninja output (grader/tests/data/diagnostics, programs in programs/).
#include <gtest/gtest.h>

#include "test_data.hpp"

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "steps/build/diagnostics.hpp"

namespace {

using namespace parlab::grader::build;
namespace fs = std::filesystem;

const fs::path kData = fs::path(PARLAB_GRADER_TEST_DATA) / "diagnostics";

std::string read_file(const fs::path& path) { return parlab::grader::testing::read_test_file(path); }

std::vector<Diagnostic> parse_file(const char* name) { return parse_diagnostics(read_file(kData / name)); }

void expect_diagnostic(const Diagnostic& d, const std::string& file, int line, int column, const std::string& severity,
                       const std::string& message) {
  EXPECT_EQ(d.file, file);
  EXPECT_EQ(d.line, line);
  EXPECT_EQ(d.column, column);
  EXPECT_EQ(d.severity, severity);
  EXPECT_EQ(d.message, message);
}

bool same(const std::vector<Diagnostic>& a, const std::vector<Diagnostic>& b) {
  return std::equal(a.begin(), a.end(), b.begin(), b.end(), [](const Diagnostic& x, const Diagnostic& y) {
    return x.file == y.file && x.line == y.line && x.column == y.column && x.severity == y.severity &&
           x.message == y.message && x.context == y.context;
  });
}

TEST(Diagnostics, GccUndeclaredIdentifier) {
  const auto d = parse_file("g++-undeclared.txt");
  ASSERT_EQ(d.size(), 1U) << "the 'In function' heading is no diagnostic";
  expect_diagnostic(d[0], "/tmp/g2-diag/undeclared.cpp", 7, 18, "error", "‘count’ was not declared in this scope");
  EXPECT_EQ(d[0].context, "    7 |   return total / count;\n      |                  ^~~~~");
}

TEST(Diagnostics, ClangUndeclaredIdentifier) {
  const auto d = parse_file("clang++-undeclared.txt");
  ASSERT_EQ(d.size(), 1U) << "'1 error generated.' is no diagnostic";
  expect_diagnostic(d[0], "/tmp/g2-diag/undeclared.cpp", 7, 18, "error", "use of undeclared identifier 'count'");
  EXPECT_EQ(d[0].context, "  return total / count;\n                 ^");
}

TEST(Diagnostics, ColourCodesAndLocaleDoNotMatter) {
  EXPECT_TRUE(same(parse_file("g++-undeclared-color.txt"), parse_file("g++-undeclared.txt")));
  EXPECT_TRUE(same(parse_file("clang++-undeclared-color.txt"), parse_file("clang++-undeclared.txt")));
  const auto c_locale = parse_file("g++-undeclared-C-locale.txt");
  ASSERT_EQ(c_locale.size(), 1U);
  EXPECT_EQ(c_locale[0].message, "'count' was not declared in this scope");
}

TEST(Diagnostics, SyntaxError) {
  const auto gcc = parse_file("g++-syntax_error.txt");
  ASSERT_EQ(gcc.size(), 3U);
  expect_diagnostic(gcc[0], "/tmp/g2-diag/syntax_error.cpp", 4, 3, "error", "expected ‘,’ or ‘;’ before ‘return’");
  expect_diagnostic(gcc[1], "/tmp/g2-diag/syntax_error.cpp", 3, 7, "warning",
                    "unused variable ‘result’ [-Wunused-variable]");
  EXPECT_EQ(gcc[2].severity, "warning");
  const auto errors = first_errors(gcc, 5);
  ASSERT_EQ(errors.size(), 1U);
  EXPECT_EQ(errors[0].line, 4);

  const auto clang = parse_file("clang++-syntax_error.txt");
  ASSERT_EQ(clang.size(), 1U);
  expect_diagnostic(clang[0], "/tmp/g2-diag/syntax_error.cpp", 3, 21, "error", "expected ';' at end of declaration");
  EXPECT_EQ(clang[0].context,
            "  int result = x * x\n"
            "                    ^\n"
            "                    ;");  // the fix-it line
}

TEST(Diagnostics, MissingHeaderIsAFatalError) {
  const auto gcc = parse_file("g++-missing_include.txt");
  ASSERT_EQ(gcc.size(), 1U) << "'compilation terminated.' is no diagnostic";
  expect_diagnostic(gcc[0], "/tmp/g2-diag/missing_include.cpp", 2, 10, "fatal error",
                    "parallel_sum_helpers.hpp: No such file or directory");
  const auto clang = parse_file("clang++-missing_include.txt");
  ASSERT_EQ(clang.size(), 1U);
  expect_diagnostic(clang[0], "/tmp/g2-diag/missing_include.cpp", 2, 10, "fatal error",
                    "'parallel_sum_helpers.hpp' file not found");
  EXPECT_EQ(first_errors(clang, 1).size(), 1U) << "fatal errors are errors";
}

TEST(Diagnostics, MissingStandardIncludeWithGccsFixItNote) {
  const auto d = parse_file("g++-no_std_include.txt");
  ASSERT_EQ(d.size(), 5U);
  expect_diagnostic(d[0], "/tmp/g2-diag/no_std_include.cpp", 5, 20, "error", "‘thread’ is not a member of ‘std’");
  expect_diagnostic(d[1], "/tmp/g2-diag/no_std_include.cpp", 3, 1, "note",
                    "‘std::thread’ is defined in header ‘<thread>’; did you forget to ‘#include <thread>’?");
  EXPECT_EQ(d[1].context, "    2 | #include <vector>\n  +++ |+#include <thread>\n    3 | ");
  EXPECT_EQ(d[3].message, "template argument 2 is invalid");
  EXPECT_EQ(d[3].context, "");

  const auto errors = first_errors(d, 3);
  ASSERT_EQ(errors.size(), 3U);
  EXPECT_EQ(errors[0].column, 20);
  EXPECT_EQ(errors[1].message, "template argument 1 is invalid");
  EXPECT_EQ(errors[2].message, "template argument 2 is invalid");

  const auto clang = parse_file("clang++-no_std_include.txt");
  ASSERT_EQ(clang.size(), 1U);
  EXPECT_EQ(clang[0].message, "no member named 'thread' in namespace 'std'");
}

TEST(Diagnostics, TemplateErrorKeepsTheStudentsInstantiationLine) {
  const auto gcc = parse_file("g++-template_error.txt");
  ASSERT_EQ(gcc.size(), 9U);
  // gcc prints the instantiation chain *before* the error, as "required from" lines.
  expect_diagnostic(gcc[1], "/tmp/g2-diag/template_error.cpp", 6, 12, "note", "required from here");
  expect_diagnostic(gcc[2], "/usr/include/c++/12/bits/stl_algo.h", 1938, 50, "error",
                    "no match for ‘operator-’ (operand types are ‘std::_List_iterator<int>’ and "
                    "‘std::_List_iterator<int>’)");
  EXPECT_EQ(first_errors(gcc, 10).size(), 1U);

  const auto clang = parse_file("clang++-template_error.txt");
  ASSERT_EQ(clang.size(), 11U);
  const auto errors = first_errors(clang, 10);
  ASSERT_EQ(errors.size(), 2U);
  EXPECT_EQ(errors[0].line, 1938);
  EXPECT_EQ(errors[1].line, 1847);
  expect_diagnostic(clang[2], "/tmp/g2-diag/template_error.cpp", 6, 8, "note",
                    "in instantiation of function template specialization 'std::sort<std::_List_iterator<int>>' "
                    "requested here");
  EXPECT_EQ(clang[2].context, "  std::sort(items.begin(), items.end());\n       ^");
}

TEST(Diagnostics, StudentOriginOfAnErrorInALibraryTemplate) {
  const auto in_scratch = [](std::string_view file) { return file.rfind("/tmp/g2-diag/", 0) == 0; };
  const auto gcc = parse_file("g++-template_error.txt");  // the error is gcc[2], its notes come first
  const auto from_gcc = student_origin(gcc, 2, in_scratch);
  ASSERT_TRUE(from_gcc.has_value());
  expect_diagnostic(*from_gcc, "/tmp/g2-diag/template_error.cpp", 6, 12, "note", "required from here");

  const auto clang = parse_file("clang++-template_error.txt");  // the error is clang[0], its notes follow
  const auto from_clang = student_origin(clang, 0, in_scratch);
  ASSERT_TRUE(from_clang.has_value());
  EXPECT_EQ(from_clang->file, "/tmp/g2-diag/template_error.cpp");
  EXPECT_EQ(from_clang->line, 6);
  EXPECT_EQ(from_clang->column, 8);

  EXPECT_FALSE(student_origin(clang, 0, [](std::string_view) { return false; }).has_value());
  EXPECT_FALSE(student_origin(clang, clang.size(), in_scratch).has_value()) << "index out of range";
  EXPECT_FALSE(student_origin(parse_file("clang++-undeclared.txt"), 0, in_scratch).has_value()) << "no notes";
}

TEST(Diagnostics, UndefinedReferenceWithDebugInfo) {
  for (const char* name : {"g++-link_error.txt", "clang++-link_error.txt"}) {
    const auto d = parse_file(name);
    ASSERT_EQ(d.size(), 2U) << name;
    expect_diagnostic(d[0], "/tmp/g2-diag/link_error.cpp", 6, 0, "error",
                      "undefined reference to `parallel_sum(double const*, long)'");
    EXPECT_EQ(d[0].context.rfind("/usr/bin/ld: /tmp/", 0), 0U) << d[0].context;
    EXPECT_NE(d[0].context.find(": in function `main':"), std::string::npos) << d[0].context;
    EXPECT_EQ(d[1].file, "");
    EXPECT_EQ(d[1].severity, "error");
  }
  EXPECT_EQ(parse_file("g++-link_error.txt")[1].message, "ld returned 1 exit status");
  EXPECT_EQ(parse_file("clang++-link_error.txt")[1].message,
            "linker command failed with exit code 1 (use -v to see invocation)");
}

TEST(Diagnostics, MultipleDefinition) {
  const auto d = parse_file("g++-multiple_definition.txt");
  ASSERT_EQ(d.size(), 2U);
  expect_diagnostic(d[0], "/tmp/g2-diag/second_def.cpp", 2, 0, "error",
                    "multiple definition of `helper()'; /tmp/ccLuXSwT.o:/tmp/g2-diag/first_def.cpp:2: first "
                    "defined here");
  EXPECT_EQ(d[0].context, "/usr/bin/ld: /tmp/ccRdJ129.o: in function `helper()':");
}

TEST(Diagnostics, NinjaCompileFailureSkipsNinjaAndCommandLines) {
  for (const char* name : {"ninja-g++-compile.txt", "ninja-clang++-compile.txt"}) {
    const auto d = parse_file(name);
    ASSERT_EQ(d.size(), 2U) << name;
    EXPECT_EQ(d[0].file, "/tmp/g2-diag/proj/sum.cpp");
    EXPECT_EQ(d[0].line, 8);
    EXPECT_EQ(d[0].column, 10);
    EXPECT_EQ(d[0].severity, "error");
    EXPECT_EQ(d[1].severity, "warning");
    EXPECT_EQ(d[1].context.find("ninja"), std::string::npos) << d[1].context;
  }
  EXPECT_EQ(parse_file("ninja-clang++-compile.txt")[0].message, "use of undeclared identifier 'combine'");
}

TEST(Diagnostics, NinjaLinkFailureWithoutDebugInfo) {
  for (const char* name : {"ninja-g++-link.txt", "ninja-clang++-link.txt"}) {
    const auto errors = first_errors(parse_file(name), 5);
    ASSERT_EQ(errors.size(), 2U) << name;
    // "main.cpp:(.text+0x51): undefined reference to ...": a section offset, no line.
    expect_diagnostic(errors[0], "main.cpp", 0, 0, "error",
                      "undefined reference to `parallel_sum(std::vector<double, std::allocator<double> > const&, "
                      "int)'");
    EXPECT_EQ(errors[0].context, "/usr/bin/ld: CMakeFiles/sample.dir/main.cpp.o: in function `main':");
  }
}

TEST(Diagnostics, WarningsOnlyGiveNoErrors) {
  const auto gcc = parse_file("g++-warning_only.txt");
  ASSERT_EQ(gcc.size(), 3U);
  EXPECT_EQ(gcc[0].message,
            "comparison of integer expressions of different signedness: ‘int’ and ‘std::vector<int>::size_type’ "
            "{aka ‘long unsigned int’} [-Wsign-compare]");
  EXPECT_TRUE(first_errors(gcc, 10).empty());
  const auto clang = parse_file("clang++-warning_only.txt");
  ASSERT_EQ(clang.size(), 3U) << "'3 warnings generated.' is no diagnostic";
  EXPECT_TRUE(first_errors(clang, 10).empty());
}

TEST(Diagnostics, FirstErrorsDropsRepeatsAndHonoursMax) {
  // A header's error is printed once per translation unit that includes it.
  const std::string once = read_file(kData / "g++-undeclared.txt");
  const auto twice = parse_diagnostics(once + once);
  ASSERT_EQ(twice.size(), 2U);
  EXPECT_EQ(first_errors(twice, 10).size(), 1U);
  EXPECT_TRUE(first_errors(parse_file("g++-no_std_include.txt"), 0).empty());
  EXPECT_EQ(first_errors(parse_file("g++-no_std_include.txt"), 2).size(), 2U);
}

TEST(Diagnostics, LinkerLinesWithoutASeverity) {
  // Hand-written, in GNU ld's format, for failures the captured data lacks.
  const auto d = parse_diagnostics(
      "/usr/bin/ld: cannot find -lparlab_missing: No such file or directory\n"
      "/usr/bin/ld: warning: creating DT_TEXTREL in a PIE\n"
      "/usr/bin/ld: DWARF error: could not find variable specification at offset 0x1234\n"
      "collect2: error: ld returned 1 exit status\n");
  ASSERT_EQ(d.size(), 3U);
  expect_diagnostic(d[0], "", 0, 0, "error", "cannot find -lparlab_missing: No such file or directory");
  expect_diagnostic(d[1], "", 0, 0, "warning", "creating DT_TEXTREL in a PIE");
  expect_diagnostic(d[2], "", 0, 0, "error", "ld returned 1 exit status");
}

TEST(Diagnostics, GarbageAndTruncatedOutputNeverThrows) {
  static constexpr char kBinary[] = "\0\xff\x1b[\x1b]8;;\x1b:1:2: error:\n: error: x\n::: note: \n\x1b";
  for (const std::string_view garbage :
       {std::string_view{}, std::string_view{"\n"}, std::string_view{": error: "}, std::string_view{"a:1:1: error:"},
        std::string_view{"/usr/bin/ld: "}, std::string_view{"x.cpp:99999999999999:1: error: big"},
        std::string_view{kBinary, sizeof(kBinary) - 1}}) {
    EXPECT_NO_THROW((void)first_errors(parse_diagnostics(garbage), 3)) << garbage;
  }
  std::size_t cuts = 0;
  for (const auto& entry : fs::directory_iterator(kData)) {
    if (entry.path().extension() != ".txt") continue;
    const std::string text = read_file(entry.path());
    for (std::size_t n = 0; n < text.size(); n += 97, ++cuts) {
      ASSERT_NO_THROW((void)first_errors(parse_diagnostics(std::string_view(text.data(), n)), 3))
          << entry.path() << " cut at " << n;
    }
  }
  EXPECT_GT(cuts, 100U) << "the fuzzing saw too little data";
}

}  // namespace
