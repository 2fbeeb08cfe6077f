// How a build compiled one file, read back from the compile_commands.json
// that the kit's CMake exports: the build step re-runs these commands with
// -E to inspect exactly what the compiler saw.
#pragma once

#include <filesystem>
#include <optional>
#include <string>

namespace parlab::grader::build {

struct CompileCommand {
  std::string directory;  // where the command runs
  std::string command;    // the whole command line, for sh -c
  std::string object;     // the object it writes, relative to directory
};

std::optional<CompileCommand> compile_command(const std::filesystem::path& build_dir,
                                              const std::filesystem::path& source);

}  // namespace parlab::grader::build
