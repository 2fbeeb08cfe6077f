#include "steps/build/source_checks.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <string>
#include <system_error>

// The `-E` texts below are real clang 14 output (clang++ -std=c++20 -O2
// -DNDEBUG -E, and the same with -fsanitize=thread), with the capture
// folder renamed to /s/src/ex (or /nonexistent/parlab) and, where a file
// was entered from the student file, what is nested deeper left out: the
// entry and return markers of every file the student file includes are kept
// as clang wrote them.

namespace {

namespace fs = std::filesystem;
using namespace parlab::grader::build;

bool in_exercise(std::string_view f) { return f.starts_with("/s/src/ex/"); }
bool nobody(std::string_view) { return false; }

// ---- 1. Inclusions ---------------------------------------------------------------

// lines.cpp, the #include lines: 2 "inc/a.hpp"; 3-7 an #if 0 block;
// 8 <cassert>; 9-11 a comment; 12-14 macros, one of them continued on line 14;
// 15 `#include HDR` (HDR = "inc/sub/b.hpp"); 19-30 a 10-line #if 0 block;
// 31-32 `#include \` + `<cstddef>`; 33 "inc/a.hpp" again (#pragma once: not
// entered); 34 `%:include <climits>`; 35-37 a macro call over three lines;
// 38 <atomic>.
constexpr std::string_view kLinesPp = R"pp(# 1 "/s/src/ex/lines.cpp"
# 1 "<built-in>" 1
# 1 "<built-in>" 3
# 431 "<built-in>" 3
# 1 "<command line>" 1
# 1 "<built-in>" 2
# 1 "/s/src/ex/lines.cpp" 2

# 1 "/s/src/ex/inc/a.hpp" 1

int a_value = 1;
# 3 "/s/src/ex/lines.cpp" 2





# 1 "/usr/bin/../lib/gcc/x86_64-linux-gnu/12/../../../../include/c++/12/cassert" 1 3
# 9 "/s/src/ex/lines.cpp" 2






# 1 "/s/src/ex/inc/sub/b.hpp" 1


int b_value = 2;
# 16 "/s/src/ex/lines.cpp" 2
int f(int q) {
  return ((q) + 1);
}
# 32 "/s/src/ex/lines.cpp"
# 1 "/usr/bin/../lib/gcc/x86_64-linux-gnu/12/../../../../include/c++/12/cstddef" 1 3
# 33 "/s/src/ex/lines.cpp" 2

# 1 "/usr/bin/../lib/gcc/x86_64-linux-gnu/12/../../../../include/c++/12/climits" 1 3
# 35 "/s/src/ex/lines.cpp" 2
int g = ((2) + 1);


# 1 "/usr/bin/../lib/gcc/x86_64-linux-gnu/12/../../../../include/c++/12/atomic" 1 3
# 39 "/s/src/ex/lines.cpp" 2
)pp";

TEST(SourceChecksInclusions, LineOfEachIncludeInRealClangOutput) {
  const auto inc = inclusions(kLinesPp, in_exercise);
  ASSERT_EQ(inc.size(), 6U);
  const int expected_lines[] = {2, 8, 15, 32, 34, 38};
  for (std::size_t i = 0; i < inc.size(); ++i) {
    EXPECT_EQ(inc[i].from_file, "/s/src/ex/lines.cpp") << i;
    EXPECT_EQ(inc[i].from_line, expected_lines[i]) << inc[i].file;
    EXPECT_TRUE(inc[i].direct) << i;
  }
  EXPECT_EQ(inc[0].file, "/s/src/ex/inc/a.hpp");
  EXPECT_EQ(inc[2].file, "/s/src/ex/inc/sub/b.hpp");
  EXPECT_TRUE(inc[3].file.ends_with("/c++/12/cstddef"));
}

TEST(SourceChecksInclusions, PseudoFilesAreNotListedAndNotDirect) {
  // A -include on the command line: entered from <built-in>.
  const std::string pp =
      "# 1 \"/s/src/ex/inc.cpp\"\n"
      "# 1 \"<built-in>\" 1\n"
      "# 1 \"<built-in>\" 3\n"
      "# 431 \"<built-in>\" 3\n"
      "# 1 \"<command line>\" 1\n"
      "# 1 \"<built-in>\" 2\n"
      "# 1 \"/k/forced.hpp\" 1\n"
      "int forced;\n"
      "# 2 \"<built-in>\" 2\n"
      "# 1 \"/s/src/ex/inc.cpp\" 2\n"
      "int x;\n";
  const auto inc = inclusions(pp, in_exercise);
  ASSERT_EQ(inc.size(), 1U);
  EXPECT_EQ(inc[0].file, "/k/forced.hpp");
  EXPECT_EQ(inc[0].from_file, "<built-in>");
  EXPECT_FALSE(inc[0].direct);
}

TEST(SourceChecksInclusions, NestedIncludesAreIndirectUnlessFromAStudentFile) {
  const std::string pp =
      "# 1 \"/s/src/ex/student.cpp\"\n"
      "# 1 \"/s/src/ex/helper.hpp\" 1\n"
      "\n"  // #pragma once
      "# 1 \"/usr/include/c++/12/vector\" 1 3\n"
      "# 1 \"/usr/include/c++/12/bits/stl_vector.h\" 1 3\n"
      "# 2 \"/usr/include/c++/12/vector\" 2 3\n"
      "# 3 \"/s/src/ex/helper.hpp\" 2\n"
      "# 1 \"/s/src/ex/student.cpp\" 2\n"
      "int x;\n";
  const auto inc = inclusions(pp, in_exercise);
  ASSERT_EQ(inc.size(), 3U);
  EXPECT_TRUE(inc[0].direct);
  EXPECT_EQ(inc[0].from_line, 1);
  EXPECT_EQ(inc[1].from_file, "/s/src/ex/helper.hpp");
  EXPECT_EQ(inc[1].from_line, 2);
  EXPECT_TRUE(inc[1].direct);  // from the student's own header
  EXPECT_EQ(inc[2].from_file, "/usr/include/c++/12/vector");
  EXPECT_FALSE(inc[2].direct);
}

TEST(SourceChecksInclusions, LineDirectiveCannotRenameTheIncluder) {
  // #line 100 "/usr/include/c++/12/vector" in the student file, then an
  // #include: the lines are still the student file's.
  const std::string pp =
      "# 1 \"/s/src/ex/student.cpp\"\n"
      "int a;\n"
      "# 100 \"/usr/include/c++/12/vector\"\n"
      "# 1 \"/s/src/ex/../../../solutions/x.hpp\" 1\n"
      "int sol;\n"
      "# 101 \"/usr/include/c++/12/vector\" 2\n";
  const auto inc = inclusions(pp, in_exercise);
  ASSERT_EQ(inc.size(), 1U);
  EXPECT_EQ(inc[0].from_file, "/s/src/ex/student.cpp");
  EXPECT_EQ(inc[0].from_line, 100);  // numbered as the #line said
  EXPECT_TRUE(inc[0].direct);
}

TEST(SourceChecksInclusions, StudentHeaderByAnOddSpellingIsStillTheStudents) {
  // `#include "./helper.hpp"` from /s/src/ex/student.cpp names
  // "/s/src/ex/./helper.hpp"; the caller's test knows "/s/src/ex/helper.hpp".
  auto exact = [](std::string_view f) { return f == "/s/src/ex/student.cpp" || f == "/s/src/ex/helper.hpp"; };
  const std::string pp =
      "# 1 \"/s/src/ex/student.cpp\"\n"
      "# 1 \"/s/src/ex/./helper.hpp\" 1\n"
      "# 1 \"/usr/include/unistd.h\" 1 3 4\n"
      "# 2 \"/s/src/ex/./helper.hpp\" 2\n"
      "asm(\"nop\");\n"
      "# 2 \"/s/src/ex/student.cpp\" 2\n";
  const auto inc = inclusions(pp, exact);
  ASSERT_EQ(inc.size(), 2U);
  EXPECT_TRUE(inc[1].direct);
  const auto found = forbidden_tokens(pp, exact);
  ASSERT_EQ(found.size(), 1U);
  EXPECT_EQ(found[0].file, "/s/src/ex/./helper.hpp");
  EXPECT_EQ(found[0].line, 2);
}

TEST(SourceChecksInclusions, EscapedNamesAndGarbage) {
  const std::string pp =
      "# 1 \"/s/src/ex/student.cpp\"\n"
      "# 1 \"/s/src/ex/we\\\"ird\\\\name.hpp\" 1\n"
      "# 2 \"/s/src/ex/student.cpp\" 2\n"
      "# \n#  x\n# 99999999999999999999 \"a\n# 3 \"unterminated\n";
  const auto inc = inclusions(pp, in_exercise);
  ASSERT_EQ(inc.size(), 1U);
  EXPECT_EQ(inc[0].file, "/s/src/ex/we\"ird\\name.hpp");
  EXPECT_TRUE(inclusions("", in_exercise).empty());
  EXPECT_TRUE(inclusions("int x;\n# 5 \"a.cpp\" 2\n# 1 \"b.hpp\" 1\n", in_exercise).size() == 1U);
}

// ---- 1. Include policy -----------------------------------------------------------

// student.cpp includes, line by line: 1 "api.hpp", 2 "parlab/random.hpp",
// 3 <vector>, 4 <stdio.h>, 5 <unistd.h>,
// 6 "parlab/../../../solutions/ex/x.cpp", 7 an absolute path to
// solutions/ex/x.hpp, 8 "hidden/h.hpp", 9 "tests/t.hpp", 10 "../other/o.hpp";
// 11 #define PARLAB_USER_CONFIG "../../../solutions/ex/x.hpp";
// 12 <parlab/config.hpp>, which does `#include PARLAB_USER_CONFIG` on its line 3.
// Compiled with -I exercises/ex -I kit/include.
constexpr std::string_view kPolicyPp = R"pp(# 1 "/nonexistent/parlab/exercises/ex/student.cpp"
# 1 "<built-in>" 1
# 1 "/nonexistent/parlab/exercises/ex/student.cpp" 2
# 1 "/nonexistent/parlab/exercises/ex/api.hpp" 1
# 2 "/nonexistent/parlab/exercises/ex/student.cpp" 2
# 1 "/nonexistent/parlab/kit/include/parlab/random.hpp" 1
# 3 "/nonexistent/parlab/exercises/ex/student.cpp" 2
# 1 "/usr/bin/../lib/gcc/x86_64-linux-gnu/12/../../../../include/c++/12/vector" 1 3
# 4 "/nonexistent/parlab/exercises/ex/student.cpp" 2
# 1 "/usr/include/stdio.h" 1 3 4
# 1 "/usr/include/x86_64-linux-gnu/bits/types.h" 1 3 4
# 28 "/usr/include/stdio.h" 2 3 4
# 5 "/nonexistent/parlab/exercises/ex/student.cpp" 2
# 1 "/usr/include/unistd.h" 1 3 4
# 6 "/nonexistent/parlab/exercises/ex/student.cpp" 2
# 1 "/nonexistent/parlab/kit/include/parlab/../../../solutions/ex/x.cpp" 1
int solution();
# 7 "/nonexistent/parlab/exercises/ex/student.cpp" 2
# 1 "/nonexistent/parlab/solutions/ex/x.hpp" 1
int solution_h();
# 8 "/nonexistent/parlab/exercises/ex/student.cpp" 2
# 1 "/nonexistent/parlab/exercises/ex/hidden/h.hpp" 1
int h();
# 9 "/nonexistent/parlab/exercises/ex/student.cpp" 2
# 1 "/nonexistent/parlab/exercises/ex/tests/t.hpp" 1
int t();
# 10 "/nonexistent/parlab/exercises/ex/student.cpp" 2
# 1 "/nonexistent/parlab/exercises/ex/../other/o.hpp" 1
int o();
# 11 "/nonexistent/parlab/exercises/ex/student.cpp" 2

# 1 "/nonexistent/parlab/kit/include/parlab/config.hpp" 1


# 1 "/nonexistent/parlab/kit/include/parlab/../../../solutions/ex/x.hpp" 1
int solution_h();
# 4 "/nonexistent/parlab/kit/include/parlab/config.hpp" 2
# 13 "/nonexistent/parlab/exercises/ex/student.cpp" 2
int main() {}
)pp";

constexpr std::string_view kRoot = "/nonexistent/parlab";

bool policy_student(std::string_view f) { return f == "/nonexistent/parlab/exercises/ex/student.cpp"; }

IncludePolicy kit_policy() {
  IncludePolicy p;
  p.system_dirs = {"/usr/include/c++/12", "/usr/include/x86_64-linux-gnu/c++/12",
                   "/usr/lib/llvm-14/lib/clang/14.0.6/include"};
  p.allowed_dirs = {std::string(kRoot) + "/kit/include/parlab", "/usr/include/tbb", "/usr/include/oneapi"};
  p.allowed_files = {std::string(kRoot) + "/exercises/ex/api.hpp", std::string(kRoot) + "/exercises/ex/student.cpp"};
  p.c_headers_dirs = {"/usr/include"};
  return p;
}

// The inclusion made on `line` of the student file.
std::vector<Inclusion> made_on(const std::vector<Inclusion>& all, int line) {
  std::vector<Inclusion> out;
  std::copy_if(all.begin(), all.end(), std::back_inserter(out),
               [&](const Inclusion& i) { return i.direct && i.from_line == line; });
  return out;
}

TEST(SourceChecksPolicy, TheRealInclusionsAreAsWritten) {
  const auto inc = inclusions(kPolicyPp, policy_student);
  ASSERT_EQ(inc.size(), 13U);
  for (int line = 1; line <= 10; ++line) EXPECT_EQ(made_on(inc, line).size(), 1U) << line;
  EXPECT_EQ(made_on(inc, 12).size(), 1U);
  EXPECT_FALSE(inc[4].direct);  // bits/types.h, from stdio.h
  EXPECT_FALSE(inc[12].direct);
  EXPECT_EQ(inc[12].from_file, "/nonexistent/parlab/kit/include/parlab/config.hpp");
  EXPECT_EQ(inc[12].from_line, 3);
}

TEST(SourceChecksPolicy, AllowedHeadersPass) {
  const auto inc = inclusions(kPolicyPp, policy_student);
  std::vector<Inclusion> ok;
  for (int line = 1; line <= 4; ++line) {
    const auto made = made_on(inc, line);
    ok.insert(ok.end(), made.begin(), made.end());
  }
  ok.push_back(inc[4]);  // glibc's own bits/types.h, from <stdio.h>
  EXPECT_FALSE(first_forbidden_include(ok, kit_policy()).has_value());
}

TEST(SourceChecksPolicy, EveryTrickIsAViolation) {
  const auto inc = inclusions(kPolicyPp, policy_student);
  const auto policy = kit_policy();
  struct Case {
    int line;
    std::string_view why;
  };
  const Case cases[] = {
      {5, "includes <unistd.h>, which is not a C standard library header"},
      {6, "includes a source file (.cpp)"},                  // parlab/../../../solutions/ex/x.cpp
      {7, "includes a file outside the allowed headers"},    // absolute path
      {8, "includes a file outside the allowed headers"},    // hidden/
      {9, "includes a file outside the allowed headers"},    // tests/
      {10, "includes a file outside the allowed headers"},   // another exercise
  };
  for (const Case& c : cases) {
    const auto v = first_forbidden_include(made_on(inc, c.line), policy);
    ASSERT_TRUE(v.has_value()) << c.line;
    EXPECT_EQ(v->from_line, c.line);
    EXPECT_EQ(v->from_file, "/nonexistent/parlab/exercises/ex/student.cpp");
    EXPECT_EQ(v->why, c.why) << c.line;
  }
  // All of them together: the first one, on line 5.
  const auto first = first_forbidden_include(inc, policy);
  ASSERT_TRUE(first.has_value());
  EXPECT_EQ(first->from_line, 5);
  EXPECT_EQ(first->file, "/usr/include/unistd.h");
}

TEST(SourceChecksPolicy, AnAllowedHeaderSteeredToAnotherFileIsAViolation) {
  // config.hpp is allowed; what its `#include PARLAB_USER_CONFIG` pulled in is not.
  const auto inc = inclusions(kPolicyPp, policy_student);
  const std::vector<Inclusion> steered(inc.end() - 2, inc.end());
  const auto v = first_forbidden_include(steered, kit_policy());
  ASSERT_TRUE(v.has_value());
  EXPECT_EQ(v->file, "/nonexistent/parlab/kit/include/parlab/../../../solutions/ex/x.hpp");
  EXPECT_EQ(v->from_file, "/nonexistent/parlab/kit/include/parlab/config.hpp");
  EXPECT_EQ(v->from_line, 3);
  EXPECT_EQ(v->why, "a header pulls in a file outside the allowed headers");
}

TEST(SourceChecksPolicy, CHeadersOnlyByTheirStandardNames) {
  const auto policy = kit_policy();
  auto direct = [](std::string file) {
    return std::vector<Inclusion>{{std::move(file), "/nonexistent/parlab/exercises/ex/student.cpp", 1, true}};
  };
  for (const char* ok : {"/usr/include/stdio.h", "/usr/include/assert.h", "/usr/include/wctype.h",
                         "/usr/include/math.h", "/usr/include/./string.h"}) {
    EXPECT_FALSE(first_forbidden_include(direct(ok), policy).has_value()) << ok;
  }
  const auto sys = first_forbidden_include(direct("/usr/include/sys/time.h"), policy);
  ASSERT_TRUE(sys.has_value());
  EXPECT_EQ(sys->why, "includes <sys/time.h>, which is not a C standard library header");
  for (const char* bad : {"/usr/include/dlfcn.h", "/usr/include/gtest/gtest.h", "/usr/include/x86_64-linux-gnu/bits/types.h",
                          "/usr/include/c++/12/../../stdio.h/../unistd.h"}) {
    EXPECT_TRUE(first_forbidden_include(direct(bad), policy).has_value()) << bad;
  }
  // A header of the C++ library may include glibc's internals.
  const std::vector<Inclusion> indirect = {{"/usr/include/x86_64-linux-gnu/bits/types.h", "/usr/include/stdio.h", 27, false}};
  EXPECT_FALSE(first_forbidden_include(indirect, policy).has_value());
}

TEST(SourceChecksPolicy, SystemDirsAsTheCompilerSpellsThem) {
  const auto policy = kit_policy();
  const std::vector<Inclusion> inc = {
      {"/usr/bin/../lib/gcc/x86_64-linux-gnu/12/../../../../include/c++/12/vector", "/nonexistent/parlab/exercises/ex/student.cpp", 3, true},
      {"/usr/lib/llvm-14/lib/clang/14.0.6/include/immintrin.h", "/nonexistent/parlab/exercises/ex/student.cpp", 4, true},
      {"/usr/include/tbb/parallel_for.h", "/nonexistent/parlab/exercises/ex/student.cpp", 5, true},
      {"/usr/include/oneapi/tbb/detail/_config.h", "/usr/include/tbb/parallel_for.h", 1, false}};
  EXPECT_FALSE(first_forbidden_include(inc, policy).has_value());
  // But not a sibling dir whose name merely starts the same.
  const std::vector<Inclusion> sibling = {{"/usr/include/tbbx/evil.h", "/nonexistent/parlab/exercises/ex/student.cpp", 1, true}};
  EXPECT_TRUE(first_forbidden_include(sibling, policy).has_value());
}

TEST(SourceChecksPolicy, StudentSourceFilesCannotBeIncludedEvenIfListed) {
  auto policy = kit_policy();
  policy.allowed_files.push_back(std::string(kRoot) + "/exercises/ex/other_student.cpp");
  const std::vector<Inclusion> inc = {{std::string(kRoot) + "/exercises/ex/other_student.cpp",
                                       std::string(kRoot) + "/exercises/ex/student.cpp", 2, true}};
  const auto v = first_forbidden_include(inc, policy);
  ASSERT_TRUE(v.has_value());
  EXPECT_EQ(v->why, "includes a source file (.cpp)");
  // A student header is fine, also spelled with "." and "..".
  const std::vector<Inclusion> header = {{std::string(kRoot) + "/exercises/ex/./sub/../api.hpp",
                                          std::string(kRoot) + "/exercises/ex/student.cpp", 1, true}};
  EXPECT_FALSE(first_forbidden_include(header, policy).has_value());
}

TEST(SourceChecksPolicy, RelativeNamesResolveAgainstTheCompilersDirectory) {
  auto policy = kit_policy();
  policy.working_dir = std::string(kRoot) + "/build/tsan";
  policy.allowed_dirs.push_back("../../kit/include/parlab/");  // relative, with a trailing slash
  const std::vector<Inclusion> ok = {{"../../kit/include/parlab/random.hpp", "../../exercises/ex/student.cpp", 1, true}};
  EXPECT_FALSE(first_forbidden_include(ok, policy).has_value());
  const std::vector<Inclusion> bad = {{"../../exercises/ex/hidden/h.hpp", "../../exercises/ex/student.cpp", 2, true}};
  EXPECT_TRUE(first_forbidden_include(bad, policy).has_value());
}

// A real folder with symlinks: lexically_normal alone would be fooled.
class SourceChecksSymlinks : public ::testing::Test {
 protected:
  void SetUp() override {
    root_ = fs::temp_directory_path() /
            ("parlab_source_checks_" + std::to_string(std::chrono::steady_clock::now().time_since_epoch().count()));
    fs::create_directories(root_ / "allowed");
    fs::create_directories(root_ / "secret/deep");
    write(root_ / "allowed/a.hpp");
    write(root_ / "secret/s.hpp");
    std::error_code ec;
    fs::create_directory_symlink(root_ / "secret/deep", root_ / "allowed/link", ec);
    fs::create_directory_symlink(root_ / "allowed", root_ / "alias", ec);
    symlinks_ = !ec;
  }
  void TearDown() override {
    std::error_code ec;
    fs::remove_all(root_, ec);
  }
  static void write(const fs::path& p) { std::ofstream(p) << "int x;\n"; }
  IncludePolicy policy() const {
    IncludePolicy p;
    p.allowed_dirs = {(root_ / "allowed").string()};
    return p;
  }
  std::vector<Inclusion> direct(const fs::path& file) const {
    return {{file.string(), (root_ / "student.cpp").string(), 1, true}};
  }
  fs::path root_;
  bool symlinks_ = false;
};

TEST_F(SourceChecksSymlinks, DotDotAfterASymlinkLeavesTheAllowedDir) {
  if (!symlinks_) GTEST_SKIP() << "no symlinks here";
  // Lexically allowed/s.hpp; the kernel opens secret/s.hpp.
  const fs::path trick = root_ / "allowed/link/../s.hpp";
  ASSERT_TRUE(fs::exists(trick));
  const auto v = first_forbidden_include(direct(trick), policy());
  ASSERT_TRUE(v.has_value());
  EXPECT_EQ(v->file, trick.string());
  // The same through a header that was allowed: still caught.
  const std::vector<Inclusion> nested = {{trick.string(), (root_ / "allowed/a.hpp").string(), 2, false}};
  EXPECT_TRUE(first_forbidden_include(nested, policy()).has_value());
}

TEST_F(SourceChecksSymlinks, ASymlinkIntoTheAllowedDirIsFine) {
  if (!symlinks_) GTEST_SKIP() << "no symlinks here";
  EXPECT_FALSE(first_forbidden_include(direct(root_ / "alias/a.hpp"), policy()).has_value());
  EXPECT_FALSE(first_forbidden_include(direct(root_ / "allowed/../alias/./a.hpp"), policy()).has_value());
}

TEST(SourceChecksPolicy, CompilerSystemDirs) {
  // clang++ -std=c++20 -E -x c++ - -v </dev/null, stderr (clang 14, Debian 12).
  const std::string v = R"(Debian clang version 14.0.6
Target: x86_64-pc-linux-gnu
Thread model: posix
InstalledDir: /usr/bin
Found candidate GCC installation: /usr/bin/../lib/gcc/x86_64-linux-gnu/12
Selected GCC installation: /usr/bin/../lib/gcc/x86_64-linux-gnu/12
Candidate multilib: .;@m64
Selected multilib: .;@m64
 (in-process)
 "/usr/lib/llvm-14/bin/clang" -cc1 -triple x86_64-pc-linux-gnu -E -internal-isystem /usr/local/include -std=c++20 -o - -x c++ -
clang -cc1 version 14.0.6 based upon LLVM 14.0.6 default target x86_64-pc-linux-gnu
ignoring nonexistent directory "/usr/bin/../lib/gcc/x86_64-linux-gnu/12/../../../../x86_64-linux-gnu/include"
ignoring nonexistent directory "/include"
#include "..." search starts here:
 /quoted/only
#include <...> search starts here:
 /usr/bin/../lib/gcc/x86_64-linux-gnu/12/../../../../include/c++/12
 /usr/bin/../lib/gcc/x86_64-linux-gnu/12/../../../../include/x86_64-linux-gnu/c++/12
 /usr/bin/../lib/gcc/x86_64-linux-gnu/12/../../../../include/c++/12/backward
 /usr/lib/llvm-14/lib/clang/14.0.6/include
 /usr/local/include
 /usr/include/x86_64-linux-gnu
 /usr/include
 /Library/Frameworks (framework directory)
End of search list.
# 1 "<stdin>"
)";
  const std::vector<std::string> expected = {"/usr/include/c++/12",
                                             "/usr/include/x86_64-linux-gnu/c++/12",
                                             "/usr/include/c++/12/backward",
                                             "/usr/lib/llvm-14/lib/clang/14.0.6/include",
                                             "/usr/local/include",
                                             "/usr/include/x86_64-linux-gnu",
                                             "/usr/include",
                                             "/Library/Frameworks"};
  EXPECT_EQ(compiler_system_dirs(v), expected);
  EXPECT_TRUE(compiler_system_dirs("").empty());
  EXPECT_TRUE(compiler_system_dirs("#include <...> search starts here:\n").empty());
}

// ---- 2. Same tokens under the sanitizer ------------------------------------------

// evade.cpp: <atomic> <cassert> <thread> on lines 1-3; CAT(a, b) pastes;
// 10-12 `#ifdef __SANITIZE_THREAD__` (clang 14 defines no such macro: no
// difference, config_macro_uses reports it); 13-17 `#if
// CAT(__has_, feature)(thread_sanitizer)` defines GUARDED; work() on 19-26
// uses an atomic (lines 21-22) under GUARDED, a plain int (line 24) otherwise.
constexpr std::string_view kEvadeRelease = R"pp(# 1 "/s/src/ex/evade.cpp"
# 1 "<built-in>" 1
# 1 "/s/src/ex/evade.cpp" 2
# 1 "/usr/bin/../lib/gcc/x86_64-linux-gnu/12/../../../../include/c++/12/atomic" 1 3
# 2 "/s/src/ex/evade.cpp" 2
# 1 "/usr/bin/../lib/gcc/x86_64-linux-gnu/12/../../../../include/c++/12/cassert" 1 3
# 3 "/s/src/ex/evade.cpp" 2
# 1 "/usr/bin/../lib/gcc/x86_64-linux-gnu/12/../../../../include/c++/12/thread" 1 3
# 4 "/s/src/ex/evade.cpp" 2




int counter = 0;
# 19 "/s/src/ex/evade.cpp"
void work() {




  ++counter;

}

int main() {
  std::thread t(work);
  work();
  t.join();
  (static_cast<void> (0));
}
)pp";

constexpr std::string_view kEvadeTsan = R"pp(# 1 "/s/src/ex/evade.cpp"
# 1 "<built-in>" 1
# 1 "/s/src/ex/evade.cpp" 2
# 1 "/usr/bin/../lib/gcc/x86_64-linux-gnu/12/../../../../include/c++/12/atomic" 1 3
# 2 "/s/src/ex/evade.cpp" 2
# 1 "/usr/bin/../lib/gcc/x86_64-linux-gnu/12/../../../../include/c++/12/cassert" 1 3
# 3 "/s/src/ex/evade.cpp" 2
# 1 "/usr/bin/../lib/gcc/x86_64-linux-gnu/12/../../../../include/c++/12/thread" 1 3
# 4 "/s/src/ex/evade.cpp" 2




int counter = 0;
# 19 "/s/src/ex/evade.cpp"
void work() {

  static std::atomic<int> safe{0};
  ++safe;


}

int main() {
  std::thread t(work);
  work();
  t.join();
  (static_cast<void> (0));
}
)pp";

constexpr std::string_view kEvadeSource = R"src(#include <atomic>
#include <cassert>
#include <thread>

#define CAT2(a, b) a##b
#define CAT(a, b) CAT2(a, b)

int counter = 0;

#ifdef __SANITIZE_THREAD__
#  define GUARDED 1
#endif
#if defined(__has_feature)
#  if CAT(__has_, feature)(thread_sanitizer)
#    define GUARDED 1
#  endif
#endif

void work() {
#ifdef GUARDED
  static std::atomic<int> safe{0};
  ++safe;
#else
  ++counter;
#endif
}

int main() {
  std::thread t(work);
  work();
  t.join();
  assert(counter >= 0);
}
)src";

TEST(SourceChecksTokens, SanitizerOnlyCodeFoundAtItsLine) {
  const auto d = first_token_difference(kEvadeRelease, kEvadeTsan, in_exercise);
  ASSERT_TRUE(d.has_value());
  EXPECT_EQ(d->file, "/s/src/ex/evade.cpp");
  EXPECT_EQ(d->line, 21);
  EXPECT_EQ(d->release_text, "");
  EXPECT_EQ(d->tsan_text, "static std :: atomic < int > safe { 0 } ;");
  // The other way round, the release-only line comes first... at line 21 too,
  // since that is the tsan build's first line missing from the release one.
  const auto back = first_token_difference(kEvadeTsan, kEvadeRelease, in_exercise);
  ASSERT_TRUE(back.has_value());
  EXPECT_EQ(back->line, 21);
  EXPECT_EQ(back->release_text, "static std :: atomic < int > safe { 0 } ;");
  // What the raw source check says about the same file.
  const auto uses = config_macro_uses(kEvadeSource);
  ASSERT_EQ(uses.size(), 2U);
  EXPECT_EQ(uses[0].what, "tests __SANITIZE_THREAD__");
  EXPECT_EQ(uses[0].line, 10);
  EXPECT_EQ(uses[1].what, "tests __has_feature");
  EXPECT_EQ(uses[1].line, 13);
}

// ordinary.cpp: tbb, <atomic>, <cassert>, <thread>, <vector>; nothing
// depends on the sanitizer. The two builds' outputs differ in libstdc++'s
// own lines (shared_ptr_base.h), which were left out here; see
// SystemHeaderLinesDoNotCount for those.
constexpr std::string_view kOrdinary = R"pp(# 1 "/s/src/ex/ordinary.cpp"
# 1 "<built-in>" 1
# 1 "/s/src/ex/ordinary.cpp" 2

# 1 "/usr/include/tbb/blocked_range.h" 1 3 4
# 3 "/s/src/ex/ordinary.cpp" 2
# 1 "/usr/include/tbb/parallel_reduce.h" 1 3 4
# 4 "/s/src/ex/ordinary.cpp" 2


# 1 "/usr/bin/../lib/gcc/x86_64-linux-gnu/12/../../../../include/c++/12/cassert" 1 3
# 7 "/s/src/ex/ordinary.cpp" 2




long sum(const std::vector<long>& v) {
  (static_cast<void> (0));
  return tbb::parallel_reduce(
      tbb::blocked_range<std::size_t>(0, v.size()), 0L,
      [&](const tbb::blocked_range<std::size_t>& r, long acc) {
        for (std::size_t i = r.begin(); i != r.end(); ++i) acc += v[i];
        return acc;
      },
      [](long a, long b) { return a + b; });
}

int count(int threads) {
  std::atomic<int> n{0};
  std::vector<std::thread> pool;
  for (int t = 0; t < threads; ++t) pool.emplace_back([&] { n.fetch_add(1, std::memory_order_relaxed); });
  for (auto& t : pool) t.join();
  return n.load();
}
)pp";

TEST(SourceChecksTokens, OrdinaryFileHasNoDifference) {
  EXPECT_FALSE(first_token_difference(kOrdinary, kOrdinary, in_exercise).has_value());
  EXPECT_TRUE(forbidden_tokens(kOrdinary, in_exercise).empty());
  const auto inc = inclusions(kOrdinary, in_exercise);
  ASSERT_EQ(inc.size(), 3U);
  EXPECT_EQ(inc[0].from_line, 2);
  EXPECT_EQ(inc[1].from_line, 3);
  EXPECT_EQ(inc[2].from_line, 6);
}

TEST(SourceChecksTokens, SystemHeaderLinesDoNotCount) {
  // Real lines of shared_ptr_base.h: the tsan build skips the lock-free path.
  const std::string head =
      "# 1 \"/s/src/ex/s.cpp\"\n"
      "# 1 \"/usr/include/c++/12/memory\" 1 3\n"
      "# 1 \"/usr/include/c++/12/bits/shared_ptr_base.h\" 1 3\n";
  const std::string tail =
      "# 2 \"/usr/include/c++/12/memory\" 2 3\n"
      "# 2 \"/s/src/ex/s.cpp\" 2\n"
      "std::shared_ptr<int> p;\n";
  const std::string release = head +
                              "      constexpr bool __lock_free\n"
                              " = __atomic_always_lock_free(sizeof(long long), 0)\n"
                              " && __atomic_always_lock_free(sizeof(_Atomic_word), 0);\n" +
                              tail;
  const std::string tsan = head + "# 359 \"/usr/include/c++/12/bits/shared_ptr_base.h\" 3\n" + tail;
  EXPECT_FALSE(first_token_difference(release, tsan, in_exercise).has_value());
}

// comments.cpp: `#include <cstddef>`; 2-13 a tsan-only branch holding only
// comments (no difference); int same on line 14; 15-17 a tsan-only
// `#include <mutex>`; int after on line 18.
constexpr std::string_view kCommentsRelease = R"pp(# 1 "/s/src/ex/comments.cpp"
# 1 "<built-in>" 1
# 1 "/s/src/ex/comments.cpp" 2
# 1 "/usr/bin/../lib/gcc/x86_64-linux-gnu/12/../../../../include/c++/12/cstddef" 1 3
# 2 "/s/src/ex/comments.cpp" 2
# 14 "/s/src/ex/comments.cpp"
int same = 1;



int after = 2;
)pp";

constexpr std::string_view kCommentsTsan = R"pp(# 1 "/s/src/ex/comments.cpp"
# 1 "<built-in>" 1
# 1 "/s/src/ex/comments.cpp" 2
# 1 "/usr/bin/../lib/gcc/x86_64-linux-gnu/12/../../../../include/c++/12/cstddef" 1 3
# 2 "/s/src/ex/comments.cpp" 2
# 14 "/s/src/ex/comments.cpp"
int same = 1;

# 1 "/usr/bin/../lib/gcc/x86_64-linux-gnu/12/../../../../include/c++/12/mutex" 1 3
# 17 "/s/src/ex/comments.cpp" 2

int after = 2;
)pp";

TEST(SourceChecksTokens, IncludeMadeOnlyUnderTheSanitizer) {
  const auto d = first_token_difference(kCommentsRelease, kCommentsTsan, in_exercise);
  ASSERT_TRUE(d.has_value());
  EXPECT_EQ(d->line, 16);
  EXPECT_EQ(d->release_text, "");
  EXPECT_EQ(d->tsan_text, "#include \"c++/12/mutex\"");
}

TEST(SourceChecksTokens, LineMarkerBookkeepingDoesNotCount) {
  // Same tokens on the same lines: blank lines in one, a resync marker and
  // other spacing in the other, and a different <built-in> length.
  const std::string a =
      "# 1 \"/s/src/ex/s.cpp\"\n"
      "# 1 \"<built-in>\" 1\n# 1 \"<built-in>\" 3\n# 431 \"<built-in>\" 3\n# 1 \"<built-in>\" 2\n"
      "# 1 \"/s/src/ex/s.cpp\" 2\n"
      "int a = 1;\n\n\n\n"
      "int   b=2 ;\n";
  const std::string b =
      "# 1 \"/s/src/ex/s.cpp\"\n"
      "# 1 \"<built-in>\" 1\n# 1 \"<built-in>\" 3\n# 436 \"<built-in>\" 3\n# 1 \"<built-in>\" 2\n"
      "# 1 \"/s/src/ex/s.cpp\" 2\n"
      "int a = 1;\n"
      "# 5 \"/s/src/ex/s.cpp\"\n"
      "  int b = 2;\n";
  EXPECT_FALSE(first_token_difference(a, b, in_exercise).has_value());
}

TEST(SourceChecksTokens, SameLineDifferentTokens) {
  const std::string a = "# 1 \"/s/src/ex/s.cpp\"\nint x;\nint y = a + +b;\n";
  const std::string b = "# 1 \"/s/src/ex/s.cpp\"\nint x;\nint y = a ++b;\n";
  const auto d = first_token_difference(a, b, in_exercise);
  ASSERT_TRUE(d.has_value());
  EXPECT_EQ(d->line, 2);
  EXPECT_EQ(d->release_text, "int y = a + + b ;");
  EXPECT_EQ(d->tsan_text, "int y = a ++ b ;");
  // Literals are single tokens: spaces inside one do count.
  const std::string c = "# 1 \"/s/src/ex/s.cpp\"\nint x;\nauto s = \"a  b\";\n";
  const std::string e = "# 1 \"/s/src/ex/s.cpp\"\nint x;\nauto s = \"a b\";\n";
  EXPECT_TRUE(first_token_difference(c, e, in_exercise).has_value());
}

TEST(SourceChecksTokens, LineMissingAtTheEndAndInASecondFile) {
  const std::string base =
      "# 1 \"/s/src/ex/s.cpp\"\n"
      "# 1 \"/s/src/ex/helper.hpp\" 1\n"
      "int h;\n";
  const std::string a = base + "int extra;\n# 2 \"/s/src/ex/s.cpp\" 2\nint x;\n";
  const std::string b = base + "# 2 \"/s/src/ex/s.cpp\" 2\nint x;\n";
  const auto d = first_token_difference(a, b, in_exercise);
  ASSERT_TRUE(d.has_value());
  EXPECT_EQ(d->file, "/s/src/ex/helper.hpp");
  EXPECT_EQ(d->line, 2);
  EXPECT_EQ(d->release_text, "int extra ;");
  EXPECT_EQ(d->tsan_text, "");
  const std::string c = base + "# 2 \"/s/src/ex/s.cpp\" 2\nint x;\nint y;\n";
  const auto end = first_token_difference(b, c, in_exercise);
  ASSERT_TRUE(end.has_value());
  EXPECT_EQ(end->file, "/s/src/ex/s.cpp");
  EXPECT_EQ(end->line, 3);
  EXPECT_EQ(end->tsan_text, "int y ;");
}

TEST(SourceChecksTokens, LongLinesAreShortened) {
  std::string lng = "int v[] = {";
  for (int i = 0; i < 200; ++i) lng += "1, ";
  lng += "};\n";
  const auto d = first_token_difference("# 1 \"/s/src/ex/s.cpp\"\n" + lng, "# 1 \"/s/src/ex/s.cpp\"\n", in_exercise);
  ASSERT_TRUE(d.has_value());
  EXPECT_EQ(d->release_text.size(), 160U);
  EXPECT_TRUE(d->release_text.ends_with("..."));
}

TEST(SourceChecksTokens, NoStudentFilesNoDifference) {
  EXPECT_FALSE(first_token_difference(kEvadeRelease, kEvadeTsan, nobody).has_value());
  EXPECT_FALSE(first_token_difference("", "", in_exercise).has_value());
}

// ---- 3. Configuration macros and line directives ---------------------------------

TEST(SourceChecksConfig, FindsEachMacroWithItsLine) {
  const std::string src =
      "#if defined(__clang__) && __clang_major__ >= 14\n"                       // 1
      "#elif __GNUC__ > 11 || __GNUC_MINOR__ || __GNUG__ || _MSC_VER\n"        // 2
      "#endif\n"                                                                // 3
      "#ifdef __INTEL_COMPILER\n#endif\n"                                       // 4-5
      "#if __has_feature(thread_sanitizer) || __has_extension(x)\n#endif\n"     // 6-7
      "#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_HWADDRESS__)\n"  // 8
      "#endif\n"                                                                // 9
      "const bool fast = __OPTIMIZE__ + __OPTIMIZE_SIZE__ + __NO_INLINE__;\n"   // 10
      "#ifndef NDEBUG\n#endif\n"                                                // 11-12
      "const char* v = __VERSION__; int l = __llvm__;\n";                       // 13
  const auto found = config_macro_uses(src);
  const std::vector<std::pair<std::string, int>> expected = {
      {"tests __clang__", 1},           {"tests __clang_major__", 1},    {"tests __GNUC__", 2},
      {"tests __GNUC_MINOR__", 2},      {"tests __GNUG__", 2},           {"tests _MSC_VER", 2},
      {"tests __INTEL_COMPILER", 4},    {"tests __has_feature", 6},      {"tests __has_extension", 6},
      {"tests __SANITIZE_ADDRESS__", 8}, {"tests __SANITIZE_HWADDRESS__", 8}, {"tests __OPTIMIZE__", 10},
      {"tests __OPTIMIZE_SIZE__", 10},  {"tests __NO_INLINE__", 10},     {"tests NDEBUG", 11},
      {"tests __VERSION__", 13},        {"tests __llvm__", 13}};
  ASSERT_EQ(found.size(), expected.size());
  for (std::size_t i = 0; i < found.size(); ++i) {
    EXPECT_EQ(found[i].what, expected[i].first) << i;
    EXPECT_EQ(found[i].line, expected[i].second) << i;
    EXPECT_EQ(found[i].file, "");
  }
}

TEST(SourceChecksConfig, CommentsAndLiteralsDoNotCount) {
  const std::string src =
      "// #ifdef __clang__\n"
      "/* __SANITIZE_THREAD__\n"
      "   NDEBUG */\n"
      "const char* a = \"__clang__ NDEBUG\";\n"
      "const char* b = R\"x(\n"
      "#if __has_feature(thread_sanitizer) \")\" \n"
      ")x\";\n"
      "const char* c = u8\"__GNUC__\"; char d = '\"'; int e = 1'000'000;\n"
      "const wchar_t* w = LR\"(__llvm__)\";\n"
      "// a comment continued \\\n"
      "   on the next line: __OPTIMIZE__\n"
      "int my__clang__x = 0, NDEBUG_LEVEL = 1, __clang = 2;\n"
      "int after = __GNUC__;\n";
  const auto found = config_macro_uses(src);
  ASSERT_EQ(found.size(), 1U);
  EXPECT_EQ(found[0].what, "tests __GNUC__");
  EXPECT_EQ(found[0].line, 13);
}

TEST(SourceChecksConfig, BackslashNewlineInsideTheName) {
  const std::string src =
      "int x;\n"
      "#ifdef __SANITIZE_\\\n"
      "THREAD__\n"
      "#endif\n"
      "#if __has_\\  \n"  // clang splices with blanks before the newline too
      "feature(thread_sanitizer)\n"
      "#endif\n";
  const auto found = config_macro_uses(src);
  ASSERT_EQ(found.size(), 2U);
  EXPECT_EQ(found[0].what, "tests __SANITIZE_THREAD__");
  EXPECT_EQ(found[0].line, 2);
  EXPECT_EQ(found[1].what, "tests __has_feature");
  EXPECT_EQ(found[1].line, 5);
  // A comment opened by a spliced "/\<newline>*" hides what is in it.
  EXPECT_TRUE(config_macro_uses("/\\\n* __clang__ */ int x;\n").empty());
}

TEST(SourceChecksConfig, CleanSourceAndGarbage) {
  EXPECT_TRUE(config_macro_uses("#include <thread>\nint main() { return 0; }\n").empty());
  EXPECT_TRUE(config_macro_uses("").empty());
  EXPECT_TRUE(config_macro_uses("\"unterminated\n'x\nR\"(never closed\n__clang__").empty());
  EXPECT_TRUE(config_macro_uses("/* never closed __clang__").empty());
}

TEST(SourceChecksLineDirectives, EverySpelling) {
  const std::string src =
      "#line 10\n"                           // 1
      "  #  line 20 \"fake.cpp\"\n"          // 2
      "# 1 \"/usr/include/c++/12/vector\" 1 3\n"  // 3
      "%:line 30\n"                          // 4
      "#/**/line 40\n"                       // 5
      "/* x\n*/ #line 50\n"                  // 6-7
      "#li\\\nne 60\n"                       // 8-9
      "#\\\n 12 \"x\"\n";                    // 10-11
  const auto found = line_directives(src);
  const std::vector<std::pair<std::string, int>> expected = {
      {"uses #line", 1}, {"uses #line", 2}, {"writes a line marker", 3}, {"uses #line", 4},
      {"uses #line", 5}, {"uses #line", 7}, {"uses #line", 8},           {"writes a line marker", 10}};
  ASSERT_EQ(found.size(), expected.size());
  for (std::size_t i = 0; i < found.size(); ++i) {
    EXPECT_EQ(found[i].what, expected[i].first) << i;
    EXPECT_EQ(found[i].line, expected[i].second) << i;
  }
}

TEST(SourceChecksLineDirectives, NotDirectives) {
  const std::string src =
      "#include \"line.h\"\n"
      "#define LINE 1\n"
      "#define STR(line) #line\n"
      "#define H # 1 \"x\" 1\n"  // a '#' in a macro body: clang indents it in -E output
      "int line = __LINE__;\n"
      "// #line 5\n"
      "const char* s = \"#line 5\";\n"
      "#pragma line\n"
      "# ifdef X\n# endif\n";
  EXPECT_TRUE(line_directives(src).empty());
}

// ---- 4. Forbidden calls and tokens -------------------------------------------------

TEST(SourceChecksCalls, RealNmOfATsanObject) {
  // nm --undefined-only of calls.cpp built with -fsanitize=thread (nm -u gives
  // the same): dlsym, getenv, fork/execvp, system, getauxval, environ,
  // posix_spawnp, and std::atomic::wait, whose inline code calls syscall.
  const std::string nm = R"(                 U _Unwind_Resume
                 U _ZNSt6thread15_M_start_threadESt10unique_ptrINS_6_StateESt14default_deleteIS1_EEPFvvE
                 U _ZNSt6thread4joinEv
                 U _ZSt9terminatev
                 U _Znwm
                 U __errno_location
                 U __gxx_personality_v0
                 U __tsan_atomic32_load
                 U __tsan_func_entry
                 U __tsan_init
                 U __tsan_read4
                 U dlsym
                 U environ
                 U execvp
                 U fork
                 U getauxval
                 U getenv
                 U posix_spawnp
                 U sched_yield
                 U syscall
                 U system
)";
  const auto found = forbidden_calls(nm);
  std::vector<std::string> what;
  for (const auto& f : found) {
    what.push_back(f.what);
    EXPECT_EQ(f.line, 0);
  }
  const std::vector<std::string> expected = {"calls dlsym", "calls environ", "calls execvp", "calls fork",
                                             "calls getauxval", "calls getenv", "calls posix_spawnp", "calls system"};
  EXPECT_EQ(what, expected);
}

TEST(SourceChecksCalls, VersionedWeakAndListedForms) {
  const std::string nm =
      "student.o:\n"
      "                 U dlsym@GLIBC_2.34\n"
      "                 U dlopen@@GLIBC_2.34\n"
      "                 w __environ\n"
      "U ptrace\n"
      "                 U prctl@GLIBC_2.2.5\n"
      "                 U dlsym@GLIBC_2.2.5\n"  // the same name again: one finding
      "                 U clone3\n"
      "\n"
      "other.o:\n"
      "                 U process_vm_readv\n"
      "                 U _dl_debug_state\n"
      "                 U mprotect\n";
  std::vector<std::string> what;
  for (const auto& f : forbidden_calls(nm)) what.push_back(f.what);
  const std::vector<std::string> expected = {"calls dlsym",  "calls dlopen",           "calls __environ",
                                             "calls ptrace", "calls prctl",            "calls clone3",
                                             "calls process_vm_readv", "calls _dl_debug_state", "calls mprotect"};
  EXPECT_EQ(what, expected);
}

TEST(SourceChecksCalls, SimilarNamesAreFine) {
  const std::string nm =
      "                 U pthread_create@GLIBC_2.34\n"
      "                 U my_getenv\n"
      "                 U getenv_s\n"
      "                 U _ZN6parlab6systemEv\n"
      "                 U forkjoin\n"
      "                 U __tsan_func_entry\n";
  EXPECT_TRUE(forbidden_calls(nm).empty());
  EXPECT_TRUE(forbidden_calls("").empty());
  EXPECT_TRUE(forbidden_calls("\n   \n:\n").empty());
}

// tricks.cpp, real -E output: a raw string whose lines look like a marker
// entering <vector> (lines 4-6), then `PASTE(sys, call)(SYS_getpid)` on 7,
// `PASTE(a, sm) volatile(...)` on 8, syscall_count and a string on 9-10,
// __builtin_frame_address on 11, an asm label on 12.
constexpr std::string_view kTricks = R"pp(# 1 "/s/src/ex/tricks.cpp"
# 1 "<built-in>" 1
# 1 "<built-in>" 3
# 431 "<built-in>" 3
# 1 "<command line>" 1
# 1 "<built-in>" 2
# 1 "/s/src/ex/tricks.cpp" 2
# 1 "/usr/include/unistd.h" 1 3 4
extern long int syscall (long int __sysno, ...) noexcept (true);
# 2 "/s/src/ex/tricks.cpp" 2
# 1 "/usr/include/x86_64-linux-gnu/sys/syscall.h" 1 3 4
# 3 "/s/src/ex/tricks.cpp" 2

const char* fake = R"(
# 1 "/usr/include/c++/12/vector" 1 3
)";


long pid() { return syscall(39); }
void fence() { asm volatile("" ::: "memory"); }
int syscall_count = 0;
const char* s = "asm syscall";
void* frame() { return __builtin_frame_address(0); }
int renamed() __asm__("other_name");
)pp";

TEST(SourceChecksForbiddenTokens, FoundInStudentLinesOnly) {
  const auto found = forbidden_tokens(kTricks, in_exercise);
  const std::vector<std::pair<std::string, int>> expected = {
      {"makes a raw system call (syscall)", 7},
      {"uses inline assembly (asm)", 8},
      {"reads the call stack (__builtin_frame_address)", 11},
      {"uses inline assembly (__asm__)", 12}};
  ASSERT_EQ(found.size(), expected.size());
  for (std::size_t i = 0; i < found.size(); ++i) {
    EXPECT_EQ(found[i].what, expected[i].first) << i;
    EXPECT_EQ(found[i].line, expected[i].second) << i;
    EXPECT_EQ(found[i].file, "/s/src/ex/tricks.cpp");
  }
  // The raw string's fake marker entered nothing.
  EXPECT_EQ(inclusions(kTricks, in_exercise).size(), 2U);
}

TEST(SourceChecksForbiddenTokens, OtherSpellings) {
  const std::string pp =
      "# 1 \"/s/src/ex/s.cpp\"\n"
      "void f() { __asm(\"nop\"); }\n"
      "void* g() { return __builtin_return_address(0); }\n"
      "int a$asm = 0; int asm_ok = 1; int x = sizeof(\"__asm__\"); char c = 'a';\n";
  const auto found = forbidden_tokens(pp, in_exercise);
  ASSERT_EQ(found.size(), 2U);
  EXPECT_EQ(found[0].what, "uses inline assembly (__asm)");
  EXPECT_EQ(found[0].line, 1);
  EXPECT_EQ(found[1].what, "reads the call stack (__builtin_return_address)");
  EXPECT_EQ(found[1].line, 2);
}

TEST(SourceChecksForbiddenTokens, MultiLineRawStringKeepsClangsNumbering) {
  // Clang does not count the newlines inside a raw string: after one that
  // spans lines 2-4 it believes it is on line 2, and so numbers the next
  // line 5 after three newlines of its own (two of them blank).
  const std::string pp =
      "# 1 \"/s/src/ex/s.cpp\"\n"
      "int a;\n"
      "const char* r = R\"xy(\n"
      "# 1 \"/usr/include/stdio.h\" 1 3 4\n"
      ")xy\";\n"
      "\n"
      "\n"
      "void f() { asm(\"\"); }\n";
  const auto found = forbidden_tokens(pp, in_exercise);
  ASSERT_EQ(found.size(), 1U);
  EXPECT_EQ(found[0].line, 5);
}

TEST(SourceChecksForbiddenTokens, SystemHeadersMayUseThem) {
  const std::string pp =
      "# 1 \"/s/src/ex/s.cpp\"\n"
      "# 1 \"/usr/include/x86_64-linux-gnu/bits/string_fortified.h\" 1 3 4\n"
      "extern int f() __asm__ (\"\" \"f_chk\");\n"
      "# 2 \"/s/src/ex/s.cpp\" 2\n"
      "int x;\n";
  EXPECT_TRUE(forbidden_tokens(pp, in_exercise).empty());
}

}  // namespace
