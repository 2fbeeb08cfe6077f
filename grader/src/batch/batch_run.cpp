#include "batch/batch_run.hpp"

#include <sys/stat.h>

#include <algorithm>
#include <cstdio>
#include <fmt/format.h>
#include <functional>
#include <map>
#include <system_error>

#include "batch/batch_outputs.hpp"
#include "batch/batch_progress.hpp"
#include "batch/batch_settings.hpp"
#include "batch/child_pool.hpp"
#include "batch/fingerprint.hpp"
#include "batch/roster.hpp"
#include "batch/student_state.hpp"
#include "core/files.hpp"
#include "core/manifest.hpp"
#include "pipeline/pipeline.hpp"
#include "platform/cores.hpp"
#include "report/json_report.hpp"
#include "report/markdown_report.hpp"
#include "report/text.hpp"

namespace parlab::grader::batch {

namespace fs = std::filesystem;

namespace {

// The settings of a batch, with the manifests they name.
struct Plan {
  BatchSettings settings;
  std::vector<Manifest> manifests;
};

std::optional<Plan> plan_from_kit(const BatchOptions& o) {
  Plan plan;
  try {
    plan.manifests = select_exercises(o.kit, o.exercises);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "batch: %s\n", e.what());
    return std::nullopt;
  }
  if (plan.manifests.empty()) {
    std::fprintf(stderr, "batch: the kit at %s has no exercises; pass the instructor's kit with --kit\n", o.kit.c_str());
    return std::nullopt;
  }
  std::vector<std::string> without_hidden;
  for (const Manifest& m : plan.manifests) {
    if (!m.has_hidden_tests()) without_hidden.push_back(m.id);
    plan.settings.exercises.push_back({m.id, m.points});
  }
  if (without_hidden.size() == plan.manifests.size()) {
    std::fprintf(stderr,
                 "batch: the kit at %s has no hidden tests: it looks like the student template; grade with the "
                 "instructor's kit (--kit)\n",
                 o.kit.c_str());
    return std::nullopt;
  }
  for (const auto& id : without_hidden) std::fprintf(stderr, "batch: note: %s has no hidden tests in this kit\n", id.c_str());
  plan.settings.kit = o.kit;
  plan.settings.submissions = o.submissions;
  plan.settings.timing = o.timing;
  plan.settings.kit_version = PARLAB_VERSION;
  return plan;
}

std::optional<Plan> plan_from_out(const BatchLayout& layout) {
  const auto text = read_file(layout.settings());
  if (!text) {
    std::fprintf(stderr, "batch: %s not found: start the batch first (grade batch DIR --out %s, or --slurm)\n",
                 layout.settings().c_str(), layout.out.c_str());
    return std::nullopt;
  }
  Plan plan;
  try {
    plan.settings = settings_from_json(*text);
    std::vector<std::string> ids;
    for (const auto& e : plan.settings.exercises) ids.push_back(e.id);
    plan.manifests = select_exercises(plan.settings.kit, ids);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "batch: %s: %s\n", layout.settings().c_str(), e.what());
    return std::nullopt;
  }
  return plan;
}

Fingerprint fingerprint_of(const StudentFolder& s, const Plan& plan) {
  return {git_head(s.path), hash_student_files(s.exercises(), plan.manifests), plan.settings.fingerprint()};
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

std::string finished_summary(const StudentState& s, const BatchSettings& settings) {
  if (s.status == kError) return "error: " + s.message;
  return fmt::format("{} {} in {}{}", s.status, report::format_score(s.total(), settings.max_points()),
                     format_duration(s.seconds), s.status == kInconclusive ? " (a check was inconclusive)" : "");
}

struct GradeRun {
  const BatchOptions& options;
  const Plan& plan;
  const BatchLayout& layout;
  fs::path phase_lock;
  std::map<std::string, StudentState>& rows;
  std::function<void()> after_each;  // rewrite the class files
};

// Grades `folders`: bad ones get their row at once, unchanged ones are
// skipped, the rest are graded in child processes.
void grade_folders(const GradeRun& run, const std::vector<StudentFolder>& folders) {
  const BatchOptions& o = run.options;
  std::vector<ChildJob> jobs;
  std::map<std::string, Fingerprint> fingerprints;
  int skipped = 0;
  for (const StudentFolder& s : folders) {
    if (s.kind != FolderKind::gradable) {
      remove_results(run.layout, s.name);
      StudentState state;
      state.student = s.name;
      state.status = to_string(s.kind);
      state.message = s.problem;
      state.fingerprint.settings = run.plan.settings.fingerprint();
      write_file(run.layout.state(s.name), to_json(state));
      run.rows[s.name] = state;
      continue;
    }
    const Fingerprint fingerprint = fingerprint_of(s, run.plan);
    const StudentState previous = load_state(run.layout, s.name);
    const bool was_graded = previous.status == kGraded || previous.status == kInconclusive;
    if (!o.force && was_graded && what_changed(previous.fingerprint, fingerprint).empty() &&
        fs::exists(run.layout.report_json(s.name))) {
      run.rows[s.name] = previous;
      ++skipped;
      continue;
    }
    remove_results(run.layout, s.name);
    StudentState queued;
    queued.student = s.name;
    queued.message = "queued: the batch was stopped before grading this student; run it again";
    run.rows[s.name] = queued;
    fingerprints[s.name] = fingerprint;

    const fs::path work = run.layout.work(s.name);
    std::error_code ec;
    fs::create_directories(work, ec);
    std::vector<std::string> argv{o.grader, "grade", "--kit", run.plan.settings.kit.string(), s.exercises().string()};
    for (const auto& e : run.plan.settings.exercises) argv.push_back(e.id);
    for (const char* a : {"--hidden", "on", "--format", "json", "--always-exit-zero", "--color", "never"}) argv.emplace_back(a);
    argv.insert(argv.end(), {"--out", run.layout.report_json(s.name).string(), "--work", work.string(), "--phase-lock",
                             run.phase_lock.string()});
    if (!run.plan.settings.timing) argv.emplace_back("--no-speedup");
    jobs.push_back({s.name, std::move(argv), run.layout.log(s.name), o.student_timeout});
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
               parallel, run.phase_lock.c_str());
  BatchProgress progress(stderr, o.interactive, static_cast<int>(jobs.size()));
  ChildHooks hooks;
  hooks.started = [&](const ChildJob& job) { progress.started(job.name); };
  hooks.tick = [&] { progress.tick(); };
  hooks.finished = [&](const ChildJob& job, const ChildOutcome& outcome) {
    StudentState state = commit_student(run.layout, job.name, fingerprints[job.name], outcome);
    if (!o.keep_work) {
      std::error_code ec;
      fs::remove_all(run.layout.work(job.name), ec);
    }
    run.rows[job.name] = state;
    if (run.after_each) run.after_each();
    progress.finished(job.name, finished_summary(state, run.plan.settings));
  };
  run_children(jobs, parallel, hooks);
  progress.close();
}

std::optional<std::map<std::string, LmsIdentity>> read_ids(const BatchOptions& o) {
  if (o.lms_roster.empty()) return std::map<std::string, LmsIdentity>{};
  try {
    return read_lms_roster(o.lms_roster);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "batch: %s\n", e.what());
    return std::nullopt;
  }
}

void warn_unmapped(const std::vector<std::string>& names, const std::map<std::string, LmsIdentity>& ids) {
  if (ids.empty()) return;
  std::vector<std::string> missing;
  for (const auto& n : names) {
    if (ids.count(n) == 0) missing.push_back(n);
  }
  if (missing.empty()) return;
  std::fprintf(stderr, "batch: %zu folder(s) not in the roster, left out of the Canvas file: %s\n", missing.size(),
               fmt::format("{}", fmt::join(missing, ", ")).c_str());
}

std::vector<StudentState> rows_in_order(const std::vector<std::string>& names,
                                        const std::map<std::string, StudentState>& rows) {
  std::vector<StudentState> states;
  for (const auto& n : names) states.push_back(rows.at(n));
  return states;
}

// Counts per status, for the closing line: "28 graded, 1 empty, 1 error".
std::string count_statuses(const std::vector<StudentState>& states) {
  std::map<std::string, int> counts;
  for (const auto& s : states) ++counts[s.status];
  std::string out;
  for (const auto& [status, n] : counts) out += fmt::format("{}{} {}", out.empty() ? "" : ", ", n, status);
  return out;
}

bool any_status(const std::vector<StudentState>& states, const char* status) {
  return std::any_of(states.begin(), states.end(), [&](const StudentState& s) { return s.status == status; });
}

bool prepare_out(const BatchOptions& o, const BatchLayout& layout) {
  std::error_code ec;
  if (!o.submissions.empty() && fs::weakly_canonical(o.submissions, ec) == fs::weakly_canonical(o.out, ec)) {
    std::fprintf(stderr, "batch: --out must not be the submissions folder itself; pick another folder\n");
    return false;
  }
  fs::create_directories(layout.students(), ec);
  if (ec) {
    std::fprintf(stderr, "batch: cannot create %s: %s\n", layout.students().c_str(), ec.message().c_str());
    return false;
  }
  return true;
}

std::vector<std::string> names_of(const std::vector<StudentFolder>& folders) {
  std::vector<std::string> names;
  for (const auto& f : folders) names.push_back(f.name);
  return names;
}

}  // namespace

int run_batch(const BatchOptions& o) {
  const BatchLayout layout{o.out, o.scratch};
  if (!fs::is_directory(o.submissions)) {
    std::fprintf(stderr, "batch: %s is not a folder; pass the folder holding one folder per student\n",
                 o.submissions.c_str());
    return 2;
  }
  if (!prepare_out(o, layout)) return 2;
  const auto plan = plan_from_kit(o);
  if (!plan) return 2;
  const auto ids = read_ids(o);
  if (!ids) return 2;
  if (!write_file(layout.settings(), to_json(plan->settings))) {
    std::fprintf(stderr, "batch: cannot write %s\n", layout.settings().c_str());
    return 2;
  }
  const auto roster = discover_students(o.submissions, o.out);
  std::vector<StudentFolder> targets = roster;
  if (!o.only_student.empty()) {
    const auto it = std::find_if(roster.begin(), roster.end(), [&](const StudentFolder& s) { return s.name == o.only_student; });
    if (it == roster.end()) {
      std::fprintf(stderr, "batch: no folder '%s' in %s\n", o.only_student.c_str(), o.submissions.c_str());
      return 2;
    }
    targets = {*it};
  }
  const auto names = names_of(roster);
  warn_unmapped(names, *ids);
  std::map<std::string, StudentState> rows;
  for (const auto& n : names) rows[n] = load_state(layout, n);
  const GradeRun run{o, *plan, layout, o.phase_lock.empty() ? layout.phase_lock() : o.phase_lock, rows,
                     [&] { write_class_files(layout, plan->settings, rows_in_order(names, rows), *ids); }};
  std::fprintf(stderr, "batch: %zu entries in %s\n", roster.size(), o.submissions.c_str());
  grade_folders(run, targets);
  const auto states = rows_in_order(names, rows);
  const bool written = write_class_files(layout, plan->settings, states, *ids);
  std::fprintf(stderr, "batch: %s\nbatch: gradebook %s, summary %s, reports in %s/\n", count_statuses(states).c_str(),
               layout.gradebook().c_str(), layout.summary_markdown().c_str(), layout.students().c_str());
  if (!written) return 1;
  return any_status(states, kError) ? 1 : 0;
}

int run_array_task(const BatchOptions& o) {
  const BatchLayout layout{o.out, o.scratch};
  const auto plan = plan_from_out(layout);
  if (!plan) return 2;
  const auto list = read_file(layout.slurm_students());
  if (!list) {
    std::fprintf(stderr, "batch: %s not found: prepare the array with grade batch DIR --out %s --slurm\n",
                 layout.slurm_students().c_str(), o.out.c_str());
    return 2;
  }
  const auto names = split_lines(*list);
  if (*o.array_index < 0 || static_cast<std::size_t>(*o.array_index) >= names.size()) {
    std::fprintf(stderr, "batch: array index %d is outside the %zu students of %s\n", *o.array_index, names.size(),
                 layout.slurm_students().c_str());
    return 2;
  }
  const std::string name(names[static_cast<std::size_t>(*o.array_index)]);
  std::map<std::string, StudentState> rows;
  // Array tasks never write the class files: many run at once, and --merge
  // builds them from the committed states at the end.
  const GradeRun run{o, *plan, layout, o.phase_lock.empty() ? layout.phase_lock() : o.phase_lock, rows, {}};
  grade_folders(run, {classify(plan->settings.submissions / name)});
  const StudentState& state = rows.at(name);
  std::fprintf(stderr, "batch: %s: %s\n", name.c_str(), finished_summary(state, plan->settings).c_str());
  return state.status == kError ? 1 : 0;
}

int prepare_slurm(const BatchOptions& o, SlurmOptions slurm) {
  const BatchLayout layout{o.out, o.scratch};
  if (!fs::is_directory(o.submissions)) {
    std::fprintf(stderr, "batch: %s is not a folder; pass the folder holding one folder per student\n",
                 o.submissions.c_str());
    return 2;
  }
  if (!prepare_out(o, layout)) return 2;
  const auto plan = plan_from_kit(o);
  if (!plan) return 2;
  std::string list;
  int count = 0;
  for (const auto& s : discover_students(o.submissions, o.out)) {
    if (s.name.find_first_of("\r\n") != std::string::npos) {
      std::fprintf(stderr, "batch: skipping a folder whose name has a line break: rename it\n");
      continue;
    }
    list += s.name + "\n";
    ++count;
  }
  if (count == 0) {
    std::fprintf(stderr, "batch: %s holds no student folders\n", o.submissions.c_str());
    return 2;
  }
  std::error_code ec;
  fs::create_directories(layout.slurm() / "logs", ec);
  slurm.kit = o.kit;
  slurm.out = fs::absolute(o.out);
  slurm.grader = o.grader;
  slurm.students = count;
  if (!o.phase_lock.empty()) slurm.phase_lock = o.phase_lock.string();
  if (!o.scratch.empty()) slurm.scratch = o.scratch.string();
  const fs::path array = layout.slurm() / "grade-array.sbatch";
  const fs::path merge = layout.slurm() / "merge.sbatch";
  if (!write_file(layout.settings(), to_json(plan->settings)) || !write_file(layout.slurm_students(), list) ||
      !write_file(array, array_script(slurm)) || !write_file(merge, merge_script(slurm))) {
    std::fprintf(stderr, "batch: cannot write into %s\n", layout.slurm().c_str());
    return 2;
  }
  ::chmod(array.c_str(), 0755);
  ::chmod(merge.c_str(), 0755);
  std::printf(
      "batch: %d students, one array task each: %s\n"
      "submit the array, then the merge once every task is done:\n"
      "  jobid=$(sbatch --parsable %s) && sbatch --dependency=afterany:$jobid %s\n"
      "or merge by hand later:  ./grade batch --merge --out %s\n",
      count, array.c_str(), shell_quote(array.string()).c_str(), shell_quote(merge.string()).c_str(),
      shell_quote(slurm.out.string()).c_str());
  return 0;
}

int merge_batch(const BatchOptions& o) {
  const BatchLayout layout{o.out, o.scratch};
  const auto plan = plan_from_out(layout);
  if (!plan) return 2;
  const auto ids = read_ids(o);
  if (!ids) return 2;
  std::vector<std::string> names;
  if (const auto list = read_file(layout.slurm_students())) {
    for (const auto& line : split_lines(*list)) {
      if (!line.empty()) names.emplace_back(line);
    }
  } else if (fs::is_directory(plan->settings.submissions)) {
    names = names_of(discover_students(plan->settings.submissions, o.out));
  } else {
    std::fprintf(stderr, "batch: no student list (%s) and no submissions folder (%s) to merge\n",
                 layout.slurm_students().c_str(), plan->settings.submissions.c_str());
    return 2;
  }
  std::vector<StudentState> states;
  for (const auto& n : names) states.push_back(load_state(layout, n));
  warn_unmapped(names, *ids);
  if (!write_class_files(layout, plan->settings, states, *ids)) return 1;
  std::fprintf(stderr, "batch: merged %zu students: %s\nbatch: gradebook %s, summary %s\n", states.size(),
               count_statuses(states).c_str(), layout.gradebook().c_str(), layout.summary_markdown().c_str());
  return any_status(states, kError) || any_status(states, kPending) ? 1 : 0;
}

}  // namespace parlab::grader::batch
