#include "report/json_report.hpp"

#include <cmath>
#include <limits>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace parlab::grader::report {

namespace {

// ordered_json keeps keys in insertion order, so the file reads top-down in
// the order the documentation describes.
using ojson = nlohmann::ordered_json;

ojson location_json(const std::optional<Location>& loc) {
  if (!loc) return nullptr;
  return ojson{{"file", loc->file}, {"line", loc->line}, {"column", loc->column}};
}

ojson thread_use_json(const ThreadUse& u) {
  return ojson{{"diagnosis", u.diagnosis},
               {"balance_efficiency", u.balance_efficiency},
               {"busiest_share", u.busiest_share},
               {"busiest_thread", u.busiest_thread},
               {"busy_threads", u.busy_threads},
               {"cpu_vs_baseline", u.cpu_vs_baseline},
               {"switches_per_ms", u.switches_per_ms},
               {"run_delay_share", u.run_delay_share},
               {"threads_seen", u.threads_seen},
               {"thread_cpu_ms", u.thread_cpu_ms}};
}

ojson speedup_json(const SpeedupFigures& f) {
  ojson j{{"kind", f.kind},
               {"measured", f.measured},
               {"required", f.required},
               {"fraction", f.fraction},
               {"attainable", f.attainable},
               {"calibration", f.calibration},
               {"baseline_ms", f.baseline_ms},
               {"student_ms", f.student_ms},
               {"student_cpu_ratio", f.student_cpu_ratio},
               {"student_peak_threads", f.student_peak_threads},
               {"spread", f.spread},
               {"usable_cores", f.usable_cores},
               {"threads", f.threads},
               {"rounds", f.rounds},
               {"attempts", f.attempts},
               {"ratios", f.ratios}};
  j["thread_use"] = f.thread_use ? thread_use_json(*f.thread_use) : ojson(nullptr);
  return j;
}

ojson check_json(const Check& c) {
  ojson j{{"name", to_string(c.id)},
          {"status", to_string(c.status)},
          {"message", c.message},
          {"next_step", c.next_step},
          {"details", c.details},
          {"location", location_json(c.location)},
          {"score", c.score},
          {"max_score", c.max_score},
          {"seconds", c.seconds}};
  if (c.speedup) j["speedup"] = speedup_json(*c.speedup);
  if (c.tests) j["tests"] = ojson{{"passed", c.tests->passed}, {"total", c.tests->total}, {"hung", c.tests->hung}};
  if (!c.missing_file.empty()) j["missing_file"] = c.missing_file;
  return j;
}

ojson exercise_json(const ExerciseResult& e) {
  ojson checks = ojson::array();
  for (const Check& c : e.checks) checks.push_back(check_json(c));
  return ojson{{"id", e.id},           {"title", e.title},      {"score", e.score},
               {"max_score", e.max_score}, {"passed", e.passed()}, {"checks", std::move(checks)}};
}

// ---- reading ----------------------------------------------------------------

using json = nlohmann::json;

// A field of the object at `path`; every error names the full path, so a
// hand-edited or truncated file says exactly what is wrong.
class Object {
 public:
  Object(const json& value, std::string path) : value_(value), path_(std::move(path)) {
    if (!value_.is_object()) fail(path_, "an object");
  }

  [[nodiscard]] const json& field(const char* key) const {
    const auto it = value_.find(key);
    if (it == value_.end()) throw ReportFormatError(fmt::format("{}.{}: missing", path_, key));
    return *it;
  }
  [[nodiscard]] bool has(const char* key) const {
    const auto it = value_.find(key);
    return it != value_.end() && !it->is_null();
  }
  [[nodiscard]] std::string path(const char* key) const { return path_ + "." + key; }

  [[nodiscard]] std::string string(const char* key) const {
    const json& v = field(key);
    if (!v.is_string()) fail(path(key), "a string");
    return v.get<std::string>();
  }
  [[nodiscard]] bool boolean(const char* key) const {
    const json& v = field(key);
    if (!v.is_boolean()) fail(path(key), "true or false");
    return v.get<bool>();
  }
  [[nodiscard]] double number(const char* key) const { return to_double(field(key), path(key)); }
  [[nodiscard]] int integer(const char* key) const {
    const json& v = field(key);
    if (!v.is_number_integer()) fail(path(key), "an integer");
    const auto i = v.get<long long>();
    if (i < std::numeric_limits<int>::min() || i > std::numeric_limits<int>::max()) fail(path(key), "an int");
    return static_cast<int>(i);
  }
  [[nodiscard]] const json& array(const char* key) const {
    const json& v = field(key);
    if (!v.is_array()) fail(path(key), "an array");
    return v;
  }

  // null stands for a non-finite number (JSON has no NaN or infinity).
  static double to_double(const json& v, const std::string& where) {
    if (v.is_null()) return std::numeric_limits<double>::quiet_NaN();
    if (!v.is_number()) fail(where, "a number");
    return v.get<double>();
  }

  [[noreturn]] static void fail(const std::string& where, const char* expected) {
    throw ReportFormatError(fmt::format("{}: expected {}", where, expected));
  }

 private:
  const json& value_;
  std::string path_;
};

Status parse_status(const std::string& s, const std::string& where) {
  for (const Status st : {Status::pass, Status::fail, Status::error, Status::inconclusive, Status::skipped}) {
    if (s == to_string(st)) return st;
  }
  throw ReportFormatError(fmt::format("{}: unknown status \"{}\"", where, s));
}

Location read_location(const Object& o) {
  Location loc;
  loc.file = o.string("file");
  loc.line = o.integer("line");
  loc.column = o.integer("column");
  return loc;
}

ThreadUse read_thread_use(const Object& o) {
  ThreadUse u;
  u.diagnosis = o.string("diagnosis");
  u.balance_efficiency = o.number("balance_efficiency");
  u.busiest_share = o.number("busiest_share");
  u.busiest_thread = o.integer("busiest_thread");
  u.busy_threads = o.number("busy_threads");
  u.cpu_vs_baseline = o.number("cpu_vs_baseline");
  u.switches_per_ms = o.number("switches_per_ms");
  u.run_delay_share = o.number("run_delay_share");
  u.threads_seen = o.integer("threads_seen");
  const json& per_thread = o.array("thread_cpu_ms");
  for (std::size_t i = 0; i < per_thread.size(); ++i) {
    u.thread_cpu_ms.push_back(Object::to_double(per_thread[i], fmt::format("{}[{}]", o.path("thread_cpu_ms"), i)));
  }
  return u;
}

SpeedupFigures read_speedup(const Object& o) {
  SpeedupFigures f;
  f.kind = o.string("kind");
  f.measured = o.number("measured");
  f.required = o.number("required");
  f.fraction = o.number("fraction");
  f.attainable = o.number("attainable");
  f.calibration = o.number("calibration");
  f.baseline_ms = o.number("baseline_ms");
  f.student_ms = o.number("student_ms");
  f.student_cpu_ratio = o.number("student_cpu_ratio");
  // Added in 0.2; reports written before it lack the field.
  f.student_peak_threads = o.has("student_peak_threads") ? o.integer("student_peak_threads") : 0;
  f.spread = o.number("spread");
  f.usable_cores = o.integer("usable_cores");
  f.threads = o.integer("threads");
  f.rounds = o.integer("rounds");
  f.attempts = o.integer("attempts");
  const json& ratios = o.array("ratios");
  for (std::size_t i = 0; i < ratios.size(); ++i) {
    f.ratios.push_back(Object::to_double(ratios[i], fmt::format("{}[{}]", o.path("ratios"), i)));
  }
  // Added with the thread diagnosis; null when the runs were not sampled, absent in older reports.
  if (o.has("thread_use")) f.thread_use = read_thread_use(Object(o.field("thread_use"), o.path("thread_use")));
  return f;
}

Check read_check(const Object& o) {
  Check c;
  const std::string name = o.string("name");
  const auto id = parse_check_id(name);
  if (!id) throw ReportFormatError(fmt::format("{}: unknown check \"{}\"", o.path("name"), name));
  c.id = *id;
  c.status = parse_status(o.string("status"), o.path("status"));
  c.message = o.string("message");
  // Added in 0.2 (reports written before lack them).
  if (o.has("next_step")) c.next_step = o.string("next_step");
  if (o.has("missing_file")) c.missing_file = o.string("missing_file");
  if (o.has("tests")) {
    const Object t(o.field("tests"), o.path("tests"));
    c.tests = TestCounts{t.integer("passed"), t.integer("total"), t.boolean("hung")};
  }
  c.details = o.string("details");
  if (o.has("location")) c.location = read_location(Object(o.field("location"), o.path("location")));
  c.score = o.number("score");
  c.max_score = o.number("max_score");
  c.seconds = o.number("seconds");
  if (o.has("speedup")) c.speedup = read_speedup(Object(o.field("speedup"), o.path("speedup")));
  return c;
}

ExerciseResult read_exercise(const Object& o) {
  ExerciseResult e;
  e.id = o.string("id");
  e.title = o.string("title");
  e.score = o.number("score");
  e.max_score = o.number("max_score");
  const json& checks = o.array("checks");
  for (std::size_t i = 0; i < checks.size(); ++i) {
    e.checks.push_back(read_check(Object(checks[i], fmt::format("{}[{}]", o.path("checks"), i))));
  }
  return e;
}

}  // namespace

std::string to_json(const GradeReport& report) {
  ojson exercises = ojson::array();
  for (const ExerciseResult& e : report.exercises) exercises.push_back(exercise_json(e));
  const ojson j{{"schema_version", kJsonSchemaVersion},
                {"kit_version", report.kit_version},
                {"submission", report.submission},
                {"hidden_tests", report.hidden_tests},
                {"sandbox", report.sandbox},
                {"usable_cores", report.usable_cores},
                {"seconds", report.seconds},
                {"score", report.score()},
                {"max_score", report.max_score()},
                {"passed", report.passed()},
                {"exercises", std::move(exercises)}};
  // replace: a student program's output may be any bytes; one invalid byte
  // must not cost the whole report.
  return j.dump(2, ' ', false, ojson::error_handler_t::replace) + "\n";
}

GradeReport from_json(const std::string& text) {
  json root;
  try {
    root = json::parse(text);
  } catch (const json::parse_error& e) {
    throw ReportFormatError(fmt::format("not valid JSON: {}", e.what()));
  }
  const Object o(root, "$");
  const int version = o.integer("schema_version");
  if (version != kJsonSchemaVersion) {
    throw ReportFormatError(
        fmt::format("$.schema_version: this grader reads version {}, the file is version {}", kJsonSchemaVersion, version));
  }
  GradeReport r;
  r.kit_version = o.string("kit_version");
  r.submission = o.string("submission");
  r.hidden_tests = o.boolean("hidden_tests");
  r.sandbox = o.string("sandbox");
  r.usable_cores = o.integer("usable_cores");
  r.seconds = o.number("seconds");
  const json& exercises = o.array("exercises");
  for (std::size_t i = 0; i < exercises.size(); ++i) {
    r.exercises.push_back(read_exercise(Object(exercises[i], fmt::format("$.exercises[{}]", i))));
  }
  return r;
}

}  // namespace parlab::grader::report
