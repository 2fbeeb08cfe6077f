// `grade scale EXERCISE [DIR]`: the scaling curve of one exercise of a
// submission. Builds its timer (release), measures it on 1, 2, ... threads
// and beyond the cores, fits Amdahl's law, and writes an SVG chart and its
// data. Nothing is graded: this shows the lecture's Amdahl section on the
// student's own code. See docs/scaling.md.
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <cstdio>
#include <filesystem>
#include <fmt/format.h>
#include <random>

#include "commands/commands.hpp"
#include "core/files.hpp"
#include "core/workspace.hpp"
#include "pipeline/pipeline.hpp"
#include "sandbox/process.hpp"
#include "scaling/scale_markdown.hpp"
#include "scaling/scale_measure.hpp"
#include "scaling/scale_plan.hpp"
#include "scaling/svg_chart.hpp"
#include "scaling/terminal_chart.hpp"
#include "steps/build/build_step.hpp"
#include "steps/reference/kit_build.hpp"
#include "steps/stage/stage.hpp"

namespace {

namespace fs = std::filesystem;
using namespace parlab::grader;

std::uint64_t fresh_seed() {
  std::random_device device;
  return (std::uint64_t{device()} << 32) | device();
}

// The order of EXERCISE and DIR is forgiving: the argument that is a folder is DIR.
void split_arguments(const std::vector<std::string>& args, std::string& exercise, std::string& dir) {
  for (const std::string& a : args) {
    if (dir.empty() && args.size() > 1 && fs::is_directory(a)) {
      dir = a;
    } else if (exercise.empty()) {
      exercise = a;
    }
  }
}

}  // namespace

namespace parlab::grader::commands {

int scale_command(int argc, char** argv) {
  CLI::App app{"parlab scaling curve: measures one exercise on 1, 2, ... threads and fits Amdahl's law.",
               "grade scale"};
  app.footer(
      "EXERCISE is an id, name or number (04_monte_carlo_pi, monte_carlo_pi or 4). DIR is a folder laid out like\n"
      "exercises/ (default: ./exercises). Writes an SVG chart (--out) and its data beside it (.json).\n"
      "Exit status: 0 when a curve was measured, 1 when the code could not be measured, 2 on a usage error.\n"
      "See docs/scaling.md.");
  std::vector<std::string> positional;
  std::string kit = PARLAB_KIT_DIR;
  std::string out_path;
  std::string markdown_path;
  std::string work;
  int rounds = 5;
  std::uint64_t seed = 0;
  app.add_option("EXERCISE DIR", positional, "the exercise, then the submission folder")->required();
  app.add_option("--kit", kit, "the kit (exercises, CMake)")->check(CLI::ExistingDirectory);
  app.add_option("--out", out_path, "the SVG chart (default: <work>/scale-<exercise>.svg); its data go to .json beside it");
  app.add_option("--markdown", markdown_path, "also write a Markdown section with the chart, to add to a report");
  app.add_option("--work", work, "scratch folder (default: the one ./grade uses, so its build is reused)");
  app.add_option("--rounds", rounds, "interleaved rounds per thread count")->check(CLI::Range(1, 50));
  app.add_option("--seed", seed, "input seed for the timed runs (default: fresh)");
  CLI11_PARSE(app, argc, argv);

  std::string selector;
  std::string dir;
  split_arguments(positional, selector, dir);
  if (positional.size() > 2 || selector.empty()) {
    std::fprintf(stderr, "grade scale: give one exercise and at most one folder, e.g. ./grade scale 04 exercises\n");
    return 2;
  }
  const fs::path kit_root = fs::weakly_canonical(kit);
  const fs::path submission = fs::absolute(dir.empty() ? "exercises" : dir);
  if (!fs::is_directory(submission)) {
    std::fprintf(stderr, "grade scale: %s is not a folder; pass the submission folder, e.g. ./grade scale 04 exercises\n",
                 submission.c_str());
    return 2;
  }
  std::vector<Manifest> chosen;
  try {
    chosen = select_exercises(kit_root, {selector});
  } catch (const std::exception& e) {
    std::fprintf(stderr, "grade scale: %s\n", e.what());
    return 2;
  }
  const Manifest& manifest = chosen.front();

  const fs::path work_root = work.empty() ? default_work_root(kit_root, submission) : fs::absolute(work);
  const fs::path svg_path = out_path.empty() ? work_root / fmt::format("scale-{}.svg", manifest.id) : fs::absolute(out_path);
  const fs::path json_path = fs::path(svg_path).replace_extension(".json");

  // No TSan probe: nothing here runs under ThreadSanitizer.
  Machine machine;
  machine.cores = platform::usable_cores();
  machine.build_jobs = std::max(1, machine.cores.usable);
  sandbox::become_subreaper();
  std::error_code ec;
  fs::create_directories(work_root, ec);
  machine.sandbox = sandbox::probe_layers(work_root);  // student code runs under the same layers as in a grade

  // The same workspace as ./grade (hidden tests as it stages them), so the
  // build after a grade is warm and a grade after this one is too.
  Workspace ws;
  ws.manifest = &manifest;
  ws.kit_root = kit_root;
  ws.submission_dir = submission / manifest.id;
  ws.root = work_root / manifest.id;
  ws.hidden = manifest.has_hidden_tests();

  std::printf("scaling %s of %s\ncores: %s\n", manifest.id.c_str(), submission.c_str(), machine.cores.explain().c_str());
  std::fflush(stdout);
  const auto staged = steps::stage(ws, machine.sandbox);
  if (!staged.ok) {
    std::fprintf(stderr, "grade scale: %s\n", staged.message.c_str());
    return 1;
  }
  const steps::KitBuild kit_build = steps::ensure_kit_build(kit_root, machine, manifest);
  if (!kit_build.ok) {
    std::fprintf(stderr, "grade scale: %s\n%s", kit_build.problem.c_str(), kit_build.details.c_str());
    return 1;
  }

  const Check built = steps::build_release_timer(ws, machine, kit_build);
  if (built.status != Status::pass) {
    std::fprintf(stderr, "grade scale: %s%s\n%s", built.location ? (built.location->str() + ": ").c_str() : "",
                 built.message.c_str(), built.details.c_str());
    return 1;
  }

  const scaling::ScalePlan plan = scaling::plan_thread_counts(manifest.speedup, machine.cores.usable);
  scaling::MeasureOptions options;
  options.seed = seed != 0 ? seed : fresh_seed();
  options.rounds = rounds;
  // In a terminal the round counter updates in place; in a log it is one line.
  const bool tty = isatty(fileno(stdout)) != 0;
  std::printf("measuring %zu %s counts (", plan.threads.size(), manifest.speedup.kind == "latency" ? "worker" : "thread");
  for (std::size_t i = 0; i < plan.threads.size(); ++i) std::printf("%s%d", i == 0 ? "" : " ", plan.threads[i]);
  std::printf(") in %d rounds\n", rounds);
  std::fflush(stdout);
  if (tty) {
    options.on_round = [&](int round, int total) {
      std::printf("\rround %d of %d", round, total);
      std::fflush(stdout);
    };
  }
  const scaling::Measurement m = scaling::measure_scaling(ws, machine, kit_build, plan, options);
  if (tty) std::printf("\n");
  if (!m.ok) {
    std::fprintf(stderr, "grade scale: %s\n", m.problem.c_str());
    return 1;
  }
  const scaling::ScaleResult& result = m.result;
  std::printf("\n%s", scaling::terminal_chart(result).c_str());
  if (result.kind == "latency") {
    std::printf("(%s waits on slow requests: the x axis is worker threads, up to the manifest's concurrency of %d; "
                "they need no cores)\n",
                manifest.id.c_str(), plan.fit_limit);
  }

  if (!write_file(svg_path, scaling::svg_chart(result)) || !write_file(json_path, scaling::to_json(result))) {
    std::fprintf(stderr, "grade scale: cannot write %s; pass --out with a writable path\n", svg_path.c_str());
    return 2;
  }
  std::printf("\nchart: %s\ndata:  %s\n", svg_path.c_str(), json_path.c_str());
  if (!markdown_path.empty()) {
    const fs::path md = fs::absolute(markdown_path);
    const std::string image = svg_path.lexically_relative(md.parent_path()).generic_string();
    if (!write_file(md, scaling::scale_markdown(result, image.empty() ? svg_path.string() : image))) {
      std::fprintf(stderr, "grade scale: cannot write %s\n", md.c_str());
      return 2;
    }
    std::printf("markdown: %s\n", md.c_str());
  }
  return 0;
}

}  // namespace parlab::grader::commands
