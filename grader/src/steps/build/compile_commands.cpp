#include "steps/build/compile_commands.hpp"

#include <nlohmann/json.hpp>

#include "core/files.hpp"

namespace parlab::grader::build {

std::optional<CompileCommand> compile_command(const std::filesystem::path& build_dir,
                                              const std::filesystem::path& source) {
  const auto text = read_file(build_dir / "compile_commands.json");
  if (!text) return std::nullopt;
  try {
    for (const auto& entry : nlohmann::json::parse(*text)) {
      if (entry.at("file").get<std::string>() != source.string()) continue;
      CompileCommand c{entry.at("directory").get<std::string>(), entry.at("command").get<std::string>(), ""};
      const auto o = c.command.find(" -o ");
      if (o == std::string::npos) return std::nullopt;
      const auto start = o + 4;
      c.object = c.command.substr(start, c.command.find(' ', start) - start);
      return c;
    }
  } catch (const std::exception&) {
  }
  return std::nullopt;
}

}  // namespace parlab::grader::build
