// `grade sandbox [--work DIR] [--json]`: which isolation layers protect runs
// of student code on this machine, and why the others are off. The golden
// corpus asks this before it runs a dangerous fixture (a fork bomb only
// where a task limit is proven), and a TA can ask it before a batch.
#include <CLI/CLI.hpp>
#include <cstdio>
#include <filesystem>
#include <nlohmann/json.hpp>

#include "commands/commands.hpp"
#include "sandbox/isolation.hpp"
#include "sandbox/process.hpp"

namespace parlab::grader::commands {

int sandbox_command(int argc, char** argv) {
  namespace fs = std::filesystem;
  CLI::App app{"Probe the isolation layers for student code on this machine.", "grade sandbox"};
  std::string kit = PARLAB_KIT_DIR;
  std::string work;
  bool json = false;
  app.add_option("--kit", kit, "the kit (its .parlab/work is the default work folder)");
  app.add_option("--work", work, "work folder student code would run under (default: <kit>/.parlab/work)");
  app.add_flag("--json", json, "print the layers as JSON");
  CLI11_PARSE(app, argc, argv);

  const fs::path where = work.empty() ? fs::path(kit) / ".parlab" / "work" : fs::absolute(work);
  std::error_code ec;
  fs::create_directories(where, ec);
  sandbox::become_subreaper();
  const sandbox::Layers layers = sandbox::probe_layers(where);
  if (json) {
    const nlohmann::json out = {{"drop_privileges", layers.drop_privileges},
                                {"drop_problem", layers.drop_problem},
                                {"task_limit", layers.task_limit},
                                {"namespaces", layers.namespaces},
                                {"namespace_problem", layers.namespace_problem},
                                {"summary", layers.summary()}};
    std::printf("%s\n", out.dump(2).c_str());
  } else {
    std::printf("sandbox: %s\n", layers.summary().c_str());
  }
  return 0;
}

}  // namespace parlab::grader::commands
