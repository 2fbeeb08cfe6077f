#include "steps/timer/timer_runner.hpp"

#include <algorithm>
#include <chrono>
#include <fmt/format.h>

#include "core/files.hpp"
#include "steps/student_run.hpp"

namespace parlab::grader::steps {

namespace fs = std::filesystem;

TimerRunner::TimerRunner(const Workspace& ws, const sandbox::Layers& layers, fs::path reference_program,
                         TimerRunnerOptions options)
    : ws_(ws), layers_(layers), reference_(std::move(reference_program)), options_(std::move(options)) {}

TimerSample TimerRunner::run(const timer::Request& request) {
  const bool student = request.variant == timer::Variant::student;
  const fs::path program = student ? ws_.bin(options_.student_config, "timer") : reference_;
  const FreshScratch scratch(ws_, fmt::format("timer-{}", timer::name(request.variant)));
  const fs::path out = scratch.path() / "result.json";

  sandbox::Command cmd;
  if (student) cmd.argv = options_.launcher;
  const auto timer_argv = timer::argv_for(program, request, out);
  cmd.argv.insert(cmd.argv.end(), timer_argv.begin(), timer_argv.end());
  cmd.working_dir = scratch.path().string();
  cmd.limits.wall_timeout = std::chrono::seconds(options_.timeout_s);
  if (student && student_limit_.count() > 0) cmd.limits.wall_timeout = std::min(cmd.limits.wall_timeout, student_limit_);
  cmd.limits.memory_watch_bytes = student && options_.student_config == "tsan" ? 8ULL << 30 : 3ULL << 30;
  if (student && options_.student_config == "tsan") cmd.limits.data_bytes = 0;  // TSan maps ~124 TiB
  // The reference program runs in the same sandbox as the student's, so the
  // two are timed under the same conditions (bubblewrap's start-up included).
  cmd.isolation = student_code_isolation(ws_, layers_, scratch.path());
  if (!student) cmd.isolation.read_only.push_back(reference_.parent_path().string());
  cmd.isolation.as_pid_1 = true;  // the run's CPU time is read below
  if (options_.sample_threads) cmd.limits.thread_sample_interval = std::chrono::milliseconds(10);
  if (student && options_.env_for) cmd.env = options_.env_for(scratch.path());

  const auto r = sandbox::run(cmd);
  TimerSample s;
  s.wall_ms = std::chrono::duration<double, std::milli>(r.wall).count();
  s.cpu_ms = std::chrono::duration<double, std::milli>(r.cpu).count();
  s.peak_threads = r.peak_threads;
  s.threads = r.threads;
  s.timed_out = r.timed_out;
  s.exit_code = r.exit_code;
  if (student && options_.inspect) options_.inspect(scratch.path(), r);
  const std::string who = student ? "student" : std::string(timer::name(request.variant));
  if (!r.ok()) {
    s.problem = fmt::format("the timed {} run {}", who, r.describe());
    if (!r.err.empty()) s.problem += ": " + first_lines(r.err, 3);
    return s;
  }
  const auto result = timer::parse_result(read_file(out, 1U << 20).value_or(""));
  if (!result) {
    s.problem = "the timed " + who + " run wrote no readable result";
    return s;
  }
  s.result = *result;
  s.ok = true;
  return s;
}

}  // namespace parlab::grader::steps
