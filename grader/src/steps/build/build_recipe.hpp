// A submission's build without CMake. Every submission of an exercise is
// configured alike: the same kit, compiler, flags and targets, and only the
// work folder's path differs. So the first submission graded against a kit
// build is configured and built by CMake as usual, and its build is written
// down as a recipe: the compile commands and ninja's command lines for the
// graded targets, with the work folder's path replaced by a placeholder.
// Every later submission runs that recipe with its own path: no configure
// (half a second of CPU per configuration and exercise), and the
// independent commands (the compiles, then the links) run at once.
//
// The recipe is kept beside the kit build (steps/reference/kit_build.hpp),
// which student code cannot write, and is keyed on everything that shaped
// it; it holds no student content, since configuring reads none.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace parlab::grader::build {

inline constexpr const char* kRootPlaceholder = "@PARLAB_WORK_ROOT@";

struct Recipe {
  std::string compile_commands;       // compile_commands.json, with the placeholder
  std::vector<std::string> commands;  // sh -c command lines, in ninja's order, with the placeholder
};

// The recipe of an existing CMake build folder, made from ninja's commands
// for `targets`, `root` (the work folder) replaced by the placeholder.
// Nothing when the build folder cannot be read, when `root` is not a plain
// path (core/lines.hpp: it goes into command lines unquoted, where CMake
// quotes), or when it cannot be told apart from the rest of the commands
// (`others`: paths such as the kit's, which must not contain it).
std::optional<Recipe> recipe_from(const std::string& compile_commands, const std::string& ninja_commands,
                                  const std::string& root, const std::vector<std::string>& others);

// `text` with every `root` replaced by the placeholder.
std::string with_placeholder(const std::string& text, const std::string& root);

// The recipe for one work folder: every placeholder replaced by `root`.
Recipe instantiate(const Recipe& recipe, const std::string& root);

// The commands in the stages they may run in: every stage's commands are
// independent of one another, and each stage needs only the ones before it
// (compiles; archives; links and anything else, in order).
std::vector<std::vector<std::string>> stages(const std::vector<std::string>& commands);

// The folders the commands write into (their -o and -MF outputs' parents),
// relative to the build folder or absolute: ninja makes them, a recipe must.
std::vector<std::string> output_dirs(const std::vector<std::string>& commands);

std::string to_text(const Recipe& recipe);
std::optional<Recipe> from_text(const std::string& text);

}  // namespace parlab::grader::build
