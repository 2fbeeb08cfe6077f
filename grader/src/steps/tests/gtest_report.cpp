#include "steps/tests/gtest_report.hpp"

#include <algorithm>
#include <charconv>
#include <exception>

#include <nlohmann/json.hpp>

namespace parlab::grader::tests {
namespace {

using nlohmann::json;

std::string string_member(const json& object, const char* key) {
  if (!object.is_object()) return {};
  const auto it = object.find(key);
  return it != object.end() && it->is_string() ? it->get<std::string>() : std::string{};
}

// The array member `key`, or nullptr when it is missing or not an array.
const json* array_member(const json& object, const char* key) {
  if (!object.is_object()) return nullptr;
  const auto it = object.find(key);
  return it != object.end() && it->is_array() ? &*it : nullptr;
}

bool equals_ignoring_case(std::string_view a, std::string_view b) {
  return std::equal(a.begin(), a.end(), b.begin(), b.end(), [](char x, char y) {
    return (x >= 'a' && x <= 'z' ? x - 'a' + 'A' : x) == (y >= 'a' && y <= 'z' ? y - 'a' + 'A' : y);
  });
}

// "0.03s" -> 0.03. from_chars, not strtod: the grader must not depend on the locale.
double seconds_of(const json& test) {
  std::string text = string_member(test, "time");
  if (!text.empty() && text.back() == 's') text.pop_back();
  double value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  return ec == std::errc{} && value >= 0 ? value : 0;
}

// "/path/x.cpp:23\nExpected equality ..." -> {"/path/x.cpp", 23, "Expected equality ..."}.
Failure parse_failure(std::string_view text) {
  Failure f;
  const std::size_t nl = text.find('\n');
  const std::string_view first = text.substr(0, nl);
  const std::string_view rest = nl == std::string_view::npos ? std::string_view{} : text.substr(nl + 1);
  if (first == "unknown file") {
    f.message = std::string(rest);
    return f;
  }
  const std::size_t colon = first.rfind(':');
  int line = 0;
  if (colon != std::string_view::npos && colon > 0) {
    const std::string_view digits = first.substr(colon + 1);
    const auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), line);
    if (ec == std::errc{} && end == digits.data() + digits.size() && !digits.empty() && line > 0) {
      f.file = std::string(first.substr(0, colon));
      f.line = line;
      f.message = std::string(rest);
      return f;
    }
  }
  f.message = std::string(text);  // not "file:line": keep everything
  return f;
}

TestResult parse_test(const json& test, const std::string& suite_name) {
  TestResult t;
  t.suite = suite_name;
  t.name = string_member(test, "name");
  const std::string status = string_member(test, "status");
  const std::string result = string_member(test, "result");
  // gtest 1.12 writes "RUN"/"NOTRUN"; compared without case, as the XML report writes "run".
  t.ran = equals_ignoring_case(status, "RUN");
  t.skipped = t.ran && equals_ignoring_case(result, "SKIPPED");
  t.seconds = seconds_of(test);
  if (const json* failures = array_member(test, "failures")) {
    for (const json& f : *failures) t.failures.push_back(parse_failure(string_member(f, "failure")));
  }
  t.passed = t.ran && !t.skipped && t.failures.empty();
  return t;
}

// Calls on_test(suite_name, test) for every test object; false if the
// document does not have the {"testsuites": [{"testsuite": [...]}]} shape.
template <typename OnTest>
bool for_each_test(const json& doc, std::string* error, OnTest on_test) {
  const json* suites = array_member(doc, "testsuites");
  if (!suites) {
    if (error) *error = "not a GoogleTest JSON report: no \"testsuites\" array";
    return false;
  }
  for (const json& suite : *suites) {
    const std::string suite_name = string_member(suite, "name");
    const json* tests = array_member(suite, "testsuite");
    if (!tests) continue;  // a suite without tests
    for (const json& test : *tests) {
      if (test.is_object()) on_test(suite_name, test);
    }
  }
  return true;
}

std::optional<json> parse_json(std::string_view text, std::string* error) {
  if (text.empty()) {
    if (error) *error = "empty GoogleTest JSON report (did the test program crash?)";
    return std::nullopt;
  }
  try {
    return json::parse(text.begin(), text.end());
  } catch (const json::parse_error& e) {
    // e.g. "[json.exception.parse_error.101] parse error at line 40, column 1: ... unexpected end of input"
    if (error) *error = std::string("malformed or truncated GoogleTest JSON report: ") + e.what();
    return std::nullopt;
  }
}

}  // namespace

std::string TestResult::full_name() const { return suite + "." + name; }

int Report::total() const {
  return static_cast<int>(std::count_if(tests.begin(), tests.end(), [](const TestResult& t) { return t.ran; }));
}

int Report::failed() const {
  return static_cast<int>(std::count_if(tests.begin(), tests.end(),
                                        [](const TestResult& t) { return t.ran && !t.failures.empty(); }));
}

std::optional<Report> parse_gtest_json(std::string_view json_text, std::string* error) {
  try {
    const std::optional<json> doc = parse_json(json_text, error);
    if (!doc) return std::nullopt;
    Report report;
    const bool ok = for_each_test(*doc, error, [&](const std::string& suite, const json& test) {
      report.tests.push_back(parse_test(test, suite));
    });
    if (!ok) return std::nullopt;
    return report;
  } catch (const std::exception& e) {  // belt and braces: the parser promises never to throw
    if (error) *error = std::string("cannot read GoogleTest JSON report: ") + e.what();
    return std::nullopt;
  }
}

std::optional<std::vector<std::string>> parse_gtest_list_json(std::string_view json_text, std::string* error) {
  try {
    const std::optional<json> doc = parse_json(json_text, error);
    if (!doc) return std::nullopt;
    std::vector<std::string> names;
    const bool ok = for_each_test(*doc, error, [&](const std::string& suite, const json& test) {
      names.push_back(suite + "." + string_member(test, "name"));
    });
    if (!ok) return std::nullopt;
    return names;
  } catch (const std::exception& e) {
    if (error) *error = std::string("cannot read GoogleTest test list: ") + e.what();
    return std::nullopt;
  }
}

}  // namespace parlab::grader::tests
