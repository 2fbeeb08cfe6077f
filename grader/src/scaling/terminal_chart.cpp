#include "scaling/terminal_chart.hpp"

#include <algorithm>
#include <cmath>
#include <fmt/format.h>

#include "scaling/reading.hpp"

namespace parlab::grader::scaling {

namespace {

// Eighths of a block, so a bar's end is drawn 8 times finer than a column.
constexpr const char* kEighths[] = {" ", "▏", "▎", "▍", "▌", "▋", "▊", "▉"};

// Column of a value on a bar kTerminalBarWidth columns wide for `top`.
int column(double value, double top) {
  return std::clamp(static_cast<int>(std::lround(value / top * kTerminalBarWidth)), 0, kTerminalBarWidth - 1);
}

}  // namespace

std::string terminal_chart(const ScaleResult& r) {
  double top = 1;
  for (const ScalePoint& pt : r.points) {
    top = std::max({top, pt.speedup, ideal_speedup(r, pt.threads)});
  }
  top *= 1.05;  // the largest marker stays inside the bar area

  std::string out = fmt::format("  {:>7}  speedup over one thread: █ measured  | ideal{}\n",
                                r.kind == "latency" ? "workers" : "threads",
                                r.fit.ok ? fmt::format("  + Amdahl p = {:.2f}", r.fit.p) : "");
  for (const ScalePoint& pt : r.points) {
    // Each cell is one column: a bar piece, a marker or a space.
    std::vector<std::string> cells(kTerminalBarWidth, " ");
    const double eighths = std::clamp(pt.speedup / top * kTerminalBarWidth * 8, 0.0, kTerminalBarWidth * 8.0);
    const int whole = static_cast<int>(eighths) / 8;
    for (int c = 0; c < whole; ++c) cells[static_cast<std::size_t>(c)] = "█";
    if (const int rest = static_cast<int>(eighths) % 8; whole < kTerminalBarWidth && rest > 0) {
      cells[static_cast<std::size_t>(whole)] = kEighths[rest];
    }
    // std::string markers, not literals: assigning a literal here trips a
    // false -Wrestrict in GCC 12.
    static const std::string kFitMarker = "+";
    static const std::string kIdealMarker = "|";
    if (r.fit.ok) cells[static_cast<std::size_t>(column(fitted_speedup(r, pt.threads), top))] = kFitMarker;
    cells[static_cast<std::size_t>(column(ideal_speedup(r, pt.threads), top))] = kIdealMarker;
    std::string bar;
    for (const auto& cell : cells) bar += cell;
    out += fmt::format("  {:>7}  {} {:>6.2f}×{}\n", pt.threads, bar, pt.speedup,
                       pt.in_fit ? "" : "  oversubscribed");
  }
  out += reading(r) + "\n";
  if (!r.fit.note.empty() && r.fit.ok) out += "note: " + r.fit.note + "\n";
  if (const std::string busy = machine_note(r); !busy.empty()) out += "note: " + busy + "\n";
  if (const std::string h = hint(r); !h.empty()) out += "hint: " + h + "\n";
  return out;
}

}  // namespace parlab::grader::scaling
