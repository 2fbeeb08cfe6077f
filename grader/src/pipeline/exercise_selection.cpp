#include "pipeline/exercise_selection.hpp"

#include <algorithm>
#include <cctype>
#include <fmt/format.h>
#include <stdexcept>

namespace parlab::grader {

bool selects(const std::string& selector, const Manifest& m) {
  if (selector == m.id || selector == m.slug) return true;
  // "3" and "03" pick exercise 03 (digits only: "3x" is not a number).
  const std::string number = m.id.substr(0, m.id.find('_'));
  const bool all_digits = !selector.empty() && std::all_of(selector.begin(), selector.end(), [](unsigned char c) {
    return std::isdigit(c) != 0;
  });
  try {
    return all_digits && std::stoi(selector) == std::stoi(number);
  } catch (const std::exception&) {
    return false;
  }
}

std::vector<Manifest> select_exercises(const std::filesystem::path& kit_root, const std::vector<std::string>& only) {
  auto all = load_exercises(kit_root / "exercises");
  if (only.empty()) return all;
  std::vector<Manifest> chosen;
  for (const auto& selector : only) {
    const auto it = std::find_if(all.begin(), all.end(), [&](const Manifest& m) { return selects(selector, m); });
    if (it == all.end()) {
      std::string ids;
      for (const auto& m : all) ids += " " + m.id;
      throw std::invalid_argument(fmt::format("no exercise '{}' in this kit; the exercises are:{}", selector, ids));
    }
    if (std::none_of(chosen.begin(), chosen.end(), [&](const Manifest& m) { return m.id == it->id; })) {
      chosen.push_back(*it);
    }
  }
  return chosen;
}

}  // namespace parlab::grader
