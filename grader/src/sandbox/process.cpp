// run(): prepares everything, forks the per-run supervisor (supervisor.cpp),
// then captures output and enforces the wall-clock and memory limits from the
// grader's side until the supervisor reports and exits.
#include "sandbox/process.hpp"
#include "sandbox/unique_fd.hpp"

#include "sandbox/leftovers.hpp"

#include <fcntl.h>
#include <poll.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cmath>
#include <csignal>
#include <cstring>
#include <map>
#include <sstream>
#include <system_error>
#include <utility>

#include "platform/cores.hpp"
#include "sandbox/proc_tree.hpp"
#include "sandbox/supervisor.hpp"
#include "sandbox/thread_ledger.hpp"

namespace parlab::grader::sandbox {
namespace {

using Clock = std::chrono::steady_clock;
using namespace std::chrono_literals;
using detail::Report;

// How often the memory watchdog samples the tree's resident memory.
constexpr auto kMemoryPollInterval = 50ms;
// How long the supervisor gets to kill and sweep after being asked to stop,
// before the grader kills it outright.
constexpr auto kStopGrace = 5s;
// How long the pipes may stay open once the supervisor is gone.
constexpr auto kDrainGrace = 2s;

std::string errno_text(int error_number) { return std::system_category().message(error_number); }

struct Pipe {
  UniqueFd read;
  UniqueFd write;
};

// Close-on-exec on both ends: another thread's command must never inherit
// them, or our end-of-file would wait for that command.
std::optional<Pipe> make_pipe(std::string& error) {
  int fds[2];
  if (pipe2(fds, O_CLOEXEC) != 0) {
    error = "pipe: " + errno_text(errno);
    return std::nullopt;
  }
  Pipe p{UniqueFd(fds[0]), UniqueFd(fds[1])};
  fcntl(p.read.get(), F_SETFL, O_NONBLOCK);  // the command's end stays blocking
  return p;
}

// stdin_data goes into an anonymous file, so the grader never blocks on (or
// gets SIGPIPE from) a command that does not read its input.
UniqueFd make_stdin(const std::string& data, std::string& error) {
  UniqueFd fd(memfd_create("parlab-stdin", MFD_CLOEXEC));
  if (!fd.valid()) {
    error = "memfd_create: " + errno_text(errno);
    return fd;
  }
  std::size_t done = 0;
  while (done < data.size()) {
    const ssize_t n = write(fd.get(), data.data() + done, data.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      error = "writing stdin: " + errno_text(errno);
      return UniqueFd();
    }
    done += static_cast<std::size_t>(n);
  }
  lseek(fd.get(), 0, SEEK_SET);
  return fd;
}

bool is_executable_file(const std::string& path) {
  struct stat st {};
  return stat(path.c_str(), &st) == 0 && S_ISREG(st.st_mode) && access(path.c_str(), X_OK) == 0;
}

// Looked up before fork(), where allocating is still allowed.
std::optional<std::string> find_executable(const std::string& name, const std::string& search_path) {
  if (name.find('/') != std::string::npos) return name;
  std::istringstream dirs(search_path);
  std::string dir;
  while (std::getline(dirs, dir, ':')) {
    if (dir.empty() || dir.front() != '/') continue;  // a relative PATH entry would depend on working_dir
    std::string candidate = dir + "/" + name;
    if (is_executable_file(candidate)) return candidate;
  }
  return std::nullopt;
}

int usable_cores_once() {
  static const int cores = platform::usable_cores().usable;
  return cores;
}

void add_limit(detail::SpawnPlan& plan, int resource, rlim_t soft, rlim_t hard) {
  plan.limits[plan.limit_count++] = detail::ResourceLimit{resource, soft, hard};
}

void plan_limits(detail::SpawnPlan& plan, const Limits& limits, bool drop_privileges, uid_t run_as) {
  // RLIMIT_CPU counts every thread, so a parallel command legitimately uses
  // up to wall time x cores. The hard limit one second later is SIGKILL.
  rlim_t cpu = limits.cpu_seconds;
  if (cpu == 0) {
    const double wall_s = static_cast<double>(limits.wall_timeout.count()) / 1000.0;
    cpu = static_cast<rlim_t>(std::ceil(wall_s * usable_cores_once()));
  }
  cpu = std::max<rlim_t>(cpu, 1);
  add_limit(plan, RLIMIT_CPU, cpu, cpu + 1);
  add_limit(plan, RLIMIT_CORE, 0, 0);
  // POSIX message queues outlive their process and may live where no sweep
  // can see them (an unmounted /dev/mqueue): graded code needs none.
  add_limit(plan, RLIMIT_MSGQUEUE, 0, 0);
  if (limits.file_size_bytes > 0) add_limit(plan, RLIMIT_FSIZE, limits.file_size_bytes, limits.file_size_bytes);
  if (limits.data_bytes > 0) add_limit(plan, RLIMIT_DATA, limits.data_bytes, limits.data_bytes);
  // Root ignores RLIMIT_NPROC, and counting all of root's tasks is wasted work.
  // RLIMIT_NPROC counts the tasks of the command's real uid.
  const bool unprivileged = drop_privileges || geteuid() != 0;
  if (limits.extra_tasks > 0 && unprivileged) {
    const rlim_t tasks = detail::tasks_of_user(drop_privileges ? run_as : getuid()) + limits.extra_tasks;
    add_limit(plan, RLIMIT_NPROC, tasks, tasks);
  }
}

// NULL-terminated char* arrays over strings that outlive the fork.
std::vector<char*> c_array(std::vector<std::string>& strings) {
  std::vector<char*> out;
  out.reserve(strings.size() + 1);
  for (auto& s : strings) out.push_back(s.data());
  out.push_back(nullptr);
  return out;
}

// One captured stream: keeps the first `cap` bytes and counts the rest, but
// always reads everything so the command never blocks on a full pipe.
struct Capture {
  UniqueFd fd;
  std::string* text = nullptr;
  std::size_t* dropped = nullptr;
  std::size_t cap = 0;

  void drain() {
    std::array<char, 65536> buffer{};
    while (fd.valid()) {
      const ssize_t n = read(fd.get(), buffer.data(), buffer.size());
      if (n < 0 && errno == EINTR) continue;
      if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) return;
      if (n <= 0) {
        fd.reset();  // end of file (or an error we cannot recover from)
        return;
      }
      const auto got = static_cast<std::size_t>(n);
      const std::size_t kept = std::min(got, cap - std::min(cap, text->size()));
      text->append(buffer.data(), kept);
      *dropped += got - kept;
    }
  }
};

// The supervisor's records, reassembled from the report pipe.
struct ReportReader {
  UniqueFd fd;
  std::string pending;
  std::optional<Report> started, start_failed, finished;

  void drain() {
    std::array<char, 4096> buffer{};
    while (fd.valid()) {
      const ssize_t n = read(fd.get(), buffer.data(), buffer.size());
      if (n < 0 && errno == EINTR) continue;
      if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) break;
      if (n <= 0) {
        fd.reset();
        break;
      }
      pending.append(buffer.data(), static_cast<std::size_t>(n));
    }
    while (pending.size() >= sizeof(Report)) {
      Report r;
      std::memcpy(&r, pending.data(), sizeof r);
      pending.erase(0, sizeof r);
      if (r.kind == Report::Kind::started) started = r;
      if (r.kind == Report::Kind::start_failed && !start_failed) start_failed = r;
      if (r.kind == Report::Kind::finished) finished = r;
    }
  }
};

std::string start_failure_text(const Report& r, const std::string& path, const std::string& working_dir) {
  const std::string why = errno_text(r.error_number);
  switch (r.step) {
    case detail::StartStep::fork: return "fork: " + why;
    case detail::StartStep::set_limit: return "setting a resource limit: " + why;
    case detail::StartStep::drop_privileges: return "switching to an unprivileged user: " + why;
    case detail::StartStep::enter_working_dir: return "cannot enter " + working_dir + ": " + why;
    case detail::StartStep::open_stdio: return "cannot set up stdin/stdout/stderr: " + why;
    case detail::StartStep::exec: return "cannot execute " + path + ": " + why;
  }
  return why;
}

void decode_wait_status(int status, Result& r) {
  if (WIFEXITED(status)) r.exit_code = WEXITSTATUS(status);
  if (WIFSIGNALED(status)) r.term_signal = WTERMSIG(status);
}

std::chrono::milliseconds until(Clock::time_point now, Clock::time_point when) {
  if (when <= now) return 0ms;
  return std::chrono::ceil<std::chrono::milliseconds>(when - now);
}

}  // namespace

void become_subreaper() { prctl(PR_SET_CHILD_SUBREAPER, 1); }

std::map<std::string, std::string> scrubbed_environment(const std::string& home) {
  // Built from nothing rather than filtered from the grader's environment:
  // no list of secret names can be complete.
  return {
      {"PATH", "/usr/local/bin:/usr/bin:/bin"},
      {"HOME", home},
      {"TMPDIR", home},
      {"LANG", "C.UTF-8"},
  };
}

Result run(const Command& cmd) {
  Result result;
  result.wall_timeout = cmd.limits.wall_timeout;
  result.memory_watch_bytes = cmd.limits.memory_watch_bytes;
  if (cmd.argv.empty()) {
    result.spawn_error = "empty command";
    return result;
  }
  if (cmd.working_dir.empty()) {
    result.spawn_error = "no working directory given";
    return result;
  }

  std::map<std::string, std::string> env = scrubbed_environment(cmd.working_dir);
  for (const auto& [key, value] : cmd.env) env[key] = value;
  auto path = find_executable(cmd.argv.front(), env["PATH"]);
  if (!path) {
    result.spawn_error = cmd.argv.front() + ": command not found";
    return result;
  }

  // Everything the child needs, built before fork().
  std::vector<std::string> argv_strings = cmd.argv;
  const bool untrusted = cmd.isolation.untrusted;
  if (untrusted && cmd.isolation.layers == nullptr) {
    // A programming error, never a student's: refuse rather than run
    // student code with no layer at all.
    result.spawn_error = "internal grader error: an untrusted command without sandbox layers";
    return result;
  }
  static const Layers kNone;
  const Layers& layers = untrusted ? *cmd.isolation.layers : kNone;
  const bool in_bwrap = untrusted && layers.namespaces;
  if (untrusted) prepare_writable(layers, cmd.isolation);
  if (in_bwrap) {
    argv_strings.front() = *path;  // resolved here: PATH inside is the same
    argv_strings = bwrap_argv(layers.bwrap, cmd.isolation, cmd.working_dir, argv_strings);
    path = layers.bwrap;
  }
  std::vector<std::string> env_strings;
  for (const auto& [key, value] : env) env_strings.push_back(key + "=" + value);
  const std::vector<char*> argv = c_array(argv_strings);
  const std::vector<char*> envp = c_array(env_strings);

  std::string error;
  auto out = make_pipe(error);
  auto err = out ? make_pipe(error) : std::nullopt;
  auto report = err ? make_pipe(error) : std::nullopt;
  UniqueFd stdin_fd = cmd.stdin_data.empty() || !report ? UniqueFd() : make_stdin(cmd.stdin_data, error);
  if (!report || !error.empty()) {
    result.spawn_error = error;
    return result;
  }

  detail::SpawnPlan plan;
  plan.path = path->c_str();
  plan.argv = argv.data();
  plan.envp = envp.data();
  plan.working_dir = cmd.working_dir.c_str();
  plan.stdin_fd = stdin_fd.get();
  plan.stdout_fd = out->write.get();
  plan.stderr_fd = err->write.get();
  plan.report_fd = report->write.get();
  plan.grader_pid = getpid();
  plan.drop_privileges = untrusted && layers.drop_privileges;
  plan.uid = layers.uid;
  plan.gid = layers.gid;
  plan_limits(plan, cmd.limits, plan.drop_privileges, layers.uid);

  const auto start = Clock::now();
  const pid_t supervisor = fork();
  if (supervisor == 0) detail::supervise(plan);
  if (supervisor < 0) {
    result.spawn_error = "fork: " + errno_text(errno);
    return result;
  }
  out->write.reset();
  err->write.reset();
  report->write.reset();
  stdin_fd.reset();

  Capture stdout_capture{std::move(out->read), &result.out, &result.out_dropped, cmd.limits.output_cap_bytes};
  Capture stderr_capture{std::move(err->read), &result.err, &result.err_dropped, cmd.limits.output_cap_bytes};
  ReportReader reports{std::move(report->read), {}, {}, {}, {}};

  const auto deadline = start + cmd.limits.wall_timeout;
  auto next_memory_check = start + kMemoryPollInterval;
  const auto thread_interval = cmd.limits.thread_sample_interval;
  const bool sample_threads = thread_interval.count() > 0;
  auto next_thread_sample = start + thread_interval;
  detail::ThreadLedger thread_ledger;
  std::optional<Clock::time_point> stop_requested_at;
  std::optional<Clock::time_point> supervisor_gone_at;
  bool supervisor_killed = false;
  const auto request_stop = [&](Clock::time_point now) {
    kill(supervisor, detail::kStopSignal);
    stop_requested_at = now;
  };

  while (stdout_capture.fd.valid() || stderr_capture.fd.valid() || reports.fd.valid()) {
    const auto now = Clock::now();
    const bool running = reports.fd.valid();
    if (running && !stop_requested_at && now >= deadline) {
      result.timed_out = true;
      request_stop(now);
    }
    if (running && !stop_requested_at && cmd.limits.memory_watch_bytes > 0 && now >= next_memory_check) {
      next_memory_check = now + kMemoryPollInterval;
      const auto sample = detail::sample_tree(supervisor, in_bwrap ? "bwrap" : "");
      result.peak_threads = std::max(result.peak_threads, sample.threads);
      if (sample.resident_bytes > cmd.limits.memory_watch_bytes) {
        result.memory_exceeded = true;
        request_stop(now);
      }
    }
    if (running && !stop_requested_at && sample_threads && now >= next_thread_sample) {
      next_thread_sample = now + thread_interval;
      thread_ledger.sample(supervisor, in_bwrap ? "bwrap" : "");
    }
    if (running && stop_requested_at && !supervisor_killed && now >= *stop_requested_at + kStopGrace) {
      kill(supervisor, SIGKILL);  // the command dies with it (PR_SET_PDEATHSIG)
      supervisor_killed = true;
      supervisor_gone_at = now;
    }
    if (!running && !supervisor_gone_at) supervisor_gone_at = now;
    if (supervisor_gone_at && now >= *supervisor_gone_at + kDrainGrace) break;

    // Sleep until the next thing to check, or until a pipe has data.
    auto wake = supervisor_gone_at ? *supervisor_gone_at + kDrainGrace : deadline;
    if (running && stop_requested_at && !supervisor_killed) wake = *stop_requested_at + kStopGrace;
    if (running && !stop_requested_at && cmd.limits.memory_watch_bytes > 0) wake = std::min(wake, next_memory_check);
    if (running && !stop_requested_at && sample_threads) wake = std::min(wake, next_thread_sample);

    std::array<pollfd, 3> fds{};
    nfds_t count = 0;
    for (const int fd : {stdout_capture.fd.get(), stderr_capture.fd.get(), reports.fd.get()}) {
      if (fd >= 0) fds[count++] = pollfd{fd, POLLIN, 0};
    }
    // Capped so that a very long timeout cannot overflow poll()'s int.
    const auto wait = std::min(until(now, wake), std::chrono::milliseconds(1000));
    if (poll(fds.data(), count, static_cast<int>(wait.count())) > 0) {
      stdout_capture.drain();  // each returns at once when it has nothing to read
      stderr_capture.drain();
      reports.drain();
    }
  }

  int status = 0;
  while (waitpid(supervisor, &status, 0) < 0 && errno == EINTR) {
  }
  reports.drain();

  if (reports.start_failed) {
    result.spawn_error = start_failure_text(*reports.start_failed, *path, cmd.working_dir);
  }
  result.threads = thread_ledger.activity();  // the switch counts come from the rusage below
  if (reports.finished) {
    const Report& f = *reports.finished;
    decode_wait_status(f.wait_status, result);
    // bubblewrap reports a command killed by signal N as exit 128 + N.
    if (in_bwrap && result.exit_code > 128 && result.exit_code < 128 + NSIG) {
      result.term_signal = result.exit_code - 128;
      result.exit_code = -1;
    }
    result.wall = std::chrono::nanoseconds(f.wall_ns);
    result.cpu = std::chrono::nanoseconds(f.user_ns + f.system_ns);
    result.max_rss_bytes = static_cast<std::uint64_t>(f.max_rss_kib) * 1024;
    result.leftovers_killed = f.leftovers;
    result.threads.voluntary_switches = f.voluntary_switches;
    result.threads.involuntary_switches = f.involuntary_switches;
  } else {
    result.wall = std::chrono::duration_cast<std::chrono::nanoseconds>(Clock::now() - start);
    if (result.timed_out || result.memory_exceeded) {
      result.term_signal = SIGKILL;
    } else if (result.spawn_error.empty()) {
      Result supervisor_status;
      decode_wait_status(status, supervisor_status);
      result.spawn_error = "the sandbox's supervising process ended early (" + supervisor_status.describe() + ")";
    }
  }
  // Without bubblewrap's private /tmp, the unprivileged uid could leave
  // files (or SysV IPC objects) for a later run of this grade to read: a
  // cached answer, a flag that says "the last run was the race check".
  // Every run of one grader process runs one after another, so nothing of
  // that uid is running now.
  if (plan.drop_privileges) clean_up_after(layers.uid);
  return result;
}

}  // namespace parlab::grader::sandbox
