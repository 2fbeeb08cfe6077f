// Which of a kit's exercises to grade: `./grade DIR 03 race_counter`.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "core/manifest.hpp"

namespace parlab::grader {

// Whether `selector` picks the exercise: its id ("03_race_counter"), its slug
// ("race_counter") or its number ("3", "03").
bool selects(const std::string& selector, const Manifest& m);

// The kit's exercises selected by `only` (all when empty), each once, in the
// order asked. Throws std::invalid_argument naming the unknown selector and
// the valid ids.
std::vector<Manifest> select_exercises(const std::filesystem::path& kit_root, const std::vector<std::string>& only);

}  // namespace parlab::grader
