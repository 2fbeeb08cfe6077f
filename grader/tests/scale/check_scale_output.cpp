// check_scale_output SVG JSON: checks what `grader scale` wrote, for the
// end-to-end test (run_scale.cmake). The chart must be well-formed SVG whose
// measured points, read back through its axes, are the points in the JSON;
// the fit must be a fraction. Timings themselves are not judged: they
// depend on the machine.
#include <cmath>
#include <cstdio>
#include <fstream>
#include <iterator>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "svg_chart_reader.hpp"

namespace {

std::string read_all(const char* path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 3) {
    std::fprintf(stderr, "usage: check_scale_output CHART.svg DATA.json\n");
    return 2;
  }
  std::vector<std::string> problems;
  auto expect = [&](bool ok, const std::string& what) {
    if (!ok) problems.push_back(what);
  };

  const auto chart = parlab::grader::scaling::test::read_chart(read_all(argv[1]));
  nlohmann::json data;
  try {
    data = nlohmann::json::parse(read_all(argv[2]));
  } catch (const std::exception& e) {
    std::fprintf(stderr, "%s is not JSON: %s\n", argv[2], e.what());
    return 1;
  }
  if (!chart.ok()) {
    std::fprintf(stderr, "%s: %s\n", argv[1], chart.problem.c_str());
    return 1;
  }

  const auto& points = data.at("points");
  const int cores = data.at("usable_cores").get<int>();
  expect(cores >= 1, "usable_cores below 1");
  expect(!points.empty(), "no points measured");
  expect(points.size() == chart.points.size(),
         "the chart has " + std::to_string(chart.points.size()) + " points, the data " + std::to_string(points.size()));
  int previous = 0;
  for (std::size_t i = 0; i < points.size() && i < chart.points.size(); ++i) {
    const int threads = points[i].at("threads").get<int>();
    const double speedup = points[i].at("speedup").get<double>();
    const std::string at = "point " + std::to_string(i) + ": ";
    expect(threads > previous, at + "thread counts must increase");
    previous = threads;
    expect(std::isfinite(speedup) && speedup > 0, at + "speedup is not a positive number");
    expect(points[i].at("in_fit").get<bool>() == (threads <= data.at("fit_limit").get<int>()), at + "in_fit is wrong");
    expect(std::abs(chart.points[i].threads - threads) < 0.01, at + "drawn at the wrong thread count");
    expect(std::abs(chart.points[i].speedup - speedup) < 0.01, at + "drawn at the wrong speedup");
    // Each thread's CPU time was sampled: the load balance of a run on
    // several threads is known (the reference solution splits evenly).
    const double balance = points[i].at("balance").get<double>();
    expect(balance >= 0 && balance <= 1.0 + 1e-9, at + "balance is not in [0, 1]");
    if (threads >= 2) expect(balance > 0.5, at + "balance of an even split is " + std::to_string(balance));
  }
  expect(!points.empty() && points[0].at("threads") == 1 && points[0].at("speedup") == 1.0,
         "the first point must be 1 thread at speedup 1");
  expect(std::find(chart.series.begin(), chart.series.end(), "ideal") != chart.series.end(), "no ideal series");
  expect(std::find(chart.series.begin(), chart.series.end(), "measured") != chart.series.end(), "no measured series");

  const auto& fit = data.at("fit");
  const bool has_curve = std::find(chart.series.begin(), chart.series.end(), "amdahl") != chart.series.end();
  if (fit.at("ok").get<bool>()) {
    const double p = fit.at("p").get<double>();
    expect(p >= 0 && p <= 1, "p outside [0, 1]");
    expect(fit.at("p_error").get<double>() >= 0, "negative error");
    expect(has_curve, "a fit but no Amdahl curve");
    expect(chart.title.find(data.at("exercise").get<std::string>() + ": p = ") == 0, "title lacks the exercise and p");
  } else {
    expect(!has_curve, "an Amdahl curve without a fit");
  }

  for (const auto& p : problems) std::fprintf(stderr, "check_scale_output: %s\n", p.c_str());
  if (!problems.empty()) return 1;
  std::printf("check_scale_output: %zu points, %s\n", points.size(), chart.title.c_str());
  return 0;
}
