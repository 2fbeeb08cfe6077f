#include "batch/student_state.hpp"

#include <algorithm>
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "batch/roster.hpp"

namespace parlab::grader::batch {

using ojson = nlohmann::ordered_json;

bool StudentState::has_points() const {
  return status == kGraded || status == kInconclusive || status == to_string(FolderKind::empty) ||
         status == to_string(FolderKind::no_exercises);
}

double StudentState::total() const {
  double sum = 0;
  for (const auto& e : exercises) sum += e.score;
  return sum;
}

const ExerciseOutcome* StudentState::find(const std::string& id) const {
  const auto it = std::find_if(exercises.begin(), exercises.end(), [&](const ExerciseOutcome& e) { return e.id == id; });
  return it == exercises.end() ? nullptr : &*it;
}

StudentState summarize(const std::string& student, const GradeReport& report) {
  StudentState s;
  s.student = student;
  s.seconds = report.seconds;
  std::vector<std::string> not_passed;
  int inconclusive = 0;
  for (const ExerciseResult& e : report.exercises) {
    ExerciseOutcome out;
    out.id = e.id;
    out.score = e.score;
    out.max_score = e.max_score;
    std::vector<std::string> failing_checks;
    for (const Check& c : e.checks) {
      out.statuses.emplace_back(to_string(c.status));
      if (c.status == Status::fail || c.status == Status::error || c.status == Status::inconclusive) {
        out.problems.push_back({to_string(c.id), to_string(c.status), c.message});
        failing_checks.push_back(to_string(c.id));
        inconclusive += c.status == Status::inconclusive ? 1 : 0;
      }
    }
    if (!failing_checks.empty()) not_passed.push_back(fmt::format("{} ({})", e.id, fmt::join(failing_checks, ", ")));
    s.exercises.push_back(std::move(out));
  }
  if (inconclusive > 0) {
    s.status = kInconclusive;
    s.message = fmt::format("{} check(s) inconclusive: grade again on a quiet machine (--only-student {} --force)",
                            inconclusive, student);
  } else {
    s.status = kGraded;
    s.message = not_passed.empty() ? "every exercise passed" : "not passed: " + fmt::format("{}", fmt::join(not_passed, "; "));
  }
  return s;
}

std::string to_json(const StudentState& s) {
  ojson exercises = ojson::array();
  for (const auto& e : s.exercises) {
    ojson problems = ojson::array();
    for (const auto& p : e.problems) problems.push_back({{"check", p.check}, {"status", p.status}, {"message", p.message}});
    exercises.push_back({{"id", e.id},
                         {"score", e.score},
                         {"max_score", e.max_score},
                         {"statuses", e.statuses},
                         {"problems", std::move(problems)}});
  }
  const ojson j{{"student", s.student},
                {"status", s.status},
                {"message", s.message},
                {"fingerprint",
                 {{"commit", s.fingerprint.commit}, {"files", s.fingerprint.files}, {"settings", s.fingerprint.settings}}},
                {"seconds", s.seconds},
                {"exercises", std::move(exercises)}};
  return j.dump(2, ' ', false, ojson::error_handler_t::replace) + "\n";
}

std::optional<StudentState> state_from_json(const std::string& text) {
  try {
    const auto j = nlohmann::json::parse(text);
    StudentState s;
    s.student = j.at("student").get<std::string>();
    s.status = j.at("status").get<std::string>();
    s.message = j.at("message").get<std::string>();
    const auto& f = j.at("fingerprint");
    s.fingerprint = {f.at("commit").get<std::string>(), f.at("files").get<std::string>(),
                     f.at("settings").get<std::string>()};
    s.seconds = j.at("seconds").get<double>();
    for (const auto& e : j.at("exercises")) {
      ExerciseOutcome out;
      out.id = e.at("id").get<std::string>();
      out.score = e.at("score").get<double>();
      out.max_score = e.at("max_score").get<double>();
      out.statuses = e.at("statuses").get<std::vector<std::string>>();
      for (const auto& p : e.at("problems")) {
        out.problems.push_back(
            {p.at("check").get<std::string>(), p.at("status").get<std::string>(), p.at("message").get<std::string>()});
      }
      s.exercises.push_back(std::move(out));
    }
    return s;
  } catch (const nlohmann::json::exception&) {
    return std::nullopt;
  }
}

}  // namespace parlab::grader::batch
