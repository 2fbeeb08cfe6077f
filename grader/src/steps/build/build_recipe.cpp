#include "steps/build/build_recipe.hpp"

#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "core/lines.hpp"

namespace parlab::grader::build {

namespace {

std::string replace_all(std::string text, const std::string& from, const std::string& to) {
  if (from.empty()) return text;
  std::string out;
  out.reserve(text.size());
  std::size_t at = 0;
  for (std::size_t hit = text.find(from); hit != std::string::npos; hit = text.find(from, at)) {
    out.append(text, at, hit - at).append(to);
    at = hit + from.size();
  }
  out.append(text, at, std::string::npos);
  return out;
}

bool is_compile(const std::string& c) { return c.find(" -c ") != std::string::npos; }
bool is_archive(const std::string& c) {
  return c.find("-ar qc ") != std::string::npos || c.find("/ar qc ") != std::string::npos;
}

bool is_link(const std::string& c) { return !is_compile(c) && c.find(" -o ") != std::string::npos; }

}  // namespace

std::optional<Recipe> recipe_from(const std::string& compile_commands, const std::string& ninja_commands,
                                  const std::string& root, const std::vector<std::string>& others) {
  if (root.size() < 8 || !plain_path(root) || compile_commands.empty() || ninja_commands.empty()) {
    return std::nullopt;
  }
  // A path that holds the work folder's (the kit inside it, say) would be
  // rewritten too: then this build is not one to copy.
  for (const std::string& other : others) {
    if (other.find(root) != std::string::npos) return std::nullopt;
  }
  if (ninja_commands.find(kRootPlaceholder) != std::string::npos) return std::nullopt;
  Recipe r;
  r.compile_commands = with_placeholder(compile_commands, root);
  for (const auto line : split_lines(ninja_commands)) {
    if (line.empty()) continue;
    r.commands.push_back(with_placeholder(std::string(line), root));
  }
  if (r.commands.empty()) return std::nullopt;
  return r;
}

std::string with_placeholder(const std::string& text, const std::string& root) {
  return replace_all(text, root, kRootPlaceholder);
}

Recipe instantiate(const Recipe& recipe, const std::string& root) {
  Recipe r;
  r.compile_commands = replace_all(recipe.compile_commands, kRootPlaceholder, root);
  for (const std::string& c : recipe.commands) r.commands.push_back(replace_all(c, kRootPlaceholder, root));
  return r;
}

std::vector<std::vector<std::string>> stages(const std::vector<std::string>& commands) {
  // A compile reads only sources, an archive only objects, and a link
  // objects and archives, never another link's program: so all compiles
  // run first and at once, then the archives, then all links.
  std::vector<std::vector<std::string>> out(3);
  for (const std::string& c : commands) {
    if (is_compile(c)) {
      out[0].push_back(c);
    } else if (is_archive(c)) {
      out[1].push_back(c);
    } else if (is_link(c)) {
      out[2].push_back(c);
    } else {
      // Something else (a custom command): nothing is known of what it
      // needs, so everything runs one by one, in ninja's order.
      out.clear();
      for (const std::string& each : commands) out.push_back({each});
      return out;
    }
  }
  std::erase_if(out, [](const auto& stage) { return stage.empty(); });
  return out;
}

std::vector<std::string> output_dirs(const std::vector<std::string>& commands) {
  std::set<std::string> dirs;
  for (const std::string& c : commands) {
    std::istringstream words(c);
    std::string word;
    bool next_is_output = false;
    while (words >> word) {
      if (next_is_output) {
        const std::string parent = std::filesystem::path(word).parent_path().string();
        if (!parent.empty()) dirs.insert(parent);
        next_is_output = false;
      }
      next_is_output = word == "-o" || word == "-MF";
    }
  }
  return {dirs.begin(), dirs.end()};
}

std::string to_text(const Recipe& recipe) {
  return nlohmann::json{{"compile_commands", recipe.compile_commands}, {"commands", recipe.commands}}.dump(1);
}

std::optional<Recipe> from_text(const std::string& text) {
  try {
    const auto j = nlohmann::json::parse(text);
    Recipe r;
    r.compile_commands = j.at("compile_commands").get<std::string>();
    r.commands = j.at("commands").get<std::vector<std::string>>();
    if (r.commands.empty()) return std::nullopt;
    return r;
  } catch (const std::exception&) {
    return std::nullopt;
  }
}

}  // namespace parlab::grader::build
