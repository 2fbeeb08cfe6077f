#include "scaling/svg_chart.hpp"

#include <algorithm>
#include <cmath>
#include <fmt/format.h>

#include "scaling/reading.hpp"
#include "report/junit_report.hpp"  // xml_escape_attribute

namespace parlab::grader::scaling {

namespace {

constexpr double kWidth = 640;
constexpr double kHeight = 420;
constexpr double kLeft = 64;    // room for the y tick labels and axis label
constexpr double kRight = 24;
constexpr double kTop = 64;     // title and subtitle
constexpr double kBottom = 56;  // x tick labels and axis label

constexpr const char* kIdealColour = "#888888";
constexpr const char* kAmdahlColour = "#d62728";
constexpr const char* kMeasuredColour = "#1f77b4";


// The q-quantile, interpolating between neighbours (values not empty).
double quantile(std::vector<double> values, double q) {
  std::sort(values.begin(), values.end());
  const double pos = q * static_cast<double>(values.size() - 1);
  const auto lo = static_cast<std::size_t>(std::floor(pos));
  const auto hi = static_cast<std::size_t>(std::ceil(pos));
  return values[lo] + (values[hi] - values[lo]) * (pos - static_cast<double>(lo));
}

// A "nice" tick step (1, 2 or 5 × 10^k) giving at most about `ticks` intervals.
double nice_step(double range, int ticks) {
  const double raw = range / ticks;
  const double magnitude = std::pow(10, std::floor(std::log10(raw)));
  for (const double m : {1.0, 2.0, 5.0}) {
    if (m * magnitude >= raw) return m * magnitude;
  }
  return 10 * magnitude;
}

// Maps data to the plot area: x from 0 to x_max threads, y from 0 to y_max.
struct Scale {
  double x_max = 1;
  double y_max = 1;
  [[nodiscard]] double x(double threads) const { return kLeft + threads / x_max * (kWidth - kLeft - kRight); }
  [[nodiscard]] double y(double speedup) const { return kHeight - kBottom - speedup / y_max * (kHeight - kTop - kBottom); }
};

std::string polyline(const char* series, const char* colour, const char* dash, const std::vector<std::pair<double, double>>& xy) {
  std::string points;
  for (const auto& [x, y] : xy) points += fmt::format("{}{:.2f},{:.2f}", points.empty() ? "" : " ", x, y);
  return fmt::format(
      "  <polyline class=\"series {0}\" data-series=\"{0}\" points=\"{1}\" fill=\"none\" stroke=\"{2}\" "
      "stroke-width=\"2\"{3}/>\n",
      series, points, colour, dash[0] != '\0' ? fmt::format(" stroke-dasharray=\"{}\"", dash) : "");
}

// Samples of a curve over [1, x_max]: dense, plus the bend at the cores; or
// at whole thread counts only when the work comes in tasks, whose waves make
// steps that only whole counts can take.
std::vector<std::pair<double, double>> curve(const Scale& s, double x_max, double (*f)(const ScaleResult&, double),
                                             const ScaleResult& r) {
  std::vector<double> xs;
  if (r.tasks > 0) {
    for (int k = 1; k <= static_cast<int>(x_max); ++k) xs.push_back(k);
  } else {
    for (int i = 0; i <= 120; ++i) xs.push_back(1 + (x_max - 1) * i / 120.0);
  }
  if (r.kind == "cpu" && r.usable_cores < x_max) xs.push_back(r.usable_cores);
  std::sort(xs.begin(), xs.end());
  std::vector<std::pair<double, double>> xy;
  for (const double t : xs) xy.emplace_back(s.x(t), s.y(f(r, t)));
  return xy;
}

std::string legend(const ScaleResult& r) {
  struct Item {
    const char* series;
    std::string swatch;
    std::string text;
  };
  std::vector<Item> items = {
      {"measured", fmt::format("<circle cx=\"10\" cy=\"0\" r=\"4\" fill=\"{}\"/>", kMeasuredColour),
       fmt::format("measured (median of {} rounds)", r.rounds)},
      {"ideal", fmt::format("<line x1=\"0\" y1=\"0\" x2=\"20\" y2=\"0\" stroke=\"{}\" stroke-width=\"2\" stroke-dasharray=\"6 4\"/>", kIdealColour),
       fmt::format("ideal: {}{}", r.kind == "latency" ? "all workers wait at once" : "one thread per core",
                   r.tasks > 0 ? fmt::format(", {} tasks in whole waves", r.tasks) : "")},
  };
  if (std::any_of(r.points.begin(), r.points.end(), [](const ScalePoint& pt) { return !pt.in_fit; })) {
    items.push_back({"oversubscribed",
                     fmt::format("<circle cx=\"10\" cy=\"0\" r=\"4\" fill=\"white\" stroke=\"{}\" stroke-width=\"2\"/>", kMeasuredColour),
                     "more threads than cores: not fitted"});
  }
  if (r.fit.ok) {
    items.push_back({"amdahl", fmt::format("<line x1=\"0\" y1=\"0\" x2=\"20\" y2=\"0\" stroke=\"{}\" stroke-width=\"2\"/>", kAmdahlColour),
                     fmt::format("Amdahl fit, p = {}", format_p(r.fit))});
  }
  std::string out = "  <g class=\"legend\" font-size=\"12\">\n";
  for (std::size_t i = 0; i < items.size(); ++i) {
    out += fmt::format(
        "    <g class=\"legend-item\" data-series=\"{}\" transform=\"translate({:.0f},{:.0f})\">{}<text x=\"28\" "
        "y=\"4\">{}</text></g>\n",
        items[i].series, kLeft + 12, kTop + 14 + 18 * static_cast<double>(i), items[i].swatch, report::xml_escape_attribute(items[i].text));
  }
  return out + "  </g>\n";
}

}  // namespace

std::string svg_chart(const ScaleResult& r) {
  Scale s;
  double top = 1;
  for (const ScalePoint& pt : r.points) {
    s.x_max = std::max(s.x_max, static_cast<double>(pt.threads));
    top = std::max(top, pt.speedup + pt.speedup_error);
    for (const double ratio : pt.ratios) top = std::max(top, ratio);
  }
  const double most_threads = s.x_max;
  top = std::max(top, ideal_speedup(r, most_threads));
  s.x_max += std::max(0.5, 0.04 * most_threads);  // the last marker clear of the edge
  const double y_step = nice_step(top, 6);
  s.y_max = std::ceil(top * 1.4 / y_step) * y_step;  // the top third holds the legend
  const double x_step = std::max(1.0, nice_step(most_threads, 10));

  const std::string p_attr = r.fit.ok ? fmt::format("{:.4f}", r.fit.p) : "";
  const std::string title = r.fit.ok ? fmt::format("{}: p = {}", r.exercise, format_p(r.fit))
                                     : fmt::format("{}: no Amdahl fit", r.exercise);
  std::string out = fmt::format(
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"parlab-scaling\" width=\"{0:.0f}\" height=\"{1:.0f}\" "
      "viewBox=\"0 0 {0:.0f} {1:.0f}\" font-family=\"sans-serif\" data-exercise=\"{2}\" data-kind=\"{3}\" "
      "data-usable-cores=\"{4}\" data-p=\"{5}\" data-p-error=\"{6}\">\n",
      kWidth, kHeight, report::xml_escape_attribute(r.exercise), report::xml_escape_attribute(r.kind), r.usable_cores, p_attr,
      r.fit.ok ? fmt::format("{:.4f}", r.fit.error) : "");
  out += fmt::format("  <title>Scaling of {}</title>\n", report::xml_escape_attribute(r.exercise));
  out += fmt::format("  <desc>{}</desc>\n", report::xml_escape_attribute(reading(r)));
  out += fmt::format("  <rect width=\"{:.0f}\" height=\"{:.0f}\" fill=\"white\"/>\n", kWidth, kHeight);
  out += fmt::format("  <text class=\"title\" x=\"{:.0f}\" y=\"24\" font-size=\"16\" font-weight=\"bold\">{}</text>\n", kLeft,
                     report::xml_escape_attribute(title));
  out += fmt::format("  <text class=\"subtitle\" x=\"{:.0f}\" y=\"44\" font-size=\"12\">{}</text>\n", kLeft,
                     report::xml_escape_attribute(bound_phrase(r)));
  if (!machine_note(r).empty()) {
    // The lower right corner of the plot, where the curves rarely are.
    out += fmt::format(
        "  <text class=\"warning\" x=\"{0:.0f}\" y=\"{1:.0f}\" font-size=\"11\" fill=\"#b35900\" text-anchor=\"end\">"
        "<tspan x=\"{0:.0f}\">busy machine: one thread got {2:.0f}% of a core,</tspan>"
        "<tspan x=\"{0:.0f}\" dy=\"14\">so the curve may understate your code</tspan></text>\n",
        kWidth - kRight - 8, kHeight - kBottom - 36, r.points.front().cores_used * 100);
  }

  // Axes, ticks and labels.
  const double x0 = s.x(0);
  const double y0 = s.y(0);
  out += "  <g class=\"axes\" stroke=\"black\" font-size=\"11\">\n";
  out += fmt::format("    <line class=\"x-axis\" x1=\"{:.2f}\" y1=\"{:.2f}\" x2=\"{:.2f}\" y2=\"{:.2f}\"/>\n", x0, y0, s.x(s.x_max), y0);
  out += fmt::format("    <line class=\"y-axis\" x1=\"{:.2f}\" y1=\"{:.2f}\" x2=\"{:.2f}\" y2=\"{:.2f}\"/>\n", x0, y0, x0, s.y(s.y_max));
  for (double v = x_step; v <= most_threads + 1e-9; v += x_step) {
    out += fmt::format(
        "    <g class=\"tick x-tick\" data-value=\"{0:g}\"><line x1=\"{1:.2f}\" y1=\"{2:.2f}\" x2=\"{1:.2f}\" y2=\"{3:.2f}\"/>"
        "<text x=\"{1:.2f}\" y=\"{4:.2f}\" text-anchor=\"middle\" stroke=\"none\">{0:g}</text></g>\n",
        v, s.x(v), y0, y0 + 5, y0 + 18);
  }
  for (double v = 0; v <= s.y_max + 1e-9; v += y_step) {
    out += fmt::format(
        "    <g class=\"tick y-tick\" data-value=\"{0:g}\"><line x1=\"{1:.2f}\" y1=\"{2:.2f}\" x2=\"{3:.2f}\" y2=\"{2:.2f}\"/>"
        "<text x=\"{4:.2f}\" y=\"{5:.2f}\" text-anchor=\"end\" stroke=\"none\">{0:g}×</text></g>\n",
        v, x0, s.y(v), x0 - 5, x0 - 8, s.y(v) + 4);
  }
  out += "  </g>\n";
  out += fmt::format("  <text class=\"x-label\" x=\"{:.2f}\" y=\"{:.2f}\" font-size=\"12\" text-anchor=\"middle\">{}</text>\n",
                     (s.x(0) + s.x(s.x_max)) / 2, kHeight - 14, r.kind == "latency" ? "worker threads" : "threads");
  out += fmt::format(
      "  <text class=\"y-label\" x=\"16\" y=\"{0:.2f}\" font-size=\"12\" text-anchor=\"middle\" "
      "transform=\"rotate(-90 16 {0:.2f})\">speedup over one thread</text>\n",
      (s.y(0) + s.y(s.y_max)) / 2);

  // Where the cores run out: beyond it threads share cores.
  if (r.kind == "cpu" && r.usable_cores < most_threads) {
    out += fmt::format(
        "  <g class=\"cores-marker\" data-value=\"{0}\"><line x1=\"{1:.2f}\" y1=\"{2:.2f}\" x2=\"{1:.2f}\" y2=\"{3:.2f}\" "
        "stroke=\"#bbbbbb\" stroke-dasharray=\"2 3\"/><text x=\"{4:.2f}\" y=\"{5:.2f}\" font-size=\"11\" "
        "fill=\"#666666\">{0} {6}</text></g>\n",
        r.usable_cores, s.x(r.usable_cores), y0, s.y(s.y_max), s.x(r.usable_cores) + 4, y0 - 6,
        r.usable_cores == 1 ? "core" : "cores");
  }

  out += polyline("ideal", kIdealColour, "6 4", curve(s, most_threads, ideal_speedup, r));
  if (r.fit.ok) out += polyline("amdahl", kAmdahlColour, "", curve(s, most_threads, fitted_speedup, r));

  out += fmt::format("  <g class=\"series measured\" data-series=\"measured\" fill=\"{0}\" stroke=\"{0}\">\n", kMeasuredColour);
  for (const ScalePoint& pt : r.points) {
    // The whisker spans the middle half of the rounds' ratios.
    if (pt.ratios.size() >= 2) {
      out += fmt::format(
          "    <line class=\"error-bar\" data-threads=\"{0}\" x1=\"{1:.2f}\" y1=\"{2:.2f}\" x2=\"{1:.2f}\" "
          "y2=\"{3:.2f}\" stroke-width=\"1.5\"/>\n",
          pt.threads, s.x(pt.threads), s.y(quantile(pt.ratios, 0.25)), s.y(quantile(pt.ratios, 0.75)));
    }
    out += fmt::format(
        "    <circle class=\"point{}\" data-threads=\"{}\" data-speedup=\"{:.4f}\" cx=\"{:.2f}\" cy=\"{:.2f}\" r=\"4.5\"{}/>\n",
        pt.in_fit ? "" : " oversubscribed", pt.threads, pt.speedup, s.x(pt.threads), s.y(pt.speedup),
        pt.in_fit ? "" : " fill=\"white\" stroke-width=\"2\"");
  }
  out += "  </g>\n";
  out += legend(r);
  out += "</svg>\n";
  return out;
}

}  // namespace parlab::grader::scaling
