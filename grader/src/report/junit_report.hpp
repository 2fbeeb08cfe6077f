// JUnit XML, the format CI servers and test-report actions understand:
// one <testsuite> per exercise, one <testcase> per check.
#pragma once

#include <string>
#include <string_view>

#include "core/result.hpp"

namespace parlab::grader::report {

std::string to_junit(const GradeReport& report);

// XML 1.0 escaping. Characters XML 1.0 cannot carry at all (control
// characters other than tab, LF and CR, U+FFFE, U+FFFF) become U+FFFD;
// invalid UTF-8 too. In attributes, tab/LF/CR are written as character
// references so attribute-value normalisation keeps them.
std::string xml_escape_text(std::string_view text);
std::string xml_escape_attribute(std::string_view text);

}  // namespace parlab::grader::report
