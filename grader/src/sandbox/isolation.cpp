#include "sandbox/isolation.hpp"

#include <sys/stat.h>
#include <unistd.h>

#include <fmt/format.h>

#include "core/lines.hpp"
#include "sandbox/process.hpp"

namespace parlab::grader::sandbox {
namespace {

namespace fs = std::filesystem;


std::string first_line(const std::string& text) {
  const auto lines = split_lines(text);
  return lines.empty() ? std::string() : std::string(trim(lines.front()));
}

// Where bubblewrap is: looked up in the grader's own PATH, then the usual place.
std::string find_bwrap() {
  for (const char* candidate : {"/usr/bin/bwrap", "/usr/local/bin/bwrap", "/bin/bwrap"}) {
    if (access(candidate, X_OK) == 0) return candidate;
  }
  return {};
}

std::string namespace_failure(const std::string& err) {
  const std::string line = first_line(err);
  if (contains(line, "uid map") || contains(line, "Permission denied") || contains(line, "Operation not permitted") ||
      contains(line, "No permissions")) {
    return fmt::format("user namespaces are restricted on this host ({}); on Ubuntu 24.04 run 'sudo sysctl -w "
                       "kernel.apparmor_restrict_unprivileged_userns=0'",
                       line);
  }
  return fmt::format("bubblewrap did not start ({})", line.empty() ? "no message" : line);
}

// System folders every program needs, read-only. On merged-/usr systems
// /bin, /lib... are symlinks into /usr, and are recreated as symlinks.
void add_system(std::vector<std::string>& argv) {
  for (const char* dir : {"/usr", "/etc"}) argv.insert(argv.end(), {"--ro-bind", dir, dir});
  for (const char* dir : {"/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32"}) {
    std::error_code ec;
    const auto status = fs::symlink_status(dir, ec);
    if (ec || !fs::exists(status)) continue;
    if (fs::is_symlink(status)) {
      argv.insert(argv.end(), {"--symlink", fs::read_symlink(dir, ec).string(), dir});
    } else if (fs::is_directory(status)) {
      argv.insert(argv.end(), {"--ro-bind", dir, dir});
    }
  }
}

// A small command run as student code under the layers being tried.
Result run_probe(const Layers& layers, std::vector<std::string> argv, const std::string& working_dir,
                 std::chrono::seconds timeout, std::vector<std::string> read_only = {}) {
  Command probe;
  probe.argv = std::move(argv);
  probe.working_dir = working_dir;
  probe.limits.wall_timeout = timeout;
  probe.isolation.untrusted = true;
  probe.isolation.layers = &layers;
  probe.isolation.read_only = std::move(read_only);
  return run(probe);
}

}  // namespace

std::string Layers::summary() const {
  std::vector<std::string> on = {"own process group and sweep", "timeouts", "rlimits", "memory watchdog",
                                 "scrubbed environment"};
  std::vector<std::string> off;
  if (drop_privileges) on.push_back(fmt::format("unprivileged uid {}", uid));
  if (task_limit) {
    on.push_back("task limit");
  } else {
    off.push_back("task limit (root ignores RLIMIT_NPROC and the privilege drop is off: " + drop_problem + ")");
  }
  if (namespaces) {
    on.push_back("bubblewrap (no network, private file system, PID namespace)");
  } else {
    off.push_back("network and file-system isolation (" + namespace_problem + ")");
  }
  std::string line = "on: " + on.front();
  for (std::size_t i = 1; i < on.size(); ++i) line += ", " + on[i];
  if (off.empty()) return line + "; off: none";
  line += "; off: " + off.front();
  for (std::size_t i = 1; i < off.size(); ++i) line += "; " + off[i];
  return line;
}


std::vector<std::string> bwrap_argv(const std::string& bwrap, const Isolation& isolation,
                                     const std::string& working_dir, const std::vector<std::string>& program_argv) {
  // --unshare-all: no network (only a private loopback), PID, IPC and UTS
  // namespaces; --die-with-parent and the PID namespace take every process
  // of the run down with it; --new-session keeps it off the terminal.
  std::vector<std::string> argv = {bwrap, "--unshare-all", "--die-with-parent", "--new-session"};
  static const std::string kAsPid1 = "--as-pid-1";  // a std::string: a literal trips GCC 12 -Wrestrict
  if (isolation.as_pid_1) argv.push_back(kAsPid1);
  add_system(argv);
  argv.insert(argv.end(), {"--dev", "/dev", "--proc", "/proc", "--tmpfs", "/tmp"});
  // Later mounts go on top of earlier ones, so folders below /tmp work too.
  for (const auto& p : isolation.read_only) argv.insert(argv.end(), {"--ro-bind", p, p});
  for (const auto& p : isolation.writable) argv.insert(argv.end(), {"--bind", p, p});
  argv.insert(argv.end(), {"--chdir", working_dir, "--"});
  argv.insert(argv.end(), program_argv.begin(), program_argv.end());
  return argv;
}

void prepare_writable(const Layers& layers, const Isolation& isolation) {
  if (!layers.drop_privileges) return;
  for (const auto& dir : isolation.writable) {
    std::error_code ec;
    fs::create_directories(dir, ec);
    [[maybe_unused]] const int top = lchown(dir.c_str(), layers.uid, layers.gid);
    for (fs::recursive_directory_iterator it(dir, fs::directory_options::none, ec), end; !ec && it != end;
         it.increment(ec)) {
      [[maybe_unused]] const int r = lchown(it->path().c_str(), layers.uid, layers.gid);
    }
  }
}

Layers probe_layers(const fs::path& must_reach, bool use_bubblewrap) {
  Layers layers;
  const std::string reach = must_reach.string();
  if (geteuid() == 0) {
    Layers trial;
    trial.drop_privileges = true;
    trial.uid = kUidBase + static_cast<uid_t>(getpid());
    trial.gid = trial.uid;
    if (run_probe(trial, {"/usr/bin/test", "-x", reach}, "/", std::chrono::seconds(10)).ok()) {
      layers = trial;
    } else {
      layers.drop_problem = fmt::format("{} is not reachable by an unprivileged user (a parent folder is private, "
                                        "like /root): move the kit, or pass --work with a shared folder",
                                        reach);
    }
  }
  layers.task_limit = geteuid() != 0 || layers.drop_privileges;

  const std::string bwrap = find_bwrap();
  if (!use_bubblewrap) {
    layers.namespace_problem = std::string("bubblewrap turned off by --no-bubblewrap");
  } else if (bwrap.empty()) {
    // (Built as a std::string: assigning the literal trips a GCC 12 false -Wrestrict.)
    layers.namespace_problem = std::string("bubblewrap is not installed: tools/setup installs it");
  } else {
    Layers trial = layers;
    trial.namespaces = true;
    trial.bwrap = bwrap;
    const Result r = run_probe(trial, {"/usr/bin/test", "-d", reach}, reach, std::chrono::seconds(20), {reach});
    if (r.ok()) {
      layers = trial;
    } else {
      layers.namespace_problem = namespace_failure(r.err.empty() ? r.describe() : r.err);
    }
  }
  return layers;
}

}  // namespace parlab::grader::sandbox
