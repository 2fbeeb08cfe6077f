#include "steps/timing/result_compare.hpp"

#include <cmath>
#include <cstdlib>
#include <string>
#include <vector>

namespace parlab::grader::timing {

namespace {

std::vector<std::string> tokens(std::string_view text) {
  std::vector<std::string> out;
  std::size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() && std::isspace(static_cast<unsigned char>(text[i]))) ++i;
    std::size_t j = i;
    while (j < text.size() && !std::isspace(static_cast<unsigned char>(text[j]))) ++j;
    if (j > i) out.emplace_back(text.substr(i, j - i));
    i = j;
  }
  return out;
}

bool is_decimal(const std::string& t) {
  return t.find_first_of(".eE") != std::string::npos || t.find("inf") != std::string::npos ||
         t.find("nan") != std::string::npos;
}

}  // namespace

bool results_agree(std::string_view expected, std::string_view actual, double relative_tolerance) {
  const auto e = tokens(expected);
  const auto a = tokens(actual);
  if (e.size() != a.size()) return false;
  for (std::size_t i = 0; i < e.size(); ++i) {
    if (e[i] == a[i]) continue;
    if (!is_decimal(e[i])) return false;
    char* end_e = nullptr;
    char* end_a = nullptr;
    const double x = std::strtod(e[i].c_str(), &end_e);
    const double y = std::strtod(a[i].c_str(), &end_a);
    if (*end_e != '\0' || *end_a != '\0' || std::isnan(x) || std::isnan(y)) return false;
    if (std::fabs(x - y) > relative_tolerance * std::max(std::fabs(x), std::fabs(y))) return false;
  }
  return true;
}

}  // namespace parlab::grader::timing
