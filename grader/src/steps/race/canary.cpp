#include "steps/race/canary.hpp"

#include <sys/utsname.h>

#include <tuple>

#include <fmt/format.h>

#include <sys/stat.h>

#include "core/content_hash.hpp"
#include "core/files.hpp"
#include "core/phase_lock.hpp"
#include "sandbox/process.hpp"
#include "steps/race/tsan_log_parser.hpp"

namespace parlab::grader::steps {

namespace {

namespace fs = std::filesystem;

std::string machine_arch() {
  utsname u{};
  return uname(&u) == 0 ? std::string(u.machine) : std::string("x86_64");
}

// The canary counts only if TSan reported its data race (a crash under TSan
// also writes a report, and proves nothing).
bool reports_race(const std::string& log) {
  for (const auto& r : race::parse_tsan_log(log)) {
    if (r.kind == "data race") return true;
  }
  return false;
}

}  // namespace

// Report files are student-controlled output: read at most 8 MiB of each.
static std::vector<fs::path> tsan_logs(const fs::path& dir, const std::string& stem) {
  std::vector<fs::path> logs;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(dir, ec)) {
    if (entry.path().filename().string().rfind(stem + ".", 0) == 0) logs.push_back(entry.path());
  }
  return logs;
}

std::string collect_tsan_logs(const fs::path& dir, const std::string& stem) {
  std::string all;
  for (const auto& p : tsan_logs(dir, stem)) {
    if (auto text = read_file(p, 8U << 20)) all += *text;
  }
  return all;
}

void remove_tsan_logs(const fs::path& dir, const std::string& stem) {
  std::error_code ec;
  for (const auto& p : tsan_logs(dir, stem)) fs::remove(p, ec);
}

std::string tsan_options(const fs::path& log_prefix) {
  return "halt_on_error=1:exitcode=66:second_deadlock_stack=1:atexit_sleep_ms=0:history_size=4:log_path=" +
         log_prefix.string();
}

namespace {

sandbox::Result run_compiler(std::vector<std::string> argv, const fs::path& dir) {
  sandbox::Command c;
  c.argv = std::move(argv);
  c.working_dir = dir.string();
  c.limits.wall_timeout = std::chrono::seconds(120);
  c.limits.data_bytes = 0;
  return sandbox::run(c);
}

// The canary program, built once per compiler and source (a TSan build takes
// seconds, every grade probes) under <kit>/.parlab/canary/<key>/, keyed like
// the kit build on everything the build reads; readable and runnable by the
// sandbox's uid, writable only by the grader. Empty path and the failed
// build's result when it does not build.
std::pair<fs::path, sandbox::Result> canary_binary(const Machine& machine, const fs::path& kit_root) {
  const fs::path source = kit_root / "grader" / "canary" / "racy_canary.cpp";
  const std::vector<std::string> flags = {"-std=c++20", "-g", "-O1", "-fsanitize=thread", "-pthread"};
  ContentHash key;
  key.add(machine.graded_cxx);
  for (const auto& f : flags) key.add(f);
  key.add(read_file(source).value_or("<missing>"));
  const fs::path cache = kit_root / ".parlab" / "canary";
  key.add(run_compiler({machine.graded_cxx, "--version"}, kit_root).out);
  const fs::path dir = cache / key.hex();
  const fs::path binary = dir / "racy_canary";
  std::error_code ec;
  fs::create_directories(dir, ec);
  const PhaseLock lock(cache / (key.hex() + ".lock"));
  const auto held = lock.exclusive();
  if (fs::exists(dir / "parlab-canary.ok", ec)) return {binary, {}};
  std::vector<std::string> argv = {machine.graded_cxx};
  argv.insert(argv.end(), flags.begin(), flags.end());
  argv.insert(argv.end(), {source.string(), "-o", binary.string()});
  auto built = run_compiler(argv, dir);
  if (!built.ok()) return {{}, built};
  ::chmod(cache.c_str(), 0755);
  ::chmod(dir.c_str(), 0755);
  ::chmod(binary.c_str(), 0755);
  write_file(dir / "parlab-canary.ok", key.hex() + "\n");
  return {binary, built};
}

}  // namespace

void probe_tsan(Machine& machine, const fs::path& kit_root, const fs::path& scratch) {
  std::error_code ec;
  fs::create_directories(scratch, ec);
  const auto canary = canary_binary(machine, kit_root);
  const fs::path& binary = canary.first;
  const sandbox::Result& built = canary.second;
  if (binary.empty()) {
    machine.tsan_works = false;
    machine.tsan_problem = fmt::format("cannot build a ThreadSanitizer program with {} ({}): install clang and "
                                       "libclang-rt-dev (tools/setup)",
                                       machine.graded_cxx, built.describe());
    return;
  }

  auto attempt = [&](const std::vector<std::string>& launcher, const std::string& stem) {
    sandbox::Command run;
    run.argv = launcher;
    run.argv.push_back(binary.string());
    run.working_dir = scratch.string();
    run.limits.wall_timeout = std::chrono::seconds(60);
    run.limits.data_bytes = 0;  // TSan maps ~124 TiB of address space
    run.env["TSAN_OPTIONS"] = tsan_options(scratch / stem);
    // Isolated like the race check's runs, so that it proves TSan works there.
    run.isolation.untrusted = true;
    run.isolation.layers = &machine.sandbox;
    run.isolation.read_only = {binary.parent_path().string()};
    run.isolation.writable = {scratch.string()};
    const auto r = sandbox::run(run);
    return std::pair{r, collect_tsan_logs(scratch, stem) + r.err};
  };

  remove_tsan_logs(scratch, "canary-plain");
  remove_tsan_logs(scratch, "canary-setarch");
  // Up to three runs: one run without a report on a loaded machine (seen in
  // batch runs under Slurm) must not take the race check from every student
  // graded there. A broken TSan fails all three, in about a second.
  sandbox::Result plain;
  std::string plain_log;
  for (int run = 0; run < 3; ++run) {
    std::tie(plain, plain_log) = attempt({}, "canary-plain");
    if (reports_race(plain_log)) {
      machine.tsan_works = true;
      return;
    }
    if (race::has_unexpected_memory_mapping(plain_log)) break;
    remove_tsan_logs(scratch, "canary-plain");
  }
  if (race::has_unexpected_memory_mapping(plain_log)) {
    const std::vector<std::string> setarch = {"setarch", machine_arch(), "-R"};
    auto [noaslr, noaslr_log] = attempt(setarch, "canary-setarch");
    if (reports_race(noaslr_log)) {
      machine.tsan_works = true;
      machine.tsan_launcher = setarch;
      return;
    }
    machine.tsan_problem =
        "ThreadSanitizer fails on this kernel (unexpected memory mapping), even with setarch -R: run "
        "'sudo sysctl -w vm.mmap_rnd_bits=28' and grade again";
  } else {
    machine.tsan_problem = fmt::format("ThreadSanitizer did not report the canary's known race ({}): the race "
                                       "check cannot be trusted on this machine",
                                       plain.describe());
  }
  machine.tsan_works = false;
}

}  // namespace parlab::grader::steps
