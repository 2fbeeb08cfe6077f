#include "batch/grade_folders.hpp"

#include <algorithm>
#include <cstdio>
#include <fmt/format.h>
#include <system_error>

#include "batch/batch_outputs.hpp"
#include "batch/batch_progress.hpp"
#include "batch/child_pool.hpp"
#include "batch/fingerprint.hpp"
#include "core/files.hpp"
#include "platform/cores.hpp"
#include "report/json_report.hpp"
#include "report/markdown_report.hpp"
#include "report/text.hpp"

namespace parlab::grader::batch {

namespace fs = std::filesystem;

namespace {

Fingerprint fingerprint_of(const StudentFolder& s, const PreparedBatch& batch) {
  return {git_head(s.path), hash_student_files(s.exercises(), batch.manifests), batch.settings.fingerprint()};
}

void remove_results(const BatchLayout& layout, const std::string& name) {
  std::error_code ec;
  // The state first: from here on, a crash leaves the student to grade again.
  fs::remove(layout.state(name), ec);
  fs::remove(layout.report_json(name), ec);
  fs::remove(layout.report_markdown(name), ec);
}

std::string relative_to_out(const BatchLayout& layout, const fs::path& p) {
  return "OUT/" + p.lexically_relative(layout.out).string();
}

// Reads the child's report, writes report.md, and commits state.json last.
StudentState commit_student(const BatchLayout& layout, const std::string& name, const Fingerprint& fingerprint,
                            const ChildOutcome& outcome) {
  StudentState state;
  const auto text = read_file(layout.report_json(name));
  if (outcome.ok() && text) {
    try {
      const GradeReport report = report::from_json(*text);
      state = summarize(name, report);
      if (!write_file(layout.report_markdown(name), report::to_markdown(report))) {
        state.status = kError;
        state.message = fmt::format("cannot write {}", layout.report_markdown(name).string());
      }
    } catch (const report::ReportFormatError& e) {
      state.status = kError;
      state.message = fmt::format("the grader's report is unreadable ({}): see {}", e.what(),
                                  relative_to_out(layout, layout.log(name)));
    }
  } else {
    state.status = kError;
    state.message = fmt::format("the grader did not finish ({}): see {}; grade again with --only-student {}",
                                outcome.describe(), relative_to_out(layout, layout.log(name)), name);
    state.seconds = outcome.seconds;
  }
  state.student = name;
  state.fingerprint = fingerprint;
  if (!write_file(layout.state(name), to_json(state))) {
    std::fprintf(stderr, "batch: cannot write %s\n", layout.state(name).c_str());
  }
  return state;
}

// A folder that cannot be graded gets its row (and its state) at once.
StudentState record_ungradable(const GradeRun& run, const StudentFolder& s) {
  remove_results(run.batch.layout, s.name);
  StudentState state;
  state.student = s.name;
  state.status = to_string(s.kind);
  state.message = s.problem;
  state.fingerprint.settings = run.batch.settings.fingerprint();
  write_file(run.batch.layout.state(s.name), to_json(state));
  return state;
}

ChildJob grade_job(const GradeRun& run, const StudentFolder& s) {
  const BatchOptions& o = run.options;
  const BatchLayout& layout = run.batch.layout;
  const fs::path work = layout.work(s.name);
  std::error_code ec;
  fs::create_directories(work, ec);
  std::vector<std::string> argv{o.grader, "grade", "--kit", run.batch.settings.kit.string(), s.exercises().string()};
  for (const auto& e : run.batch.settings.exercises) argv.push_back(e.id);
  for (const char* a : {"--hidden", "on", "--format", "json", "--always-exit-zero", "--color", "never"}) argv.emplace_back(a);
  argv.insert(argv.end(), {"--out", layout.report_json(s.name).string(), "--work", work.string(), "--phase-lock",
                           run.batch.phase_lock.string()});
  if (!run.batch.settings.timing) argv.emplace_back("--no-speedup");
  return {s.name, std::move(argv), layout.log(s.name), o.student_timeout};
}

}  // namespace

std::string finished_summary(const StudentState& s, const BatchSettings& settings) {
  if (s.status == kError) return "error: " + s.message;
  return fmt::format("{} {} in {}{}", s.status, report::format_score(s.total(), settings.max_points()),
                     format_duration(s.seconds), s.status == kInconclusive ? " (a check was inconclusive)" : "");
}

void grade_folders(const GradeRun& run, const std::vector<StudentFolder>& folders) {
  const BatchOptions& o = run.options;
  const BatchLayout& layout = run.batch.layout;
  std::vector<ChildJob> jobs;
  std::map<std::string, Fingerprint> fingerprints;
  int skipped = 0;
  for (const StudentFolder& s : folders) {
    if (s.kind != FolderKind::gradable) {
      run.rows[s.name] = record_ungradable(run, s);
      continue;
    }
    const Fingerprint fingerprint = fingerprint_of(s, run.batch);
    const StudentState previous = load_state(layout, s.name);
    const bool was_graded = previous.status == kGraded || previous.status == kInconclusive;
    if (!o.force && was_graded && what_changed(previous.fingerprint, fingerprint).empty() &&
        fs::exists(layout.report_json(s.name))) {
      run.rows[s.name] = previous;
      ++skipped;
      continue;
    }
    remove_results(layout, s.name);
    StudentState queued;
    queued.student = s.name;
    queued.message = "queued: the batch was stopped before grading this student; run it again";
    run.rows[s.name] = queued;
    fingerprints[s.name] = fingerprint;
    jobs.push_back(grade_job(run, s));
  }
  if (skipped > 0) {
    std::fprintf(stderr, "batch: %d student(s) unchanged since their last grade: skipped (--force grades them again)\n",
                 skipped);
  }
  if (run.after_each) run.after_each();
  if (jobs.empty()) return;

  const int parallel =
      std::min(static_cast<int>(jobs.size()), o.jobs > 0 ? o.jobs : platform::usable_cores().usable);
  std::fprintf(stderr, "batch: grading %zu student(s), %d at once; timing steps run alone (lock: %s)\n", jobs.size(),
               parallel, run.batch.phase_lock.c_str());
  BatchProgress progress(stderr, o.interactive, static_cast<int>(jobs.size()));
  ChildHooks hooks;
  hooks.started = [&](const ChildJob& job) { progress.started(job.name); };
  hooks.tick = [&] { progress.tick(); };
  hooks.finished = [&](const ChildJob& job, const ChildOutcome& outcome) {
    StudentState state = commit_student(layout, job.name, fingerprints[job.name], outcome);
    if (!o.keep_work) {
      std::error_code ec;
      fs::remove_all(layout.work(job.name), ec);
    }
    run.rows[job.name] = state;
    if (run.after_each) run.after_each();
    progress.finished(job.name, finished_summary(state, run.batch.settings));
  };
  run_children(jobs, parallel, hooks);
  progress.close();
}

}  // namespace parlab::grader::batch
