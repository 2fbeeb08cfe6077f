#include "steps/timer/timer_contract.hpp"

#include <nlohmann/json.hpp>

namespace parlab::grader::timer {

std::string_view name(Variant v) {
  switch (v) {
    case Variant::baseline:
      return "baseline";
    case Variant::student:
      return "student";
    case Variant::calibrate:
      return "calibrate";
  }
  return "student";
}

std::vector<std::string> argv_for(const std::filesystem::path& program, const Request& request,
                                  const std::filesystem::path& out_file) {
  return {program.string(), "--variant", std::string(name(request.variant)),
          "--size",         std::to_string(request.size),
          "--threads",      std::to_string(request.threads),
          "--seed",         std::to_string(request.seed),
          "--out",          out_file.string()};
}

std::optional<std::string> parse_result(std::string_view output_json) {
  try {
    const auto j = nlohmann::json::parse(output_json);
    return j.at("result").get<std::string>();
  } catch (const std::exception&) {
    return std::nullopt;
  }
}

}  // namespace parlab::grader::timer
