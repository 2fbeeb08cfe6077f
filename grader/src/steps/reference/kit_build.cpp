#include "steps/reference/kit_build.hpp"

#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <fmt/format.h>
#include <set>
#include <sstream>

#include "core/content_hash.hpp"
#include "core/files.hpp"
#include "core/lines.hpp"
#include "core/phase_lock.hpp"
#include "sandbox/process.hpp"
#include "steps/build/compile_commands.hpp"
#include "steps/build/graded_flags.hpp"

namespace parlab::grader::steps {

namespace {

namespace fs = std::filesystem;

sandbox::Result run_tool(std::vector<std::string> argv, const fs::path& dir, int timeout_s) {
  sandbox::Command c;
  c.argv = std::move(argv);
  c.working_dir = dir.string();
  c.limits.wall_timeout = std::chrono::seconds(timeout_s);
  c.limits.data_bytes = 0;
  c.limits.memory_watch_bytes = 6ULL << 30;
  c.limits.file_size_bytes = 1ULL << 30;
  c.limits.output_cap_bytes = 4U << 20;
  return sandbox::run(c);
}

// Every regular file below `dir`, sorted, relative to `base`.
std::vector<fs::path> files_below(const fs::path& dir, const fs::path& base) {
  std::vector<fs::path> out;
  std::error_code ec;
  for (fs::recursive_directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    if (it->is_regular_file()) out.push_back(it->path().lexically_relative(base));
  }
  std::sort(out.begin(), out.end());
  return out;
}

// The first "model name" and "flags" lines: -march=native code is only
// valid on this kind of CPU.
std::string cpu_identity() {
  std::string id;
  const auto text = read_file("/proc/cpuinfo", 1U << 20).value_or("");
  for (const auto line : split_lines(text)) {
    if ((starts_with(line, "model name") || starts_with(line, "flags")) && !contains(id, line.substr(0, 5))) {
      id += std::string(line) + "\n";
    }
  }
  return id;
}

// Keeps the folder's programs reachable by the sandbox's unprivileged uid
// (the reference program runs under the same layers as student code) and
// everything else (objects of the hidden tests, the listing programs) private.
void restrict_access(const fs::path& dir) {
  if (geteuid() != 0) return;
  std::error_code ec;
  ::chmod(dir.c_str(), 0711);
  for (const auto& entry : fs::directory_iterator(dir, ec)) {
    if (entry.path().filename() != "bin") ::chmod(entry.path().c_str(), 0700);
  }
  for (fs::recursive_directory_iterator it(dir / "bin", ec), end; !ec && it != end; it.increment(ec)) {
    if (it->is_symlink()) continue;
    const bool reference = it->path().filename() == "reference";
    if (it->is_directory()) {
      ::chmod(it->path().c_str(), 0755);
    } else if (it->is_regular_file()) {
      ::chmod(it->path().c_str(), reference ? 0755 : 0700);
    }
  }
}

// The explicit and implicit inputs of the ninja statement that links `output`.
std::vector<std::string> link_inputs(const std::string& build_ninja, const std::string& output) {
  const std::string head = "build " + output + ":";
  for (const auto line : split_lines(build_ninja)) {
    if (!starts_with(line, head)) continue;
    std::istringstream words{std::string(line.substr(head.size()))};
    std::vector<std::string> inputs;
    std::string word;
    words >> word;  // the rule
    while (words >> word && word != "||") {
      if (word != "|") inputs.push_back(word);
    }
    return inputs;
  }
  return {};
}

// Names defined by an object or program (nm --defined-only), strong ones only
// when `strong_only` (T, D, B, R: weak and inline definitions are shared by
// design, such as a header's constexpr function).
std::set<std::string> defined_symbols(const fs::path& file, bool strong_only, const fs::path& dir) {
  std::set<std::string> names;
  const auto r = run_tool({"nm", "--defined-only", file.string()}, dir, 60);
  for (const auto line : split_lines(r.out)) {
    std::istringstream fields{std::string(line)};
    std::string address;
    std::string type;
    std::string name;
    if (!(fields >> address >> type >> name)) continue;
    if (strong_only && std::string("TDBR").find(type) == std::string::npos) continue;
    names.insert(name);
  }
  return names;
}

}  // namespace

std::string kit_build_key(const fs::path& kit_root, const Machine& machine, const Manifest& exercise) {
  ContentHash hash;
  hash.add(PARLAB_VERSION);
  hash.add(machine.graded_cxx);
  hash.add(machine.graded_flags);
  hash.add(run_tool({machine.graded_cxx, "--version"}, kit_root, 30).out);
  hash.add(cpu_identity());
  std::vector<fs::path> inputs = {"CMakeLists.txt"};
  for (const char* dir : {"cmake", "kit"}) {
    const auto found = files_below(kit_root / dir, kit_root);
    inputs.insert(inputs.end(), found.begin(), found.end());
  }
  hash.add(exercise.id);
  const std::set<std::string> student(exercise.student_files.begin(), exercise.student_files.end());
  for (const fs::path& rel : files_below(exercise.dir, exercise.dir)) {
    if (student.count(rel.generic_string()) == 0) inputs.push_back(fs::path("exercises") / exercise.id / rel);
  }
  for (const fs::path& rel : inputs) {
    hash.add(rel.generic_string());
    hash.add(read_file(kit_root / rel).value_or("<missing>"));
  }
  return hash.hex();
}

KitBuild ensure_kit_build(const fs::path& kit_root, const Machine& machine, const Manifest& exercise) {
  KitBuild kit;
  const fs::path cache = kit_root / ".parlab" / "kit-build";
  std::error_code ec;
  fs::create_directories(cache, ec);
  const std::string key = exercise.id + "-" + kit_build_key(kit_root, machine, exercise);
  kit.dir = cache / key;
  kit.tsan_dir = cache / (key + "-tsan");
  const fs::path stamp = kit.dir / "parlab-kit-build.ok";
  const PhaseLock lock(cache / (key + ".lock"));
  const auto held = lock.exclusive();
  if (fs::exists(stamp, ec)) {
    kit.ok = true;
    return kit;
  }
  // The same folder layout and flags as a submission's two builds
  // (steps/build), so that their programs can link these objects.
  auto build_variant = [&](const fs::path& dir, const std::string& sanitize) {
    std::vector<std::string> configure = {machine.cmake, "-S", kit_root.string(), "-B", dir.string(), "-G", "Ninja",
                                          "-DPARLAB_KIT_BUILD=ON", "-DPARLAB_BUILD_GRADER=OFF",
                                          "-DPARLAB_BUILD_BENCHMARKS=OFF", "-DPARLAB_SOLUTIONS_DIR=",
                                          "-DPARLAB_ONLY=" + exercise.id,
                                          "-DPARLAB_EXERCISES_DIR=" + (kit_root / "exercises").string()};
    const auto flags = graded_cache_args(machine, sanitize);
    configure.insert(configure.end(), flags.begin(), flags.end());
    auto r = run_tool(configure, kit_root, 600);
    if (r.ok()) {
      r = run_tool({machine.cmake, "--build", dir.string(), "-j", std::to_string(machine.build_jobs)}, kit_root, 1200);
    }
    return r;
  };
  auto r = build_variant(kit.dir, "");
  if (r.ok()) r = build_variant(kit.tsan_dir, "thread");
  if (!r.ok()) {
    kit.problem = fmt::format("the kit's own reference programs did not build ({}): a kit or machine problem, not "
                              "the submission's; run tools/setup, then grade again",
                              r.describe());
    kit.details = first_lines(r.out + r.err, 30);
    return kit;
  }
  restrict_access(kit.dir);
  restrict_access(kit.tsan_dir);
  write_file(stamp, key + "\n");
  kit.ok = true;
  return kit;
}

std::string reference_holds_student_code(const KitBuild& kit, const Workspace& ws) {
  const Manifest& m = *ws.manifest;
  const std::string output = "bin/" + m.id + "/kit/reference";
  const auto ninja = read_file(kit.dir / "build.ninja").value_or("");
  const auto inputs = link_inputs(ninja, output);
  if (inputs.empty()) return "its link step is not in the kit build's build.ninja";

  auto from_student_file = [&](const std::string& object) {
    return std::any_of(m.student_files.begin(), m.student_files.end(), [&](const std::string& f) {
      return ends_with(object, "/" + f + ".o") || object == f + ".o";
    });
  };
  for (const std::string& input : inputs) {
    if (from_student_file(input)) return "it links " + input + ", compiled from a student file";
    if (ends_with(input, ".a")) {
      const auto members = run_tool({"ar", "t", (kit.dir / input).string()}, kit.dir, 60);
      for (const auto member : split_lines(members.out)) {
        if (from_student_file(std::string(trim(member)))) {
          return fmt::format("its archive {} holds {}, compiled from a student file", input, trim(member));
        }
      }
    }
  }

  const auto reference_symbols = defined_symbols(kit.reference(m), false, kit.dir);
  for (const std::string& name : m.student_files) {
    const auto cc = build::compile_command(ws.build_dir("release"), ws.staged() / name);
    if (!cc) continue;
    for (const auto& symbol : defined_symbols(fs::path(cc->directory) / cc->object, true, ws.root)) {
      if (reference_symbols.count(symbol) != 0) {
        return fmt::format("it defines {}, which {} defines too", symbol, name);
      }
    }
  }
  return {};
}

}  // namespace parlab::grader::steps
