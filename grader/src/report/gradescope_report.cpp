#include "report/gradescope_report.hpp"

#include <cmath>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "report/markdown_text.hpp"
#include "report/text.hpp"

namespace parlab::grader::report {

namespace {

using ojson = nlohmann::ordered_json;

constexpr std::size_t kDetailLines = 60;

// Gradescope's default container has half a vCPU: every speedup check would
// be inconclusive. The staff, not the students, can fix that, so say it
// where both see it.
std::string summary(const GradeReport& report) {
  std::string out = fmt::format("**{} / {} points**", format_points(report.score()), format_points(report.max_score()));
  out += fmt::format(" · graded on {} usable core{}", report.usable_cores, report.usable_cores == 1 ? "" : "s");
  if (report.hidden_tests) out += " · hidden tests included";
  out += "\n";
  if (report.usable_cores > 0 && report.usable_cores < 2) {
    out +=
        "\n⚠️ This autograder had fewer than 2 usable cores, so speedups cannot be measured. Course staff: raise "
        "the CPU in the Gradescope autograder settings and regrade.\n";
  }
  return out;
}

std::string test_output(const ExerciseResult& e, const Check& c) {
  std::string out = check_markdown(e, c, kDetailLines);
  if (out.empty()) out = fmt::format("{} {}\n", status_emoji(c.status), to_string(c.status));
  return out;
}

}  // namespace

std::string to_gradescope(const GradeReport& report, const GradescopeOptions& options) {
  ojson tests = ojson::array();
  for (const ExerciseResult& e : report.exercises) {
    for (const Check& c : e.checks) {
      const bool may_reveal_hidden_tests = report.hidden_tests && c.id == CheckId::tests;
      tests.push_back(ojson{
          {"name", fmt::format("{} · {}", e.id, to_string(c.id))},
          {"score", c.score},
          {"max_score", c.max_score},
          // Gradescope knows only passed/failed; extra_data keeps the real verdict.
          {"status", c.status == Status::pass ? "passed" : "failed"},
          {"output", test_output(e, c)},
          {"output_format", "md"},
          {"visibility", may_reveal_hidden_tests ? options.hidden_visibility : options.visibility},
          {"tags", ojson::array({e.id, to_string(c.id)})},
          {"extra_data", {{"parlab_status", to_string(c.status)}, {"seconds", c.seconds}}},
      });
    }
  }
  const ojson results{
      {"score", report.score()},
      {"execution_time", std::isfinite(report.seconds) ? std::lround(report.seconds) : 0L},
      {"output", summary(report)},
      {"output_format", "md"},
      {"visibility", options.visibility},
      {"stdout_visibility", "hidden"},
      {"tests", std::move(tests)},
  };
  return results.dump(2, ' ', false, ojson::error_handler_t::replace) + "\n";
}

}  // namespace parlab::grader::report
