// `grade prepare [EXERCISE...]`: builds the kit's own programs of each
// exercise (the reference program, the test listings, the kit objects every
// submission links: steps/reference/kit_build.hpp) into the kit's cache, and
// grades nothing. A later grade, or every student of a batch, then compiles
// only the student's files. CI runs it beside other work, before the timed
// tests that need the machine to themselves.
#include <CLI/CLI.hpp>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fmt/format.h>

#include "commands/commands.hpp"
#include "pipeline/pipeline.hpp"
#include "steps/build/build_step.hpp"
#include "steps/reference/kit_build.hpp"

namespace parlab::grader::commands {

namespace fs = std::filesystem;

int prepare_command(int argc, char** argv) {
  CLI::App app{"parlab kit preparation: builds each exercise's kit programs once, so grades compile only student files.",
               "grade prepare"};
  app.footer("EXERCISE picks exercises by id, name or number (default: all). Exit status: 0 when every kit build\n"
             "succeeded, 1 when one failed, 2 on a usage error.");
  std::vector<std::string> selectors;
  std::string kit = PARLAB_KIT_DIR;
  app.add_option("EXERCISE", selectors, "exercises to prepare (default: all)");
  app.add_option("--kit", kit, "the kit (exercises, CMake)")->check(CLI::ExistingDirectory);
  CLI11_PARSE(app, argc, argv);

  const fs::path kit_root = fs::weakly_canonical(kit);
  std::vector<Manifest> chosen;
  try {
    chosen = select_exercises(kit_root, selectors);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "grade prepare: %s\n", e.what());
    return 2;
  }
  // The kit build needs the compiler and its flags, not the sandbox or TSan.
  Machine machine;
  machine.cores = platform::usable_cores();
  machine.build_jobs = std::max(1, machine.cores.usable);
  int failed = 0;
  for (const Manifest& m : chosen) {
    const auto start = std::chrono::steady_clock::now();
    const steps::KitBuild built = steps::ensure_kit_build(kit_root, machine, m);
    // And the submissions' build recipes, so no grade has to configure.
    const std::string no_recipe = built.ok ? steps::prepare_recipes(kit_root, machine, built, m) : "";
    const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    if (built.ok) {
      std::printf("%s: kit programs ready (%.0f s)%s\n", m.id.c_str(), s,
                  no_recipe.empty() ? "" : (" — no build recipe: " + no_recipe + "; grades configure with CMake").c_str());
    } else {
      ++failed;
      std::printf("%s: %s\n%s\n", m.id.c_str(), built.problem.c_str(), built.details.c_str());
    }
    std::fflush(stdout);
  }
  return failed == 0 ? 0 : 1;
}

}  // namespace parlab::grader::commands
