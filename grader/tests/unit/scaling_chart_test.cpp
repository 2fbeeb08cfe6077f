// The scaling chart read back with an XML parser (tinyxml2), the terminal
// chart, the reading, the Markdown section and the JSON:
// grader/src/scaling/{svg_chart,terminal_chart,reading,scale_markdown,scale_result}.hpp.
#include <gtest/gtest.h>

#include <cmath>
#include <nlohmann/json.hpp>

#include "scaling/reading.hpp"
#include "scaling/scale_markdown.hpp"
#include "scaling/scale_result.hpp"
#include "scaling/svg_chart.hpp"
#include "scaling/terminal_chart.hpp"
#include "svg_chart_reader.hpp"

namespace {

using namespace parlab::grader::scaling;

// A curve on 4 cores with 2 oversubscribed counts; speedups near p = 0.9
// with some scatter, so the fit has an error and the points sit off the curve.
ScaleResult known_curve() {
  ScaleResult r;
  r.exercise = "04_monte_carlo_pi";
  r.title = "Monte Carlo π with std::thread";
  r.kind = "cpu";
  r.usable_cores = 4;
  r.fit_limit = 4;
  r.size = 40'000'000;
  r.rounds = 5;
  const std::vector<std::pair<int, double>> measured = {{1, 1.0}, {2, 1.83}, {3, 2.52}, {4, 3.01}, {6, 2.9}, {8, 2.75}};
  for (const auto& [k, s] : measured) {
    ScalePoint pt;
    pt.threads = k;
    pt.speedup = s;
    pt.ratios = {s * 0.97, s * 0.99, s, s * 1.01, s * 1.02};
    pt.speedup_error = 0.01 * s;
    pt.median_ms = 400 / s;
    pt.in_fit = k <= r.usable_cores;
    r.points.push_back(pt);
  }
  r.fit = fit_points(r);
  return r;
}

// Display columns of UTF-8 text (every character here is one column wide).
std::size_t columns(const std::string& line) {
  std::size_t n = 0;
  for (const char c : line) n += (static_cast<unsigned char>(c) & 0xC0U) != 0x80U ? 1 : 0;
  return n;
}

TEST(ScalingChart, IsWellFormedSvgWithTheThreeSeries) {
  const test::Chart chart = test::read_chart(svg_chart(known_curve()));
  ASSERT_TRUE(chart.ok()) << chart.problem;
  EXPECT_EQ(chart.exercise, "04_monte_carlo_pi");
  for (const char* series : {"ideal", "amdahl", "measured"}) {
    EXPECT_EQ(std::count(chart.series.begin(), chart.series.end(), series), 1) << series;
  }
}

TEST(ScalingChart, MeasuredPointsMapBackToTheDataThroughTheAxes) {
  const ScaleResult r = known_curve();
  const test::Chart chart = test::read_chart(svg_chart(r));
  ASSERT_TRUE(chart.ok()) << chart.problem;
  ASSERT_EQ(chart.points.size(), r.points.size());
  for (std::size_t i = 0; i < r.points.size(); ++i) {
    // Coordinates are written to 0.01 px; a 300 px axis makes that far below 0.01 in data units.
    EXPECT_NEAR(chart.points[i].threads, r.points[i].threads, 0.01) << i;
    EXPECT_NEAR(chart.points[i].speedup, r.points[i].speedup, 0.01) << i;
    EXPECT_EQ(chart.points[i].labelled_threads, r.points[i].threads) << i;
    EXPECT_EQ(chart.points[i].oversubscribed, !r.points[i].in_fit) << i;
  }
}

TEST(ScalingChart, CurvesFollowTheFitAndTheIdeal) {
  const ScaleResult r = known_curve();
  const test::Chart chart = test::read_chart(svg_chart(r));
  ASSERT_TRUE(chart.ok()) << chart.problem;
  ASSERT_GE(chart.amdahl.size(), 10U);
  for (const auto& [threads, speedup] : chart.amdahl) {
    EXPECT_NEAR(speedup, amdahl_speedup(r.fit.p, std::min(threads, 4.0)), 0.01) << threads;
  }
  ASSERT_GE(chart.ideal.size(), 10U);
  for (const auto& [threads, speedup] : chart.ideal) EXPECT_NEAR(speedup, std::min(threads, 4.0), 0.01) << threads;
  // Both span the measured thread counts.
  EXPECT_NEAR(chart.amdahl.front().first, 1, 0.01);
  EXPECT_NEAR(chart.amdahl.back().first, 8, 0.01);
}

TEST(ScalingChart, LatencyIdealComesInWavesOfRequests) {
  // 16 requests on k workers take ceil(16/k) waves: 5 workers are no faster than 4.
  ScaleResult r;
  r.exercise = "01_slow_downloads";
  r.kind = "latency";
  r.usable_cores = 2;  // waiting workers need no cores
  r.fit_limit = 8;
  r.tasks = 16;
  r.rounds = 3;
  for (int k = 1; k <= 8; ++k) {
    ScalePoint pt;
    pt.threads = k;
    pt.speedup = amdahl_speedup(0.97, 16.0 / std::ceil(16.0 / k));
    pt.in_fit = true;
    r.points.push_back(pt);
  }
  r.fit = fit_points(r);
  EXPECT_NEAR(r.fit.p, 0.97, 1e-9);  // the waves explain the steps: an exact fit
  EXPECT_NEAR(r.fit.worst_deviation, 0, 1e-9);
  EXPECT_DOUBLE_EQ(ideal_speedup(r, 5), 4);
  EXPECT_DOUBLE_EQ(ideal_speedup(r, 8), 8);
  const test::Chart chart = test::read_chart(svg_chart(r));
  ASSERT_TRUE(chart.ok()) << chart.problem;
  EXPECT_EQ(chart.legend[1], "ideal: all workers wait at once, 16 tasks in whole waves");
  ASSERT_EQ(chart.ideal.size(), 8U);  // whole worker counts only: 2.5 workers mean nothing
  for (const auto& [workers, speedup] : chart.ideal) {
    const double k = std::round(workers);
    EXPECT_NEAR(workers, k, 0.01);
    EXPECT_NEAR(speedup, 16 / std::ceil(16 / k), 0.01) << k;
  }
}

TEST(ScalingChart, TitleAndLegendNameTheFit) {
  const ScaleResult r = known_curve();
  const test::Chart chart = test::read_chart(svg_chart(r));
  ASSERT_TRUE(chart.ok()) << chart.problem;
  EXPECT_EQ(chart.title, "04_monte_carlo_pi: p = " + format_p(r.fit));
  ASSERT_EQ(chart.legend.size(), 4U);
  EXPECT_EQ(chart.legend[0], "measured (median of 5 rounds)");
  EXPECT_EQ(chart.legend[1], "ideal: one thread per core");
  EXPECT_EQ(chart.legend[2], "more threads than cores: not fitted");
  EXPECT_EQ(chart.legend[3], "Amdahl fit, p = " + format_p(r.fit));
}

TEST(ScalingChart, WithoutAFitHasNoAmdahlCurve) {
  ScaleResult r = known_curve();
  r.usable_cores = 1;
  r.fit_limit = 1;
  r.points.resize(2);
  r.points[1].in_fit = false;
  r.fit = fit_points(r);
  ASSERT_FALSE(r.fit.ok);
  const test::Chart chart = test::read_chart(svg_chart(r));
  ASSERT_TRUE(chart.ok()) << chart.problem;
  EXPECT_EQ(std::count(chart.series.begin(), chart.series.end(), "amdahl"), 0);
  EXPECT_EQ(chart.points.size(), 2U);
  EXPECT_EQ(chart.title, "04_monte_carlo_pi: no Amdahl fit");
}

TEST(ScalingChart, EscapesMarkupInNames) {
  ScaleResult r = known_curve();
  r.exercise = "07_a&b<c>\"d\"";
  const test::Chart chart = test::read_chart(svg_chart(r));
  ASSERT_TRUE(chart.ok()) << chart.problem;
  EXPECT_EQ(chart.exercise, "07_a&b<c>\"d\"");
}

TEST(ScalingChart, ReaderRejectsBrokenMarkup) {
  // The reader must be able to fail, or the tests above prove nothing.
  std::string svg = svg_chart(known_curve());
  EXPECT_FALSE(test::read_chart(svg.substr(0, svg.size() / 2)).ok());
  EXPECT_FALSE(test::read_chart("<svg><g></svg>").ok());
}

TEST(TerminalChart, OneRowPerCountWithinEightyColumns) {
  const ScaleResult r = known_curve();
  const std::string text = terminal_chart(r);
  std::vector<std::string> lines;
  for (std::size_t start = 0; start < text.size();) {
    const auto end = text.find('\n', start);
    lines.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  // Header, one row per point, then the reading.
  ASSERT_GE(lines.size(), r.points.size() + 2);
  for (std::size_t i = 0; i <= r.points.size(); ++i) EXPECT_LE(columns(lines[i]), 80U) << lines[i];
  EXPECT_NE(lines[2].find("1.83×"), std::string::npos) << lines[2];
  EXPECT_NE(lines[6].find("oversubscribed"), std::string::npos) << lines[6];
  EXPECT_EQ(lines[r.points.size() + 1], reading(r));
}

TEST(TerminalChart, LongerBarForAFasterCount) {
  const std::string text = terminal_chart(known_curve());
  auto blocks_on_row = [&](const std::string& speedup) {
    const auto at = text.find(speedup);
    const auto start = text.rfind('\n', at) + 1;
    std::size_t n = 0;
    for (std::size_t i = start; (i = text.find("█", i)) != std::string::npos && i < at; i += 3) ++n;
    return n;
  };
  EXPECT_LT(blocks_on_row("1.00×"), blocks_on_row("1.83×"));
  EXPECT_LT(blocks_on_row("1.83×"), blocks_on_row("3.01×"));
}

TEST(Reading, SaysTheBoundOnAnyNumberOfCores) {
  ScaleResult r = known_curve();
  r.fit.ok = true;
  r.fit.p = 0.93;
  r.fit.error = 0.02;
  EXPECT_EQ(reading(r), "p ≈ 0.93 ± 0.02: at most 14× on any number of cores");
  EXPECT_EQ(hint(r), "");
  r.fit.p = 0.6;
  EXPECT_EQ(reading(r), "p ≈ 0.60 ± 0.02: at most 2.5× on any number of cores");
  EXPECT_NE(hint(r).find("40%"), std::string::npos) << hint(r);
  r.fit.p = 1;
  EXPECT_NE(reading(r).find("no sequential part shows on 4 cores"), std::string::npos) << reading(r);
}

TEST(Reading, ABusyMachineIsNamedInsteadOfBlamingTheCode) {
  ScaleResult r = known_curve();
  r.fit.p = 0.3;  // flat: the code, or a machine whose other programs took the cores?
  r.points.front().cores_used = 0.46;
  EXPECT_NE(machine_note(r).find("got 46% of a core"), std::string::npos) << machine_note(r);
  EXPECT_EQ(hint(r), "");
  EXPECT_NE(terminal_chart(r).find("note: the machine is busy"), std::string::npos);
  EXPECT_NE(svg_chart(r).find("class=\"warning\""), std::string::npos);
  r.points.front().cores_used = 0.99;
  EXPECT_EQ(machine_note(r), "");
  EXPECT_NE(hint(r), "");
  EXPECT_EQ(svg_chart(r).find("class=\"warning\""), std::string::npos);
  r.kind = "latency";  // waiting threads use little CPU by design
  r.points.front().cores_used = 0.05;
  EXPECT_EQ(machine_note(r), "");
}

TEST(Reading, CodeThatIgnoresItsThreadsIsToldSo) {
  ScaleResult r = known_curve();
  r.fit.p = 0.02;
  for (ScalePoint& pt : r.points) pt.cores_used = 1.0;
  EXPECT_NE(hint(r).find("on 4 threads your code kept 1.0 cores busy"), std::string::npos) << hint(r);
  r.points[3].cores_used = 3.5;  // busy on 4 threads, yet no faster: contention, not a missing thread
  EXPECT_NE(hint(r).find("98% of the one-thread time"), std::string::npos) << hint(r);
}

TEST(Reading, NamesTheLoadBalanceAndAnImbalanceOfTheWidestRun) {
  ScaleResult r = known_curve();
  r.fit.ok = true;
  r.fit.p = 0.6;
  r.fit.error = 0.02;
  ScalePoint& widest = r.points[3];  // 4 threads, the most with a core each
  widest.balance = 0.55;
  widest.busiest_share = 0.45;
  widest.diagnosis = "imbalance";
  EXPECT_EQ(reading(r), "p ≈ 0.60 ± 0.02: at most 2.5× on any number of cores; load balance 0.55 on 4 threads");
  EXPECT_NE(hint(r).find("on 4 threads the busiest thread did 45% of the work"), std::string::npos) << hint(r);
  widest.diagnosis = "overhead";
  EXPECT_NE(hint(r).find("block and wake"), std::string::npos) << hint(r);
  EXPECT_NE(to_json(r).find("\"diagnosis\": \"overhead\""), std::string::npos);
}

TEST(Reading, LatencyIsAboutWorkers) {
  ScaleResult r = known_curve();
  r.kind = "latency";
  r.fit.ok = true;
  r.fit.p = 0.95;
  r.fit.error = 0.01;
  EXPECT_EQ(reading(r), "p ≈ 0.95 ± 0.01: at most 20× with any number of worker threads");
}

TEST(Reading, OneCoreSaysWhyThereIsNoFit) {
  ScaleResult r = known_curve();
  r.usable_cores = 1;
  r.fit = AmdahlFit{};
  EXPECT_NE(reading(r).find("one usable core"), std::string::npos) << reading(r);
}

TEST(ScaleMarkdown, EmbedsTheChartAndTabulatesThePoints) {
  const ScaleResult r = known_curve();
  const std::string md = scale_markdown(r, "scale-04.svg");
  EXPECT_NE(md.find("](scale-04.svg)"), std::string::npos) << md;
  EXPECT_NE(md.find("**" + reading(r) + "**"), std::string::npos) << md;
  EXPECT_NE(md.find("| 6 (oversubscribed) | 2.90× | 4.00× |"), std::string::npos) << md;
  EXPECT_NE(scale_markdown(r, "my charts/a.svg").find("](<my charts/a.svg>)"), std::string::npos);
}

TEST(ScaleJson, HoldsThePointsAndTheFit) {
  const ScaleResult r = known_curve();
  const auto j = nlohmann::json::parse(to_json(r));
  ASSERT_EQ(j.at("points").size(), r.points.size());
  EXPECT_EQ(j.at("points").at(3).at("threads"), 4);
  EXPECT_DOUBLE_EQ(j.at("points").at(3).at("speedup").get<double>(), 3.01);
  EXPECT_FALSE(j.at("points").at(4).at("in_fit").get<bool>());
  EXPECT_DOUBLE_EQ(j.at("fit").at("p").get<double>(), r.fit.p);
  EXPECT_DOUBLE_EQ(j.at("fit").at("limit").get<double>(), r.fit.limit());
}

}  // namespace
