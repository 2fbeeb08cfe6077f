// Every output format renders the same hand-built GradeReport, which holds
// each status, a speedup figure, located and unlocated checks, and text that
// breaks naive writers (quotes, <, &, control characters, colour escapes,
// invalid UTF-8, backticks).
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>
#include <vector>

#include "pipeline/step_runner.hpp"
#include "report/markdown_text.hpp"
#include "report/report.hpp"
#include "report/text.hpp"
#include "sample_results.hpp"

namespace {

using namespace parlab::grader;
using namespace parlab::grader::report;
using json = nlohmann::json;

// ---- the sample report -------------------------------------------------------

const char* const kNastyDetails =
    "WARNING: ThreadSanitizer: data race (pid=42)\n"
    "  Write of size 8 at 0x7b04 by thread T2:\n"
    "    #0 count<std::vector<int>> \"race_counter.cpp\":17 & 'more'\n"
    "\x1b[31mred\x1b[0m bell\x07 nul-ish\x01 bad utf8 \xff\xfe end\n"
    "```nested fence```\n";

using parlab::grader::testing::make_check;

SpeedupFigures cpu_figures(double measured) {
  SpeedupFigures f;
  f.kind = "cpu";
  f.measured = measured;
  f.fraction = 0.7;
  f.attainable = 1.9;
  f.calibration = 1.9;
  f.required = 1 + 0.7 * 0.9;
  f.baseline_ms = 312.5;
  f.student_ms = 258.1;
  f.student_cpu_ratio = 1.05;
  f.spread = 0.031;
  f.usable_cores = 2;
  f.threads = 2;
  f.rounds = 5;
  f.attempts = 2;
  f.ratios = {1.18, 1.21, 1.2, 1.0 / 3.0, 0.1};
  if (measured < 1.3) {  // below the bar: the figures carry a diagnosis
    ThreadUse u;
    u.diagnosis = "imbalance";
    u.balance_efficiency = 0.62;
    u.busiest_share = 0.81;
    u.busiest_thread = 2;
    u.busy_threads = 1.21;
    u.cpu_vs_baseline = 1.02;
    u.switches_per_ms = 0.3;
    u.run_delay_share = 0.01;
    u.threads_seen = 3;
    u.thread_cpu_ms = {0.4, 251.7, 60.2};
    f.thread_use = u;
  }
  return f;
}

ExerciseResult exercise(const char* id, const char* title, std::vector<Check> checks) {
  return parlab::grader::testing::make_exercise(id, title, std::move(checks));
}

GradeReport sample_report() {
  GradeReport r;
  r.submission = "student-work/";
  r.kit_version = "0.1.0";
  r.hidden_tests = true;
  r.sandbox = "process group, rlimits, scrubbed env; no namespaces";
  r.usable_cores = 2;
  r.seconds = 84.5;

  Check latency = make_check("speedup", Status::pass, 3, 3, "3.90× faster");
  latency.speedup = SpeedupFigures{};
  latency.speedup->kind = "latency";
  latency.speedup->measured = 3.9;
  latency.speedup->required = 3.1;
  latency.speedup->attainable = 4;
  latency.speedup->fraction = 0.7;
  r.exercises.push_back(exercise("01_slow_downloads", "Slow downloads",
                                 {make_check("build", Status::pass, 1, 1, "built"),
                                  make_check("tests", Status::pass, 4, 4, "12 tests passed"),
                                  make_check("race", Status::pass, 2, 2, "no data race"), latency}));

  Check race = make_check("race", Status::fail, 0, 2, "data race on 'counter' <int> & \"friends\"");
  race.details = kNastyDetails;
  race.location = Location{"03_race_counter/race_counter.cpp", 17, 5};
  r.exercises.push_back(exercise("03_race_counter", "Race counter",
                                 {make_check("build", Status::pass, 1, 1, "built"),
                                  make_check("tests", Status::pass, 4, 4, "all passed"), race,
                                  make_check("speedup", Status::skipped, 0, 3, "not run: the race check failed")}));

  Check slow = make_check("speedup", Status::fail, 0.5, 3, "1.21× on 2 threads, below the bar of 1.63×");
  slow.speedup = cpu_figures(1.21);
  slow.details = "ratios: 1.18, 1.21, 1.20";
  r.exercises.push_back(exercise("04_monte_carlo_pi", "Monte Carlo π with std::thread",
                                 {make_check("build", Status::pass, 1, 1, "built"),
                                  make_check("tests", Status::pass, 4, 4, "all passed"),
                                  make_check("race", Status::pass, 2, 2, "no data race"), slow}));

  Check broken = make_check("build", Status::error, 0, 1, "does not compile: 'foo' was not declared");
  broken.location = Location{"05_option_strikes/option_strikes.cpp", 42, 0};
  broken.details = "option_strikes.cpp:42:3: error: 'foo' was not declared in this scope\n   42 |   foo();\n";
  Check noisy = make_check("speedup", Status::inconclusive, 0, 3, "inconclusive: too noisy, re-run");
  noisy.speedup = cpu_figures(1.4);
  r.exercises.push_back(exercise("05_option_strikes", "Option strikes",
                                 {broken, make_check("tests", Status::skipped, 0, 4, "not run: build failed"),
                                  make_check("race", Status::skipped, 0, 2, "not run: build failed"), noisy}));
  return r;
}

std::size_t count(const std::string& text, const std::string& needle) {
  std::size_t n = 0;
  for (std::size_t pos = text.find(needle); pos != std::string::npos; pos = text.find(needle, pos + needle.size())) ++n;
  return n;
}

std::size_t count_status(const GradeReport& r, Status s) {
  std::size_t n = 0;
  for (const auto& e : r.exercises) {
    n += static_cast<std::size_t>(std::count_if(e.checks.begin(), e.checks.end(), [s](const Check& c) { return c.status == s; }));
  }
  return n;
}

std::size_t check_count(const GradeReport& r) {
  std::size_t n = 0;
  for (const auto& e : r.exercises) n += e.checks.size();
  return n;
}

bool is_ascii(const std::string& s) {
  return std::all_of(s.begin(), s.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80U; });
}

// ---- text helpers ----------------------------------------------------------------

TEST(ReportText, PointsReadLikeAGradeBook) {
  EXPECT_EQ(format_points(10), "10");
  EXPECT_EQ(format_points(7.5), "7.5");
  EXPECT_EQ(format_points(2.0 / 3.0), "0.67");
  EXPECT_EQ(format_points(-0.0001), "0");
  EXPECT_EQ(format_score(7.5, 10), "7.5/10");
}

TEST(ReportText, InvalidUtf8BecomesReplacementCharacters) {
  EXPECT_EQ(valid_utf8("ok π ✓"), "ok π ✓");
  EXPECT_EQ(valid_utf8("a\xff" "b"), "a\xEF\xBF\xBD" "b");
  EXPECT_EQ(valid_utf8("\xC0\xAF"), "\xEF\xBF\xBD\xEF\xBF\xBD");  // overlong '/'
  EXPECT_EQ(valid_utf8("\xED\xA0\x80"), "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");  // a UTF-16 surrogate
  EXPECT_EQ(valid_utf8("cut \xE2\x9C"), "cut \xEF\xBF\xBD\xEF\xBF\xBD");
}

TEST(ReportText, ColourEscapesAreStripped) {
  EXPECT_EQ(strip_ansi("\x1b[1;31merror:\x1b[0m x"), "error: x");
  EXPECT_EQ(strip_ansi("\x1b]8;;file:///a\x1b\\link\x1b]8;;\x1b\\"), "link");
  EXPECT_EQ(clean_text("a\r\nb\x1b[0m"), "a\nb");
  EXPECT_EQ(clean_text("50%\r60%\x07\tok"), "50%\n60%\xEF\xBF\xBD\tok");
}

TEST(ReportText, HeadLinesKeepsTheStartAndCountsTheRest) {
  std::size_t dropped = 0;
  EXPECT_EQ(head_lines("1\n2\n3\n4\n", 2, 1000, &dropped), "1\n2");
  EXPECT_EQ(dropped, 2U);
  EXPECT_EQ(head_lines("short", 5, 1000, &dropped), "short");
  EXPECT_EQ(dropped, 0U);
  // One huge line is cut on a character boundary rather than dropped.
  const std::string cut = head_lines(std::string(10, 'x') + "ππππ", 5, 12, &dropped);
  EXPECT_EQ(cut, std::string(10, 'x') + "π…");
  EXPECT_EQ(dropped, 1U);
}

TEST(ReportText, DisplayWidthIgnoresEscapesAndCountsCharacters) {
  EXPECT_EQ(display_width("\x1b[32m✓ 1.62×\x1b[0m"), 7U);
}

// ---- JSON ------------------------------------------------------------------------

void expect_same(const SpeedupFigures& a, const SpeedupFigures& b) {
  EXPECT_EQ(a.kind, b.kind);
  EXPECT_EQ(a.measured, b.measured);
  EXPECT_EQ(a.required, b.required);
  EXPECT_EQ(a.fraction, b.fraction);
  EXPECT_EQ(a.attainable, b.attainable);
  EXPECT_EQ(a.calibration, b.calibration);
  EXPECT_EQ(a.baseline_ms, b.baseline_ms);
  EXPECT_EQ(a.student_ms, b.student_ms);
  EXPECT_EQ(a.student_cpu_ratio, b.student_cpu_ratio);
  EXPECT_EQ(a.spread, b.spread);
  EXPECT_EQ(a.usable_cores, b.usable_cores);
  EXPECT_EQ(a.threads, b.threads);
  EXPECT_EQ(a.rounds, b.rounds);
  EXPECT_EQ(a.attempts, b.attempts);
  EXPECT_EQ(a.ratios, b.ratios);
  ASSERT_EQ(a.thread_use.has_value(), b.thread_use.has_value());
  if (a.thread_use) {
    EXPECT_EQ(a.thread_use->diagnosis, b.thread_use->diagnosis);
    EXPECT_EQ(a.thread_use->balance_efficiency, b.thread_use->balance_efficiency);
    EXPECT_EQ(a.thread_use->busiest_share, b.thread_use->busiest_share);
    EXPECT_EQ(a.thread_use->busiest_thread, b.thread_use->busiest_thread);
    EXPECT_EQ(a.thread_use->busy_threads, b.thread_use->busy_threads);
    EXPECT_EQ(a.thread_use->cpu_vs_baseline, b.thread_use->cpu_vs_baseline);
    EXPECT_EQ(a.thread_use->switches_per_ms, b.thread_use->switches_per_ms);
    EXPECT_EQ(a.thread_use->run_delay_share, b.thread_use->run_delay_share);
    EXPECT_EQ(a.thread_use->threads_seen, b.thread_use->threads_seen);
    EXPECT_EQ(a.thread_use->thread_cpu_ms, b.thread_use->thread_cpu_ms);
  }
}

void expect_same(const Check& a, const Check& b) {
  SCOPED_TRACE(to_string(a.id));
  EXPECT_EQ(a.id, b.id);
  EXPECT_EQ(a.next_step, b.next_step);
  EXPECT_EQ(a.status, b.status);
  EXPECT_EQ(a.message, b.message);
  EXPECT_EQ(valid_utf8(a.details), b.details);  // invalid bytes come back as U+FFFD
  ASSERT_EQ(a.location.has_value(), b.location.has_value());
  if (a.location) {
    EXPECT_EQ(a.location->file, b.location->file);
    EXPECT_EQ(a.location->line, b.location->line);
    EXPECT_EQ(a.location->column, b.location->column);
  }
  EXPECT_EQ(a.score, b.score);
  EXPECT_EQ(a.max_score, b.max_score);
  EXPECT_EQ(a.seconds, b.seconds);
  ASSERT_EQ(a.speedup.has_value(), b.speedup.has_value());
  if (a.speedup) expect_same(*a.speedup, *b.speedup);
}

void expect_same(const GradeReport& a, const GradeReport& b) {
  EXPECT_EQ(a.submission, b.submission);
  EXPECT_EQ(a.kit_version, b.kit_version);
  EXPECT_EQ(a.hidden_tests, b.hidden_tests);
  EXPECT_EQ(a.sandbox, b.sandbox);
  EXPECT_EQ(a.usable_cores, b.usable_cores);
  EXPECT_EQ(a.seconds, b.seconds);
  ASSERT_EQ(a.exercises.size(), b.exercises.size());
  for (std::size_t i = 0; i < a.exercises.size(); ++i) {
    const ExerciseResult& x = a.exercises[i];
    const ExerciseResult& y = b.exercises[i];
    SCOPED_TRACE(x.id);
    EXPECT_EQ(x.id, y.id);
    EXPECT_EQ(x.title, y.title);
    EXPECT_EQ(x.score, y.score);
    EXPECT_EQ(x.max_score, y.max_score);
    ASSERT_EQ(x.checks.size(), y.checks.size());
    for (std::size_t k = 0; k < x.checks.size(); ++k) expect_same(x.checks[k], y.checks[k]);
  }
}

TEST(JsonReport, RoundTripsFieldByField) {
  const GradeReport r = sample_report();
  const GradeReport back = from_json(to_json(r));
  expect_same(r, back);
  EXPECT_EQ(back.score(), r.score());
  EXPECT_EQ(back.passed(), r.passed());
  // A second trip is byte-identical: nothing drifts when results are reloaded.
  EXPECT_EQ(to_json(back), to_json(from_json(to_json(back))));
}

TEST(JsonReport, HasTheDocumentedStructure) {
  const GradeReport r = sample_report();
  const json j = json::parse(to_json(r));
  EXPECT_EQ(j.at("schema_version"), 1);
  EXPECT_EQ(j.at("kit_version"), "0.1.0");
  EXPECT_EQ(j.at("hidden_tests"), true);
  EXPECT_DOUBLE_EQ(j.at("score").get<double>(), r.score());
  EXPECT_DOUBLE_EQ(j.at("max_score").get<double>(), r.max_score());
  EXPECT_EQ(j.at("passed"), false);
  ASSERT_EQ(j.at("exercises").size(), 4U);
  const json& race_counter = j.at("exercises").at(1);
  EXPECT_EQ(race_counter.at("id"), "03_race_counter");
  EXPECT_EQ(race_counter.at("passed"), false);
  EXPECT_EQ(j.at("exercises").at(0).at("passed"), true);
  const json& build = race_counter.at("checks").at(0);
  EXPECT_TRUE(build.at("location").is_null());
  EXPECT_FALSE(build.contains("speedup"));  // absent, not null, without figures
  const json& race = race_counter.at("checks").at(2);
  EXPECT_EQ(race.at("status"), "fail");
  EXPECT_EQ(race.at("location").at("file"), "03_race_counter/race_counter.cpp");
  EXPECT_EQ(race.at("location").at("line"), 17);
  const json& speedup = j.at("exercises").at(2).at("checks").at(3).at("speedup");
  EXPECT_EQ(speedup.at("kind"), "cpu");
  EXPECT_EQ(speedup.at("ratios").size(), 5U);
  for (const char* key : {"measured", "required", "fraction", "attainable", "calibration", "baseline_ms", "student_ms",
                          "student_cpu_ratio", "spread", "usable_cores", "threads", "rounds", "attempts"}) {
    EXPECT_TRUE(speedup.contains(key)) << key;
  }
  EXPECT_EQ(speedup.at("thread_use").at("diagnosis"), "imbalance");
  EXPECT_EQ(speedup.at("thread_use").at("thread_cpu_ms").size(), 3U);
  // Every status string appears.
  const std::string text = to_json(r);
  for (const char* s : {"\"pass\"", "\"fail\"", "\"error\"", "\"inconclusive\"", "\"skipped\""}) {
    EXPECT_NE(text.find(s), std::string::npos) << s;
  }
}

TEST(JsonReport, NonFiniteNumbersBecomeNullAndComeBackAsNaN) {
  GradeReport r = sample_report();
  r.exercises[2].checks[3].speedup->ratios.push_back(std::numeric_limits<double>::infinity());
  r.exercises[2].checks[3].speedup->measured = std::numeric_limits<double>::quiet_NaN();
  const std::string text = to_json(r);
  const json j = json::parse(text);
  EXPECT_TRUE(j.at("exercises").at(2).at("checks").at(3).at("speedup").at("measured").is_null());
  const GradeReport back = from_json(text);
  EXPECT_TRUE(std::isnan(back.exercises[2].checks[3].speedup->measured));
  EXPECT_TRUE(std::isnan(back.exercises[2].checks[3].speedup->ratios.back()));
}

TEST(JsonReport, ErrorsNameTheOffendingField) {
  json j = json::parse(to_json(sample_report()));
  j["exercises"][1]["checks"][2].erase("status");
  try {
    (void)from_json(j.dump());
    FAIL() << "expected ReportFormatError";
  } catch (const ReportFormatError& e) {
    EXPECT_NE(std::string(e.what()).find("$.exercises[1].checks[2].status"), std::string::npos) << e.what();
  }
  j = json::parse(to_json(sample_report()));
  j["exercises"][0]["checks"][0]["status"] = "maybe";
  EXPECT_THROW((void)from_json(j.dump()), ReportFormatError);
  j = json::parse(to_json(sample_report()));
  j["schema_version"] = 2;
  EXPECT_THROW((void)from_json(j.dump()), ReportFormatError);
  EXPECT_THROW((void)from_json("{not json"), ReportFormatError);
  EXPECT_THROW((void)from_json("[]"), ReportFormatError);
}

TEST(JsonReport, IgnoresUnknownKeysFromANewerGrader) {
  json j = json::parse(to_json(sample_report()));
  j["future_field"] = 1;
  j["exercises"][0]["checks"][0]["future_field"] = "x";
  EXPECT_NO_THROW((void)from_json(j.dump()));
}

// ---- JUnit ---------------------------------------------------------------------

// A small well-formedness check: every tag closes in order, attributes are
// quoted, no raw '<' or '&' outside markup, no forbidden control character.
::testing::AssertionResult well_formed_xml(const std::string& xml) {
  std::vector<std::string> open;
  std::size_t i = xml.find("?>");
  if (xml.rfind("<?xml", 0) != 0 || i == std::string::npos) return ::testing::AssertionFailure() << "no declaration";
  for (i += 2; i < xml.size(); ++i) {
    const auto u = static_cast<unsigned char>(xml[i]);
    if (u < 0x20U && xml[i] != '\n' && xml[i] != '\t' && xml[i] != '\r') {
      return ::testing::AssertionFailure() << "control character at " << i;
    }
    if (xml[i] == '&') {
      const std::size_t semi = xml.find(';', i);
      const std::string entity = xml.substr(i, semi - i + 1);
      if (entity != "&amp;" && entity != "&lt;" && entity != "&gt;" && entity != "&quot;" && entity != "&apos;" &&
          entity.rfind("&#", 0) != 0) {
        return ::testing::AssertionFailure() << "bad entity " << entity;
      }
      continue;
    }
    if (xml[i] == '>') return ::testing::AssertionFailure() << "stray '>' at " << i;
    if (xml[i] != '<') continue;
    const std::size_t end = xml.find('>', i);
    if (end == std::string::npos) return ::testing::AssertionFailure() << "unclosed tag";
    const std::string tag = xml.substr(i + 1, end - i - 1);
    if (tag.find('<') != std::string::npos) return ::testing::AssertionFailure() << "'<' inside a tag: " << tag;
    if (count(tag, "\"") % 2 != 0) return ::testing::AssertionFailure() << "unbalanced quotes: " << tag;
    if (tag.front() == '/') {
      if (open.empty() || open.back() != tag.substr(1)) return ::testing::AssertionFailure() << "mismatched </" << tag;
      open.pop_back();
    } else if (tag.back() != '/') {
      open.push_back(tag.substr(0, tag.find_first_of(" \n")));
    }
    i = end;
  }
  if (!open.empty()) return ::testing::AssertionFailure() << "unclosed <" << open.back() << ">";
  return ::testing::AssertionSuccess();
}

TEST(JunitReport, OneTestcasePerCheckAndOneElementPerProblem) {
  const GradeReport r = sample_report();
  const std::string xml = to_junit(r);
  EXPECT_TRUE(well_formed_xml(xml)) << xml;
  EXPECT_EQ(count(xml, "<testsuite "), r.exercises.size());
  EXPECT_EQ(count(xml, "<testcase "), check_count(r));
  EXPECT_EQ(count(xml, "<failure "), count_status(r, Status::fail));
  EXPECT_EQ(count(xml, "<error "), count_status(r, Status::error));
  EXPECT_EQ(count(xml, "<skipped "), count_status(r, Status::skipped) + count_status(r, Status::inconclusive));
  EXPECT_NE(xml.find(R"(<testsuites name="parlab" tests="16" failures="2" errors="1" skipped="4")"), std::string::npos)
      << xml;
  EXPECT_NE(xml.find(R"(file="03_race_counter/race_counter.cpp" line="17")"), std::string::npos);
}

TEST(JunitReport, EscapesMarkupAndDropsForbiddenCharacters) {
  EXPECT_EQ(xml_escape_attribute("a\"b'<c>&d\n\te"), "a&quot;b&apos;&lt;c&gt;&amp;d&#10;&#9;e");
  EXPECT_EQ(xml_escape_text("x < y && \"q\""), "x &lt; y &amp;&amp; \"q\"");
  EXPECT_EQ(xml_escape_text("bell\x07 nul\x01"), "bell\xEF\xBF\xBD nul\xEF\xBF\xBD");
  EXPECT_EQ(xml_escape_text("\xEF\xBF\xBF"), "\xEF\xBF\xBD");  // U+FFFF is no XML character
  EXPECT_EQ(xml_escape_text("bad \xff"), "bad \xEF\xBF\xBD");
  const std::string xml = to_junit(sample_report());
  EXPECT_NE(xml.find("message=\"data race on &apos;counter&apos; &lt;int&gt; &amp; &quot;friends&quot;\""),
            std::string::npos);
  EXPECT_NE(xml.find("count&lt;std::vector&lt;int&gt;&gt;"), std::string::npos);
  EXPECT_EQ(xml.find('\x1b'), std::string::npos);  // colour codes stripped
}

// ---- Gradescope ----------------------------------------------------------------

TEST(GradescopeReport, ScoresSumAndStatusesArePassedOrFailed) {
  const GradeReport r = sample_report();
  const json j = json::parse(to_gradescope(r));
  EXPECT_DOUBLE_EQ(j.at("score").get<double>(), r.score());
  EXPECT_EQ(j.at("output_format"), "md");
  EXPECT_EQ(j.at("stdout_visibility"), "hidden");
  EXPECT_EQ(j.at("execution_time"), 85);
  ASSERT_EQ(j.at("tests").size(), check_count(r));
  double sum = 0;
  double max_sum = 0;
  for (const json& t : j.at("tests")) {
    sum += t.at("score").get<double>();
    max_sum += t.at("max_score").get<double>();
    const std::string status = t.at("status");
    EXPECT_TRUE(status == "passed" || status == "failed") << status;
    EXPECT_EQ(t.at("output_format"), "md");
    EXPECT_EQ(status == "passed", t.at("extra_data").at("parlab_status") == "pass");
  }
  EXPECT_DOUBLE_EQ(sum, r.score());
  EXPECT_DOUBLE_EQ(max_sum, r.max_score());
  EXPECT_EQ(j.at("tests").at(6).at("name"), "03_race_counter · race");
  EXPECT_NE(j.at("tests").at(6).at("output").get<std::string>().find("`03_race_counter/race_counter.cpp:17:5`"),
            std::string::npos);
}

TEST(GradescopeReport, TestsChecksFollowTheHiddenVisibilityOnlyWithHiddenTests) {
  GradeReport r = sample_report();
  const GradescopeOptions options{"after_due_date", "hidden"};
  const json with_hidden = json::parse(to_gradescope(r, options));
  for (const json& t : with_hidden.at("tests")) {
    const bool tests_check = t.at("name").get<std::string>().ends_with("· tests");
    EXPECT_EQ(t.at("visibility"), tests_check ? "hidden" : "after_due_date") << t.at("name");
  }
  r.hidden_tests = false;
  const json public_only = json::parse(to_gradescope(r));
  for (const json& t : public_only.at("tests")) EXPECT_EQ(t.at("visibility"), "visible");
}

TEST(GradescopeReport, WarnsStaffWhenTheContainerHasOneCore) {
  GradeReport r = sample_report();
  r.usable_cores = 1;
  EXPECT_NE(json::parse(to_gradescope(r)).at("output").get<std::string>().find("Gradescope autograder settings"),
            std::string::npos);
}

// ---- Classroom ----------------------------------------------------------------

std::string base64_decode(const std::string& in) {
  const std::string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  unsigned bits = 0;
  int count_bits = 0;
  for (const char c : in) {
    if (c == '=') break;
    bits = (bits << 6U) | static_cast<unsigned>(alphabet.find(c));
    count_bits += 6;
    if (count_bits >= 8) {
      count_bits -= 8;
      out += static_cast<char>((bits >> static_cast<unsigned>(count_bits)) & 0xFFU);
    }
  }
  return out;
}

TEST(ClassroomReport, Base64MatchesRfc4648) {
  EXPECT_EQ(base64_encode(""), "");
  EXPECT_EQ(base64_encode("f"), "Zg==");
  EXPECT_EQ(base64_encode("fo"), "Zm8=");
  EXPECT_EQ(base64_encode("foo"), "Zm9v");
  EXPECT_EQ(base64_encode("foob"), "Zm9vYg==");
  EXPECT_EQ(base64_encode("fooba"), "Zm9vYmE=");
  EXPECT_EQ(base64_encode("foobar"), "Zm9vYmFy");
  EXPECT_EQ(base64_encode(std::string_view("\xff\xfe\x00", 3)), "//4A");
}

TEST(ClassroomReport, PerExerciseResultIsVersion1WithPartialCredit) {
  const GradeReport r = sample_report();
  const std::vector<std::string> expected_status = {"pass", "fail", "fail", "error"};
  for (std::size_t i = 0; i < r.exercises.size(); ++i) {
    const ExerciseResult& e = r.exercises[i];
    const std::string text = to_classroom(e);
    EXPECT_TRUE(is_ascii(text)) << "survives base64 and any decoder";
    EXPECT_EQ(text.find('\n'), std::string::npos) << "one line for $GITHUB_OUTPUT";
    const json j = json::parse(base64_decode(base64_encode(text)));
    EXPECT_EQ(j.at("version"), 1);
    EXPECT_EQ(j.at("status"), expected_status[i]) << e.id;
    EXPECT_DOUBLE_EQ(j.at("max_score").get<double>(), e.max_score);
    ASSERT_EQ(j.at("tests").size(), e.checks.size());
    double sum = 0;
    for (const json& t : j.at("tests")) {
      sum += t.at("score").get<double>();
      for (const char* key : {"name", "status", "score", "message", "test_code", "filename", "line_no", "duration"}) {
        EXPECT_TRUE(t.contains(key)) << key;
      }
      const std::string status = t.at("status");
      EXPECT_TRUE(status == "pass" || status == "fail" || status == "error") << status;
    }
    EXPECT_DOUBLE_EQ(sum, e.score) << e.id;
  }
  const json race = json::parse(to_classroom(r.exercises[1])).at("tests").at(2);
  EXPECT_EQ(race.at("name"), "03_race_counter · race");
  EXPECT_EQ(race.at("filename"), "03_race_counter/race_counter.cpp");
  EXPECT_EQ(race.at("line_no"), 17);
  EXPECT_EQ(race.at("duration"), 1250);
  EXPECT_NE(race.at("message").get<std::string>().find("ThreadSanitizer"), std::string::npos);
  // Inconclusive could not be decided: "error"; skipped earned nothing: "fail".
  const json strikes = json::parse(to_classroom(r.exercises[3])).at("tests");
  EXPECT_EQ(strikes.at(3).at("status"), "error");
  EXPECT_EQ(strikes.at(1).at("status"), "fail");
}

TEST(ClassroomReport, OneRunnerForEverythingSumsToTheReportScore) {
  const GradeReport r = sample_report();
  const json j = json::parse(to_classroom_all(r));
  EXPECT_EQ(j.at("version"), 1);
  EXPECT_EQ(j.at("status"), "fail");
  EXPECT_DOUBLE_EQ(j.at("max_score").get<double>(), r.max_score());
  double sum = 0;
  for (const json& t : j.at("tests")) sum += t.at("score").get<double>();
  EXPECT_DOUBLE_EQ(sum, r.score());
  EXPECT_EQ(j.at("tests").size(), check_count(r));

  GradeReport all_pass;
  all_pass.exercises.push_back(r.exercises[0]);
  EXPECT_EQ(json::parse(to_classroom_all(all_pass)).at("status"), "pass");
  GradeReport nothing_built;
  nothing_built.exercises.push_back(r.exercises[3]);
  EXPECT_EQ(json::parse(to_classroom_all(nothing_built)).at("status"), "error");
}

// ---- GitHub annotations --------------------------------------------------------

TEST(GithubAnnotations, EscapesFollowTheWorkflowCommandRules) {
  EXPECT_EQ(escape_annotation_data("50% a:b,c\r\nd"), "50%25 a:b,c%0D%0Ad");
  EXPECT_EQ(escape_annotation_property("50% a:b,c\r\nd"), "50%25 a%3Ab%2Cc%0D%0Ad");
}

TEST(GithubAnnotations, ErrorsOnTheSourceLineWarningsForInconclusiveAndPoints) {
  const GradeReport r = sample_report();
  const std::string out = github_annotations(r, AnnotationOptions{"exercises/", 10, 10});
  std::vector<std::string> lines;
  for (const auto line : split_lines(out)) lines.emplace_back(line);
  ASSERT_EQ(lines.size(), 5U) << out;  // 2 fail + 1 error, 1 inconclusive, 1 notice
  EXPECT_EQ(count(out, "::error "), count_status(r, Status::fail) + count_status(r, Status::error));
  EXPECT_EQ(count(out, "::warning "), count_status(r, Status::inconclusive));
  EXPECT_EQ(lines[0].rfind("::error file=exercises/03_race_counter/race_counter.cpp,line=17,col=5,title=03_race_counter · race::", 0), 0U)
      << lines[0];
  EXPECT_EQ(lines[1].rfind("::error title=04_monte_carlo_pi · speedup::", 0), 0U) << lines[1];  // no location
  EXPECT_EQ(lines[2].rfind("::error file=exercises/05_option_strikes/option_strikes.cpp,line=42,title=", 0), 0U);
  EXPECT_EQ(lines[3].rfind("::warning title=05_option_strikes · speedup::", 0), 0U);
  EXPECT_EQ(lines[4], "::notice title=Points::Points " + format_score(r.score(), r.max_score()));
  EXPECT_NE(lines[0].find("%0A"), std::string::npos);  // multi-line message kept on one command line
}

TEST(GithubAnnotations, AtMostTenErrorsAndTheNoticeSaysHowManyMore) {
  GradeReport r;
  std::vector<Check> checks;
  for (int i = 0; i < 13; ++i) checks.push_back(make_check("tests", Status::fail, 0, 1, "wrong"));
  r.exercises.push_back(exercise("02_many", "Many", checks));
  const std::string out = github_annotations(r);
  EXPECT_EQ(count(out, "::error "), 10U);
  EXPECT_NE(out.find("::notice title=Points::Points 0/13 (3 more problems"), std::string::npos) << out;
}

// ---- Markdown -----------------------------------------------------------------

TEST(MarkdownReport, HasTheTableAndASectionPerProblem) {
  const GradeReport r = sample_report();
  const std::string md = to_markdown(r);
  EXPECT_NE(md.find("| exercise | build | tests | race | speedup | points |"), std::string::npos);
  EXPECT_NE(md.find("| `01_slow_downloads` | ✅ | ✅ | ✅ | ✅ 3.90× | 10 / 10 |"), std::string::npos) << md;
  EXPECT_NE(md.find("| `03_race_counter` | ✅ | ✅ | ❌ | ➖ | 5 / 10 |"), std::string::npos) << md;
  EXPECT_NE(md.find("| `04_monte_carlo_pi` | ✅ | ✅ | ✅ | ❌ 1.21× / 1.63× | 7.5 / 10 |"), std::string::npos) << md;
  EXPECT_NE(md.find("| `05_option_strikes` | 💥 | ➖ | ➖ | ⚠️ 1.40× / 1.63× | 0 / 10 |"), std::string::npos) << md;
  EXPECT_NE(md.find("| **total** | | | | | **" + format_points(r.score()) + " / 40** |"), std::string::npos);
  // fail, fail, error and inconclusive get a section; skipped checks do not.
  EXPECT_EQ(count(md, "\n### "), 4U) << md;
  EXPECT_NE(md.find("### ❌ `03_race_counter` · race"), std::string::npos) << md;
  EXPECT_NE(md.find("**Where:** `03_race_counter/race_counter.cpp:17:5`"), std::string::npos);
  EXPECT_NE(md.find("data race on 'counter' \\<int\\> \\& \"friends\""), std::string::npos) << md;
  // The details contain ``` so their fence must be longer.
  EXPECT_NE(md.find("````text\nWARNING: ThreadSanitizer"), std::string::npos) << md;
  EXPECT_NE(md.find("1 + 0.7 × (1.9 − 1) = 1.63×"), std::string::npos) << md;
}

TEST(MarkdownReport, LongDetailsAreTruncatedAndSaySo) {
  GradeReport r = sample_report();
  std::string huge;
  for (int i = 0; i < 500; ++i) huge += "error: line " + std::to_string(i) + "\n";
  r.exercises[3].checks[0].details = huge;
  const std::string md = to_markdown(r);
  EXPECT_NE(md.find("error: line 39\n"), std::string::npos);
  EXPECT_EQ(md.find("error: line 40\n"), std::string::npos);
  EXPECT_NE(md.find("460 more lines not shown"), std::string::npos);
}

TEST(MarkdownReport, EscapingNeutralisesMarkup) {
  EXPECT_EQ(markdown_escape("a|b <vector> *x* [l](u) `c`"), "a\\|b \\<vector\\> \\*x\\* \\[l\\](u) \\`c\\`");
  EXPECT_EQ(markdown_escape("# title"), "\\# title");
  EXPECT_EQ(markdown_escape("1. item"), "1\\. item");
  EXPECT_EQ(markdown_escape("- item"), "\\- item");
  EXPECT_EQ(markdown_escape("1.21× faster, -3 left"), "1.21× faster, -3 left");  // no list: no escapes
  EXPECT_EQ(markdown_escape("two\nlines"), "two lines");
  EXPECT_EQ(markdown_code("a`b"), "``a`b``");
  EXPECT_EQ(markdown_code("`x"), "`` `x ``");
}

// ---- terminal -------------------------------------------------------------------

TEST(TerminalTable, PlainTextIsAsciiWithLocatedProblemLines) {
  const GradeReport r = sample_report();
  const std::string text = format_table(r, false);
  // The table is ASCII; messages keep the characters the steps wrote (×, π).
  const auto lines = split_lines(text);
  for (std::size_t i = 0; i < 6; ++i) EXPECT_TRUE(is_ascii(std::string(lines[i]))) << lines[i];
  EXPECT_EQ(text.find('\x1b'), std::string::npos);
  EXPECT_NE(text.find("exercise "), std::string::npos);
  EXPECT_NE(text.find("03_race_counter    ok     ok     FAIL  -"), std::string::npos) << text;
  EXPECT_NE(text.find("  03_race_counter/race_counter.cpp:17:5: race: data race on 'counter'"), std::string::npos)
      << text;
  // A race message carries its own hint; no generic "->" step is added.
  EXPECT_EQ(text.find("race: data race on 'counter' <int> & \"friends\" ->"), std::string::npos) << text;
  EXPECT_NE(text.find("      WARNING: ThreadSanitizer: data race"), std::string::npos) << text;
  EXPECT_NE(text.find("      ... 1 more line in the full report"), std::string::npos) << text;
  EXPECT_NE(text.find("  04_monte_carlo_pi: speedup:"), std::string::npos) << text;
  // Skipped checks follow from another problem and get no line of their own.
  EXPECT_EQ(text.find("03_race_counter: speedup:"), std::string::npos) << text;
}

TEST(TerminalTable, ColourUsesSymbolsAndEscapes) {
  const std::string text = format_table(sample_report(), true);
  EXPECT_NE(text.find("\x1b[32m✓\x1b[0m"), std::string::npos);
  EXPECT_NE(text.find("\x1b[31m✗\x1b[0m"), std::string::npos);
  EXPECT_NE(text.find("→"), std::string::npos);
}

TEST(TerminalTable, ColumnsLineUpWhateverTheSymbols) {
  for (const bool color : {false, true}) {
    const std::string text = format_table(sample_report(), color);
    const auto lines = split_lines(text);
    // header, 4 exercises, total: all the same width (points right-aligned).
    for (std::size_t i = 1; i < 6; ++i) EXPECT_EQ(display_width(lines[i]), display_width(lines[0])) << lines[i];
  }
}

std::string read_all(std::FILE* f) {
  std::rewind(f);
  std::string text;
  char buf[4096];
  std::size_t n = 0;
  while ((n = std::fread(buf, 1, sizeof buf, f)) > 0) text.append(buf, n);
  return text;
}

void grade_one(TerminalProgress& progress, const ExerciseResult& e, std::size_t index, std::size_t total) {
  progress.exercise_started(e.id, index, total);
  for (const Check& c : e.checks) {
    progress.step_started(e.id, c.id);
    progress.step_finished(e.id, c);
  }
  progress.exercise_finished(e);
}

TEST(TerminalProgress, CiLogsGetOnePlainLinePerStep) {
  std::FILE* f = std::tmpfile();
  ASSERT_NE(f, nullptr);
  const GradeReport r = sample_report();
  {
    TerminalProgress progress(f, false, false);
    grade_one(progress, r.exercises[1], 2, 4);
  }
  const std::string text = read_all(f);
  std::fclose(f);
  EXPECT_EQ(text.find('\r'), std::string::npos);
  EXPECT_EQ(text.find('\x1b'), std::string::npos);
  EXPECT_EQ(split_lines(text).size(), 6U) << text;  // started, 4 steps, done
  EXPECT_NE(text.find("[2/4] 03_race_counter  race FAIL  data race on 'counter'"), std::string::npos) << text;
  EXPECT_NE(text.find("[2/4] 03_race_counter  done: 5/10 points\n"), std::string::npos) << text;
}

TEST(TerminalProgress, TerminalsGetOneRedrawnLinePerExercise) {
  std::FILE* f = std::tmpfile();
  ASSERT_NE(f, nullptr);
  const GradeReport r = sample_report();
  {
    TerminalProgress progress(f, true, true);
    progress.exercise_started("03_race_counter", 3, 6);
    progress.step_started("03_race_counter", CheckId::build);
    progress.step_finished("03_race_counter", r.exercises[1].checks[0]);
    progress.step_started("03_race_counter", CheckId::tests);
    progress.exercise_finished(r.exercises[1]);
  }
  const std::string text = read_all(f);
  std::fclose(f);
  EXPECT_NE(text.find("\r\x1b[2K[3/6] 03_race_counter  build \x1b[32m✓\x1b[0m  tests …"), std::string::npos) << text;
  EXPECT_EQ(count(text, "\n"), 1U) << "only the finished exercise's line stays";
  EXPECT_NE(text.find("race \x1b[31m✗\x1b[0m"), std::string::npos);
  EXPECT_NE(text.find("5/10 points\n"), std::string::npos);
}

TEST(TerminalProgress, SeveralThreadsNeverInterleaveLines) {
  std::FILE* f = std::tmpfile();
  ASSERT_NE(f, nullptr);
  const GradeReport r = sample_report();
  {
    TerminalProgress progress(f, false, false);
    std::vector<std::thread> threads;
    for (std::size_t t = 0; t < r.exercises.size(); ++t) {
      threads.emplace_back([&, t] {
        for (int round = 0; round < 50; ++round) grade_one(progress, r.exercises[t], t + 1, r.exercises.size());
      });
    }
    for (auto& t : threads) t.join();
  }
  const std::string text = read_all(f);
  std::fclose(f);
  const auto lines = split_lines(text);
  EXPECT_EQ(lines.size(), 50U * 4U * 6U);
  for (const auto line : lines) EXPECT_EQ(line.front(), '[') << line;
}

}  // namespace
