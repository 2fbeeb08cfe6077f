#include "report/classroom_report.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "report/advice.hpp"
#include "report/text.hpp"

namespace parlab::grader::report {

namespace {

using ojson = nlohmann::ordered_json;

// The reporter prints each failed test's message in the Actions log; the
// first lines of the details are what a student needs there.
constexpr std::size_t kMessageDetailLines = 30;
constexpr std::size_t kMessageDetailBytes = 4 * 1024;

// The format knows only pass, fail and error. An inconclusive check could
// not be decided, which is closest to error ("did not run properly"); a
// skipped check earned nothing, which the reporter shows as a failure.
const char* classroom_status(Status s) {
  switch (s) {
    case Status::pass: return "pass";
    case Status::fail:
    case Status::skipped: return "fail";
    case Status::error:
    case Status::inconclusive: return "error";
  }
  return "error";
}

// "error" means nothing could run (the build failed), as in Exercism's
// runners; any other failed or errored check makes the exercise "fail".
const char* exercise_status(const ExerciseResult& e) {
  const Check* build = e.find(CheckId::build);
  if (build != nullptr && build->status == Status::error) return "error";
  return e.passed() ? "pass" : "fail";
}

std::string test_message(const Check& c) {
  std::string message = clean_text(c.message);
  if (c.status == Status::pass) return message;
  const std::string step = c.next_step;
  if (!step.empty()) message += fmt::format("\nNext step: {}", step);
  if (c.speedup) message += fmt::format("\n{}", speedup_explanation(*c.speedup));
  const std::string details = clean_text(c.details);
  if (!details.empty()) {
    std::size_t dropped = 0;
    message += fmt::format("\n{}", head_lines(details, kMessageDetailLines, kMessageDetailBytes, &dropped));
    if (dropped > 0) message += fmt::format("\n… {} in the grader's full report", plural(dropped, "more line"));
  }
  return message;
}

ojson test_json(const ExerciseResult& e, const Check& c) {
  const bool located = c.location && c.location->known();
  return ojson{
      {"name", fmt::format("{} · {}", e.id, to_string(c.id))},
      {"status", classroom_status(c.status)},
      {"score", std::isfinite(c.score) ? c.score : 0.0},
      {"message", test_message(c)},
      {"test_code", check_description(c.id)},
      {"filename", located ? c.location->file : ""},
      {"line_no", located ? c.location->line : 0},
      // Milliseconds, as the command-grader reports its command's duration.
      {"duration", std::isfinite(c.seconds) ? std::llround(c.seconds * 1000) : 0LL},
  };
}

// ensure_ascii: the JSON goes through base64 and a JavaScript decoder; pure
// ASCII survives every encoding assumption on the way.
std::string dump(const ojson& j) { return j.dump(-1, ' ', true, ojson::error_handler_t::replace); }

}  // namespace

std::string to_classroom(const ExerciseResult& exercise) {
  ojson tests = ojson::array();
  for (const Check& c : exercise.checks) tests.push_back(test_json(exercise, c));
  return dump(ojson{{"version", 1},
                    {"status", exercise_status(exercise)},
                    {"max_score", exercise.max_score},
                    {"tests", std::move(tests)}});
}

std::string to_classroom_all(const GradeReport& report) {
  ojson tests = ojson::array();
  for (const ExerciseResult& e : report.exercises) {
    for (const Check& c : e.checks) tests.push_back(test_json(e, c));
  }
  // "error" only when nothing at all could run; otherwise pass or fail.
  const bool nothing_ran =
      !report.exercises.empty() && std::all_of(report.exercises.begin(), report.exercises.end(), [](const auto& e) {
        return std::string_view(exercise_status(e)) == "error";
      });
  const char* status = nothing_ran ? "error" : report.passed() ? "pass" : "fail";
  return dump(ojson{{"version", 1}, {"status", status}, {"max_score", report.max_score()}, {"tests", std::move(tests)}});
}

std::string base64_encode(std::string_view bytes) {
  static constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  out.reserve((bytes.size() + 2) / 3 * 4);
  std::size_t i = 0;
  for (; i + 2 < bytes.size(); i += 3) {
    const auto n = (static_cast<std::uint32_t>(static_cast<unsigned char>(bytes[i])) << 16U) |
                   (static_cast<std::uint32_t>(static_cast<unsigned char>(bytes[i + 1])) << 8U) |
                   static_cast<std::uint32_t>(static_cast<unsigned char>(bytes[i + 2]));
    out += kAlphabet[(n >> 18U) & 63U];
    out += kAlphabet[(n >> 12U) & 63U];
    out += kAlphabet[(n >> 6U) & 63U];
    out += kAlphabet[n & 63U];
  }
  const std::size_t rest = bytes.size() - i;
  if (rest > 0) {
    std::uint32_t n = static_cast<std::uint32_t>(static_cast<unsigned char>(bytes[i])) << 16U;
    if (rest == 2) n |= static_cast<std::uint32_t>(static_cast<unsigned char>(bytes[i + 1])) << 8U;
    out += kAlphabet[(n >> 18U) & 63U];
    out += kAlphabet[(n >> 12U) & 63U];
    out += rest == 2 ? kAlphabet[(n >> 6U) & 63U] : '=';
    out += '=';
  }
  return out;
}

}  // namespace parlab::grader::report
