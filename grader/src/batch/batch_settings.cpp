#include "batch/batch_settings.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>
#include <stdexcept>

namespace parlab::grader::batch {

double BatchSettings::max_points() const {
  double total = 0;
  for (const auto& e : exercises) total += e.points;
  return total;
}

std::string BatchSettings::fingerprint() const {
  std::string ids;
  for (const auto& e : exercises) ids += (ids.empty() ? "" : ",") + e.id;
  return fmt::format("kit {}; exercises {}; speedup {}; hidden tests on", kit_version, ids, timing ? "on" : "off");
}

std::string to_json(const BatchSettings& s) {
  nlohmann::ordered_json exercises = nlohmann::ordered_json::array();
  for (const auto& e : s.exercises) exercises.push_back({{"id", e.id}, {"points", e.points}});
  const nlohmann::ordered_json j{{"kit", s.kit.string()},
                                 {"submissions", s.submissions.string()},
                                 {"kit_version", s.kit_version},
                                 {"speedup", s.timing},
                                 {"exercises", std::move(exercises)}};
  return j.dump(2) + "\n";
}

BatchSettings settings_from_json(const std::string& text) {
  try {
    const auto j = nlohmann::json::parse(text);
    BatchSettings s;
    s.kit = j.at("kit").get<std::string>();
    s.submissions = j.at("submissions").get<std::string>();
    s.kit_version = j.at("kit_version").get<std::string>();
    s.timing = j.at("speedup").get<bool>();
    for (const auto& e : j.at("exercises")) {
      s.exercises.push_back({e.at("id").get<std::string>(), e.at("points").get<double>()});
    }
    return s;
  } catch (const nlohmann::json::exception& e) {
    throw std::runtime_error(fmt::format("unreadable batch settings: {}", e.what()));
  }
}

}  // namespace parlab::grader::batch
