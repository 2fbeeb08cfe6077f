#include "steps/build/build_step.hpp"

#include <unistd.h>

#include <algorithm>
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "core/content_hash.hpp"
#include "core/files.hpp"
#include "core/lines.hpp"
#include "core/parallel.hpp"
#include "sandbox/process.hpp"
#include "steps/build/build_recipe.hpp"
#include "steps/build/compile_commands.hpp"
#include "steps/build/diagnostics.hpp"
#include "steps/build/build_tool.hpp"
#include "steps/build/graded_flags.hpp"
#include "steps/build/source_checks.hpp"
#include "steps/build/source_policy.hpp"
#include "steps/build/evasion.hpp"
#include "steps/stage/stage.hpp"

namespace parlab::grader::steps {

namespace {

namespace fs = std::filesystem;

struct Config {
  const char* name;
  std::vector<std::string> cache_args;
  std::vector<std::string> targets;
};

std::vector<Config> configs(const Workspace& ws, const Machine& machine, const KitBuild& kit) {
  const std::string slug = ws.manifest->slug;
  std::vector<std::string> targets = {slug + "_exercise_public_tests"};
  if (ws.hidden) targets.push_back(slug + "_exercise_hidden_tests");
  // Both builds make the timer: the release one is judged and timed, the
  // TSan one runs the judge's inputs under the race check.
  targets.push_back(slug + "_exercise_timer");
  // The same compiler and flags for both (steps/machine.hpp): -fsanitize=thread
  // is the only difference between the code that is timed and the code that
  // is checked for races.
  // Each links the kit objects that the kit build compiled with its flags.
  auto with_kit_objects = [](std::vector<std::string> args, const fs::path& kit_dir) {
    args.push_back("-DPARLAB_KIT_OBJECTS=" + kit_dir.string());
    return args;
  };
  return {
      {"release", with_kit_objects(graded_cache_args(machine, ""), kit.dir), targets},
      {"tsan", with_kit_objects(graded_cache_args(machine, "thread"), kit.tsan_dir), targets},
  };
}

// The most useful part of a failed build: the first errors, located.
Check compile_failure(const Workspace& ws, const char* config, const sandbox::Result& r) {
  Check c;
  c.status = Status::error;
  const std::string output = r.out + r.err;
  const auto all = build::parse_diagnostics(output);
  const auto errors = build::first_errors(all, 3);
  if (r.timed_out) {
    c.message = fmt::format("the {} build timed out ({}): simplify heavy templates or constexpr loops", config, r.describe());
  } else if (errors.empty()) {
    c.message = fmt::format("the {} build failed ({}); see the compiler output below", config, r.describe());
    c.details = first_lines(output, 40);
    return c;
  }
  std::string details;
  for (const auto& d : errors) {
    const std::string where = ws.display(d.file);
    // The linker names a file (or nothing) but no line.
    const std::string at = d.line > 0 ? fmt::format("{}:{}:{}", where, d.line, d.column) : where;
    if (!at.empty()) details += at + ": ";
    details += fmt::format("{}: {}\n", d.severity, d.message);
    if (!d.context.empty()) details += d.context + (d.context.back() == '\n' ? "" : "\n");
  }
  if (!errors.empty()) {
    const auto& first = errors.front();
    // A template error is reported inside a library header; the note that
    // names the student's line is where they must look.
    std::optional<build::Diagnostic> origin;
    if (!ws.is_student_file(first.file)) {
      const auto at = std::find_if(all.begin(), all.end(), [&](const build::Diagnostic& d) {
        return d.file == first.file && d.line == first.line && d.message == first.message;
      });
      if (at != all.end()) {
        origin = build::student_origin(all, static_cast<std::size_t>(at - all.begin()),
                                       [&](std::string_view f) { return ws.is_student_file(f); });
      }
    }
    const build::Diagnostic& shown = origin ? *origin : first;
    c.location = Location{ws.display(shown.file), shown.line, shown.column};
    const bool in_student_file = ws.is_student_file(shown.file);
    // Compiled, but did not link: something declared is never defined.
    const bool link_error = contains(first.message, "undefined reference") || contains(first.message, "multiple definition") ||
                            contains(first.message, "ld returned");
    if (link_error) {
      c.next_step = "define every function you declare and call, with the header's exact name, namespace and parameters";
    }
    c.message = link_error ? fmt::format("does not link: {}", first.message)
                : in_student_file
                    ? fmt::format("does not compile: {}", first.message)
                    : fmt::format("does not compile: {} (in a kit file: check your code matches the API header, "
                                  "which you must not change)",
                                  first.message);
  }
  c.details = details;
  return c;
}

// Rejects code that switches off or steers ThreadSanitizer: scans the
// preprocessed student files and the symbols their objects define.
std::optional<Check> check_evasion(const Workspace& ws, int timeout) {
  auto student = [&](std::string_view f) { return ws.is_student_file(f); };
  std::vector<build::EvasionFinding> found;
  for (const std::string& name : ws.manifest->student_files) {
    const auto cc = build::compile_command(ws.build_dir("tsan"), ws.staged() / name);
    if (!cc) continue;  // not a compiled file (a header the student may edit)
    // What check_sources() preprocessed before the build.
    const fs::path preprocessed = ws.results_dir() / (fs::path(name).filename().string() + ".tsan.ii");
    if (const auto text = read_file(preprocessed)) {
      const auto f = build::scan_preprocessed(*text, student);
      found.insert(found.end(), f.begin(), f.end());
    }
    const std::string object = (fs::path(cc->directory) / cc->object).string();
    const auto defined = sandbox::run(build_tool(ws, {"nm", "--defined-only", object}, timeout));
    if (defined.ok()) {
      for (auto f : build::scan_symbols(defined.out)) {
        f.file = (ws.staged() / name).string();
        found.push_back(f);
      }
    }
    // What it calls: no looking itself up (dlsym), no reading its environment,
    // no starting other programs (a built solution, its own release build
    // under the race check), whatever the source looks like.
    // Read from the release object: it has no business naming any
    // sanitizer symbol either (a weak reference to __tsan_init is a test
    // for "am I running under ThreadSanitizer?").
    const auto release_cc = build::compile_command(ws.build_dir("release"), ws.staged() / name);
    const std::string release_object =
        release_cc ? (fs::path(release_cc->directory) / release_cc->object).string() : object;
    const auto called = sandbox::run(build_tool(ws, {"nm", "--undefined-only", release_object}, timeout));
    if (called.ok()) {
      for (const auto& f : build::forbidden_calls(called.out)) {
        found.push_back({f.what, (ws.staged() / name).string(), 0});
      }
      for (auto f : build::scan_symbols(called.out)) {
        f.what = "refers to " + f.what.substr(f.what.find(' ') + 1);
        f.file = (ws.staged() / name).string();
        found.push_back(f);
      }
    }
  }
  if (found.empty()) return std::nullopt;
  Check c;
  c.status = Status::fail;
  const auto& first = found.front();
  c.location = Location{ws.display(first.file), first.line, 0};
  c.message = fmt::format("sanitizer evasion rejected: your code {}; remove it, ThreadSanitizer must see your code "
                          "as it is",
                          first.what);
  for (const auto& f : found) {
    c.details += fmt::format("{}{}: {}\n", ws.display(f.file), f.line > 0 ? ":" + std::to_string(f.line) : "", f.what);
  }
  return c;
}

// The configure command of one configuration.
std::vector<std::string> configure_argv(const Workspace& ws, const Machine& machine, const Config& cfg) {
  std::vector<std::string> configure = {machine.cmake,
                                        "-S", ws.kit_root.string(),
                                        "-B", ws.build_dir(cfg.name).string(),
                                        "-G", "Ninja",
                                        "-DPARLAB_EXERCISES_DIR=" + ws.src_root().string(),
                                        "-DPARLAB_SOLUTIONS_DIR=",
                                        "-DPARLAB_ONLY=" + ws.manifest->id,
                                        "-DPARLAB_BUILD_GRADER=OFF",
                                        "-DPARLAB_BUILD_BENCHMARKS=OFF",
                                        std::string("-DPARLAB_WITH_HIDDEN=") + (ws.hidden ? "ON" : "OFF")};
  configure.insert(configure.end(), cfg.cache_args.begin(), cfg.cache_args.end());
  return configure;
}

// Configures one configuration when needed; the failed check, or nothing.
std::optional<Check> configure_config(const Workspace& ws, const Machine& machine, const Config& cfg, int timeout) {
  const fs::path dir = ws.build_dir(cfg.name);
  const std::vector<std::string> configure = configure_argv(ws, machine, cfg);

  // Configure only when the arguments changed: a warm re-grade goes straight
  // to ninja, which rebuilds only what the student changed.
  std::string signature;
  for (const auto& a : configure) signature += a + '\n';
  const fs::path stamp = dir / "parlab-configure.stamp";
  const auto previous = read_file(stamp);
  if (!previous || *previous != signature || !fs::exists(dir / "build.ninja")) {
    const auto r = sandbox::run(build_tool(ws, configure, timeout));
    if (!r.ok()) {
      Check check;
      check.status = Status::error;
      check.message = fmt::format("could not configure the {} build ({}): is the kit set up? run tools/setup",
                                  cfg.name, r.describe());
      check.details = first_lines(r.out + r.err, 30);
      return check;
    }
    write_file(stamp, signature);
  }
  return std::nullopt;
}

// Builds the configuration's targets; the failed check, or nothing.
std::optional<Check> build_targets(const Workspace& ws, const Machine& machine, const Config& cfg, int timeout) {
  const fs::path dir = ws.build_dir(cfg.name);
  std::vector<std::string> argv = {machine.cmake, "--build", dir.string(), "-j", std::to_string(machine.build_jobs), "--target"};
  argv.insert(argv.end(), cfg.targets.begin(), cfg.targets.end());
  const auto r = sandbox::run(build_tool(ws, argv, timeout));
  if (!r.ok()) return compile_failure(ws, cfg.name, r);
  return std::nullopt;
}

// --- Builds from a recipe (steps/build/build_recipe.hpp) -------------------

// This grader's own program, hashed once: a recipe is made from what this
// grader stages and configures, so another build of the grader (a changed
// stage step) must not use it, even where the kit is unchanged.
const std::string& grader_identity() {
  static const std::string identity = [] {
    ContentHash h;
    h.add(read_file("/proc/self/exe", 256U << 20).value_or("unknown"));
    return h.hex();
  }();
  return identity;
}

// Where the recipe of one configuration is kept: beside the kit build, keyed
// on the grader, the configure command and the targets with the work folder
// taken out.
fs::path recipe_file(const Workspace& ws, const Machine& machine, const KitBuild& kit, const Config& cfg) {
  ContentHash h;
  h.add(grader_identity());
  for (const std::string& a : configure_argv(ws, machine, cfg)) h.add(build::with_placeholder(a, ws.root.string()));
  for (const std::string& t : cfg.targets) h.add(t);
  return kit.dir / "submission-recipes" / fmt::format("{}-{}-{}.json", ws.manifest->id, cfg.name, h.hex());
}

std::optional<build::Recipe> load_recipe(const fs::path& file, const Workspace& ws) {
  if (!plain_path(ws.root.string())) return std::nullopt;  // CMake's quoting, then
  const auto text = read_file(file);
  if (!text) return std::nullopt;
  auto recipe = build::from_text(*text);
  if (!recipe) return std::nullopt;
  return build::instantiate(*recipe, ws.root.string());
}

// After CMake built this configuration: its recipe, for the submissions
// that come after. Written whole or not at all (concurrent graders).
void save_recipe(const fs::path& file, const Workspace& ws, const Machine& machine, const KitBuild& kit,
                 const Config& cfg, int timeout) {
  std::vector<std::string> argv = {"ninja", "-C", ws.build_dir(cfg.name).string(), "-t", "commands"};
  argv.insert(argv.end(), cfg.targets.begin(), cfg.targets.end());
  const auto listed = sandbox::run(build_tool(ws, argv, timeout));
  const auto compile_commands = read_file(ws.build_dir(cfg.name) / "compile_commands.json");
  if (!listed.ok() || !compile_commands) return;
  const auto recipe = build::recipe_from(*compile_commands, listed.out, ws.root.string(),
                                         {ws.kit_root.string(), kit.dir.string(), kit.tsan_dir.string(),
                                          machine.graded_cxx, machine.cmake});
  if (!recipe) return;
  std::error_code ec;
  fs::create_directories(file.parent_path(), ec);
  const fs::path partial = file.string() + fmt::format(".{}.partial", ::getpid());
  if (write_file(partial, build::to_text(*recipe))) fs::rename(partial, file, ec);
  if (ec) fs::remove(partial, ec);
}

// What the build of one configuration was made from: the commands and the
// student's staged files, byte for byte. Equal to the last build's: nothing
// to rebuild (a warm re-grade).
std::string recipe_stamp(const Workspace& ws, const build::Recipe& recipe) {
  std::string stamp;
  for (const std::string& c : recipe.commands) stamp.append(c).append("\n");
  for (const std::string& name : ws.manifest->student_files) {
    stamp.append("== ").append(name).append("\n");
    stamp.append(read_file(ws.staged() / name).value_or("(missing)")).append("\n");
  }
  return stamp;
}

// Runs a recipe in its build folder: each stage's commands at once, the
// stages in order. The failed check, or nothing.
std::optional<Check> run_recipe(const Workspace& ws, const Config& cfg, const build::Recipe& recipe, int timeout) {
  const fs::path dir = ws.build_dir(cfg.name);
  const fs::path stamp_file = dir / "parlab-recipe.stamp";
  const std::string stamp = recipe_stamp(ws, recipe);
  if (read_file(stamp_file) == stamp) return std::nullopt;
  std::error_code ec;
  fs::remove(stamp_file, ec);
  for (const std::string& d : build::output_dirs(recipe.commands)) fs::create_directories(dir / d, ec);
  for (const auto& stage : build::stages(recipe.commands)) {
    std::vector<sandbox::Result> results(stage.size());
    for_each_index(stage.size(), stage.size(), [&](std::size_t i) {
      sandbox::Command c = build_tool(ws, {"sh", "-c", stage[i]}, timeout);
      c.working_dir = dir.string();
      results[i] = sandbox::run(c);
      return true;
    });
    for (const sandbox::Result& r : results) {
      if (!r.ok()) return compile_failure(ws, cfg.name, r);
    }
  }
  write_file(stamp_file, stamp);
  return std::nullopt;
}

}  // namespace

Check build(const Workspace& ws, const Machine& machine, const KitBuild& kit) {
  const int timeout = ws.manifest->timeouts.build_s;
  const auto both = configs(ws, machine, kit);
  // Each configuration from its recipe when an earlier submission left one
  // (no configure), else configured by CMake, which then leaves the recipe.
  std::vector<fs::path> recipe_files;
  std::vector<std::optional<build::Recipe>> recipes;
  for (const Config& cfg : both) {
    recipe_files.push_back(recipe_file(ws, machine, kit, cfg));
    recipes.push_back(load_recipe(recipe_files.back(), ws));
    if (recipes.back()) {
      std::error_code ec;
      fs::create_directories(ws.build_dir(cfg.name), ec);
      // What the source checks and the evasion scan read, as CMake writes it.
      write_file(ws.build_dir(cfg.name) / "compile_commands.json", recipes.back()->compile_commands);
    } else if (auto failed = configure_config(ws, machine, cfg, timeout)) {
      return *failed;
    }
  }
  // Before compiling anything of the student's: what it includes, and that
  // it is one program under both builds (steps/build/source_policy.hpp).
  if (auto rejected = check_sources(ws, machine, timeout)) return *rejected;
  // Both configurations at once: each is one compile of the student's
  // files, then links, and neither waits for the other.
  std::vector<std::optional<Check>> failed(both.size());
  const auto build_one = [&](std::size_t i) {
    if (recipes[i]) {
      failed[i] = run_recipe(ws, both[i], *recipes[i], timeout);
    } else {
      failed[i] = build_targets(ws, machine, both[i], timeout);
      if (!failed[i]) save_recipe(recipe_files[i], ws, machine, kit, both[i], timeout);
    }
  };
  for_each_index(both.size(), both.size(), [&](std::size_t i) {
    build_one(i);
    return true;
  });
  for (const auto& f : failed) {
    if (f) return *f;  // the release build's error first, as the student reads it in order
  }
  if (auto evasion = check_evasion(ws, timeout)) return *evasion;
  Check check;
  check.status = Status::pass;
  check.message = "compiles (release and ThreadSanitizer builds)";
  return check;
}

Check build_release_timer(const Workspace& ws, const Machine& machine, const KitBuild& kit) {
  Config release = configs(ws, machine, kit).front();
  release.targets = {ws.manifest->slug + "_exercise_timer"};
  const int timeout = ws.manifest->timeouts.build_s;
  auto failed = configure_config(ws, machine, release, timeout);
  if (!failed) failed = build_targets(ws, machine, release, timeout);
  if (failed) return *failed;
  Check check;
  check.status = Status::pass;
  check.message = "compiles (release build of the timer)";
  return check;
}

std::string prepare_recipes(const fs::path& kit_root, const Machine& machine, const KitBuild& kit,
                            const Manifest& manifest) {
  if (!kit.ok) return kit.problem;
  Workspace ws;
  ws.manifest = &manifest;
  ws.kit_root = kit_root;
  ws.submission_dir = kit_root / "exercises" / manifest.id;  // the stubs: configuring reads no student file
  ws.root = kit.dir / "recipe-template" / manifest.id;
  ws.hidden = manifest.has_hidden_tests();
  const int timeout = manifest.timeouts.build_s;
  bool staged = false;
  for (const Config& cfg : configs(ws, machine, kit)) {
    const fs::path file = recipe_file(ws, machine, kit, cfg);
    if (fs::exists(file)) continue;
    if (!staged) {  // once, for whichever configurations need it
      const auto outcome = stage(ws, machine.sandbox);
      if (!outcome.ok) return outcome.message;
      staged = true;
    }
    if (auto failed = configure_config(ws, machine, cfg, timeout)) return failed->message;
    save_recipe(file, ws, machine, kit, cfg, timeout);
    if (!fs::exists(file)) return fmt::format("no recipe could be made from the {} build", cfg.name);
  }
  return {};
}

std::string build_next_step(const Check&) {
  return "fix the first compiler error shown; the later ones often follow from it";
}

}  // namespace parlab::grader::steps
