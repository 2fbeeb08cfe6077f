// Reads a scaling chart (grader/src/scaling/svg_chart.hpp) back with a real
// XML parser: the series, the measured points in data units (through the
// axis scale that the ticks define), the legend and the title. Shared by the
// unit tests and the end-to-end check of `grader scale`.
#pragma once

#include <tinyxml2.h>

#include <cmath>
#include <cstring>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace parlab::grader::scaling::test {

struct ChartPoint {
  double threads = 0;        // from the circle's position through the x axis
  double speedup = 0;        // from the circle's position through the y axis
  double labelled_threads = 0;  // its data-threads attribute
  bool oversubscribed = false;
};

struct Chart {
  std::string problem;  // empty when the chart was read
  std::string title;
  std::string exercise;
  std::vector<std::string> series;  // data-series of every polyline / group, in order
  std::vector<std::string> legend;  // legend texts, in order
  std::vector<ChartPoint> points;
  std::vector<std::pair<double, double>> amdahl;  // the fit's polyline, in data units
  std::vector<std::pair<double, double>> ideal;
  bool ok() const { return problem.empty(); }
};

namespace detail {

inline bool has_class(const tinyxml2::XMLElement* e, const char* name) {
  const char* c = e->Attribute("class");
  if (c == nullptr) return false;
  const std::string classes = std::string(" ") + c + " ";
  return classes.find(std::string(" ") + name + " ") != std::string::npos;
}

inline void each_element(const tinyxml2::XMLElement* e, const std::function<void(const tinyxml2::XMLElement*)>& f) {
  for (const auto* child = e->FirstChildElement(); child != nullptr; child = child->NextSiblingElement()) {
    f(child);
    each_element(child, f);
  }
}

// A linear axis from two ticks: pixel = a + b * value.
struct Axis {
  double a = 0;
  double b = 0;
  [[nodiscard]] double value(double pixel) const { return (pixel - a) / b; }
};

inline std::optional<Axis> axis_from_ticks(const std::vector<std::pair<double, double>>& ticks) {
  if (ticks.size() < 2 || ticks.front().first == ticks.back().first) return std::nullopt;
  const auto& [v0, p0] = ticks.front();
  const auto& [v1, p1] = ticks.back();
  Axis axis;
  axis.b = (p1 - p0) / (v1 - v0);
  axis.a = p0 - axis.b * v0;
  return axis;
}

}  // namespace detail

inline Chart read_chart(const std::string& svg) {
  using namespace detail;
  Chart chart;
  tinyxml2::XMLDocument doc;
  if (doc.Parse(svg.c_str(), svg.size()) != tinyxml2::XML_SUCCESS) {
    chart.problem = std::string("not well-formed XML: ") + doc.ErrorStr();
    return chart;
  }
  const tinyxml2::XMLElement* root = doc.RootElement();
  if (root == nullptr || std::strcmp(root->Name(), "svg") != 0 ||
      root->Attribute("xmlns", "http://www.w3.org/2000/svg") == nullptr) {
    chart.problem = "the root element is not <svg xmlns=\"http://www.w3.org/2000/svg\">";
    return chart;
  }
  if (const char* id = root->Attribute("data-exercise")) chart.exercise = id;

  std::vector<std::pair<double, double>> x_ticks;  // value, pixel
  std::vector<std::pair<double, double>> y_ticks;
  each_element(root, [&](const tinyxml2::XMLElement* e) {
    if (has_class(e, "tick")) {
      const auto* line = e->FirstChildElement("line");
      if (line == nullptr) return;
      const double value = e->DoubleAttribute("data-value");
      if (has_class(e, "x-tick")) x_ticks.emplace_back(value, line->DoubleAttribute("x1"));
      if (has_class(e, "y-tick")) y_ticks.emplace_back(value, line->DoubleAttribute("y1"));
    }
  });
  const auto x_axis = axis_from_ticks(x_ticks);
  const auto y_axis = axis_from_ticks(y_ticks);
  if (!x_axis || !y_axis) {
    chart.problem = "fewer than two ticks on an axis: the scale cannot be read";
    return chart;
  }

  auto polyline_points = [&](const tinyxml2::XMLElement* e) {
    std::vector<std::pair<double, double>> out;
    std::string text = e->Attribute("points") != nullptr ? e->Attribute("points") : "";
    for (char& c : text) c = c == ',' ? ' ' : c;
    const char* s = text.c_str();
    char* end = nullptr;
    while (true) {
      const double px = std::strtod(s, &end);
      if (end == s) break;
      s = end;
      const double py = std::strtod(s, &end);
      if (end == s) break;
      s = end;
      out.emplace_back(x_axis->value(px), y_axis->value(py));
    }
    return out;
  };

  each_element(root, [&](const tinyxml2::XMLElement* e) {
    if (has_class(e, "title") && e->GetText() != nullptr) chart.title = e->GetText();
    if (has_class(e, "legend-item")) {
      const auto* text = e->FirstChildElement("text");
      chart.legend.push_back(text != nullptr && text->GetText() != nullptr ? text->GetText() : "");
    }
    if (has_class(e, "series") && e->Attribute("data-series") != nullptr) {
      const std::string name = e->Attribute("data-series");
      chart.series.push_back(name);
      if (name == "amdahl") chart.amdahl = polyline_points(e);
      if (name == "ideal") chart.ideal = polyline_points(e);
      if (name == "measured") {
        for (const auto* c = e->FirstChildElement("circle"); c != nullptr; c = c->NextSiblingElement("circle")) {
          if (!has_class(c, "point")) continue;
          chart.points.push_back({x_axis->value(c->DoubleAttribute("cx")), y_axis->value(c->DoubleAttribute("cy")),
                                  c->DoubleAttribute("data-threads"), has_class(c, "oversubscribed")});
        }
      }
    }
  });
  return chart;
}

}  // namespace parlab::grader::scaling::test
