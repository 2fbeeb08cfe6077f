#include "core/manifest.hpp"

#include <algorithm>
#include <fmt/format.h>
#include <fstream>
#include <nlohmann/json.hpp>
#include <regex>
#include <sstream>

namespace parlab::grader {

namespace {

using nlohmann::json;

[[noreturn]] void invalid(const std::filesystem::path& file, const std::string& what) {
  throw ManifestError(file.string() + ": " + what);
}

template <typename T>
T get_or(const json& j, const char* key, T fallback) {
  const auto it = j.find(key);
  return it == j.end() || it->is_null() ? fallback : it->get<T>();
}

std::vector<std::string> string_list(const json& j, const char* key) {
  const auto it = j.find(key);
  if (it == j.end()) return {};
  return it->get<std::vector<std::string>>();
}

// A student file name must stay inside the exercise folder.
bool safe_relative_name(const std::string& name) {
  const std::filesystem::path p(name);
  if (name.empty() || p.is_absolute()) return false;
  return std::none_of(p.begin(), p.end(), [](const auto& part) { return part == ".."; });
}

}  // namespace

bool valid_exercise_id(const std::string& id) {
  static const std::regex pattern("[0-9]{2}_[a-z0-9_]+");
  return std::regex_match(id, pattern);
}

bool Manifest::has_hidden_tests() const {
  if (!std::filesystem::is_directory(dir / "hidden")) return false;
  for (const auto& entry : std::filesystem::directory_iterator(dir / "hidden")) {
    if (entry.path().extension() == ".cpp") return true;
  }
  return false;
}

Manifest load_manifest(const std::filesystem::path& exercise_dir) {
  const auto file = exercise_dir / "manifest.json";
  std::ifstream in(file);
  if (!in) invalid(file, "cannot be read");
  json j;
  try {
    j = json::parse(in);
  } catch (const json::exception& e) {
    invalid(file, std::string("is not valid JSON: ") + e.what());
  }

  Manifest m;
  m.dir = exercise_dir;
  // The folder names the exercise: "04_monte_carlo_pi" is its id, and
  // "monte_carlo_pi" its slug (CMake target prefix), so copying a folder
  // and renaming it is all it takes to make a new exercise.
  m.id = exercise_dir.filename().string();
  if (!valid_exercise_id(m.id)) {
    invalid(file, "the folder name \"" + m.id + "\" must be NN_name (two digits, an underscore, then lower-case letters, digits and underscores)");
  }
  m.slug = m.id.substr(3);
  try {
    // Older manifests repeat them; they may, but only if they agree.
    auto must_agree = [&](const char* key, const std::string& derived) {
      const auto it = j.find(key);
      if (it != j.end() && it->get<std::string>() != derived) {
        invalid(file, fmt::format("{} \"{}\" differs from the folder name's \"{}\": remove it, the folder name decides",
                                  key, it->get<std::string>(), derived));
      }
    };
    must_agree("id", m.id);
    must_agree("slug", m.slug);
    m.title = get_or<std::string>(j, "title", m.id);
    m.points = get_or<double>(j, "points", 10.0);
    m.student_files = string_list(j, "student_files");
    if (const auto b = j.find("build"); b != j.end()) {
      m.kit_sources = string_list(*b, "kit_sources");
      m.libraries = string_list(*b, "libraries");
    }
    const json& s = j.at("speedup");
    m.speedup.kind = s.at("kind").get<std::string>();
    m.speedup.fraction = s.at("fraction").get<double>();
    m.speedup.max_parallelism = get_or<int>(s, "max_parallelism", 0);
    m.speedup.concurrency = get_or<int>(s, "concurrency", 0);
    m.speedup.timing_size = s.at("timing_size").get<std::uint64_t>();
    m.speedup.result_tolerance = get_or<double>(s, "result_tolerance", 0.0);
    m.speedup.rounds = get_or<int>(s, "rounds", 5);
    if (const auto jd = j.find("judge"); jd != j.end()) {
      m.judge.sizes = get_or<std::vector<std::uint64_t>>(*jd, "sizes", m.judge.sizes);
    }
    if (const auto t = j.find("timeouts"); t != j.end()) {
      m.timeouts.build_s = get_or<int>(*t, "build_s", m.timeouts.build_s);
      m.timeouts.tests_s = get_or<int>(*t, "tests_s", m.timeouts.tests_s);
      m.timeouts.race_s = get_or<int>(*t, "race_s", m.timeouts.race_s);
      m.timeouts.timing_run_s = get_or<int>(*t, "timing_run_s", m.timeouts.timing_run_s);
    }
    if (const auto sc = j.find("scoring"); sc != j.end()) {
      m.scoring.tests = get_or<double>(*sc, "tests", m.scoring.tests);
      m.scoring.race = get_or<double>(*sc, "race", m.scoring.race);
      m.scoring.speedup = get_or<double>(*sc, "speedup", m.scoring.speedup);
    }
  } catch (const json::exception& e) {
    invalid(file, std::string("has a missing or mistyped field: ") + e.what());
  }

  if (m.student_files.empty()) invalid(file, "student_files must name at least one file");
  for (const auto& f : m.student_files) {
    if (!safe_relative_name(f)) invalid(file, "student file \"" + f + "\" must be a relative path inside the folder");
  }
  if (m.speedup.kind != "cpu" && m.speedup.kind != "latency") invalid(file, "speedup.kind must be \"cpu\" or \"latency\"");
  if (m.speedup.kind == "latency" && m.speedup.concurrency < 1) invalid(file, "a latency speedup rule needs speedup.concurrency >= 1");
  if (m.speedup.fraction <= 0 || m.speedup.fraction > 1) invalid(file, "speedup.fraction must be in (0, 1]");
  if (m.judge.sizes.empty()) invalid(file, "judge.sizes must list at least one size");
  if (m.speedup.rounds < 3) invalid(file, "speedup.rounds must be at least 3");
  if (m.points < 0) invalid(file, "points must not be negative");
  const double weights = m.scoring.tests + m.scoring.race + m.scoring.speedup;
  if (weights < 0.999 || weights > 1.001) invalid(file, "scoring weights must add up to 1");
  return m;
}

std::vector<Manifest> load_exercises(const std::filesystem::path& exercises_dir) {
  std::vector<Manifest> all;
  if (!std::filesystem::is_directory(exercises_dir)) return all;
  for (const auto& entry : std::filesystem::directory_iterator(exercises_dir)) {
    if (entry.is_directory() && std::filesystem::exists(entry.path() / "manifest.json")) {
      all.push_back(load_manifest(entry.path()));
    }
  }
  std::sort(all.begin(), all.end(), [](const Manifest& a, const Manifest& b) { return a.id < b.id; });
  return all;
}

}  // namespace parlab::grader
