#include "scaling/scale_markdown.hpp"

#include <fmt/format.h>

#include "report/markdown_text.hpp"
#include "scaling/reading.hpp"

namespace parlab::grader::scaling {

std::string scale_markdown(const ScaleResult& r, const std::string& image) {
  const bool latency = r.kind == "latency";
  std::string out = fmt::format("### Scaling of {}\n\n", report::markdown_code(r.exercise));
  // <...> keeps a path with spaces or parentheses one link target.
  const bool plain = image.find_first_of(" ()<>") == std::string::npos;
  out += fmt::format("![scaling curve: measured, ideal and Amdahl fit]({})\n\n", plain ? image : "<" + image + ">");
  out += fmt::format("**{}**\n\n", report::markdown_escape(reading(r)));
  if (r.fit.ok && !r.fit.note.empty()) out += fmt::format("Note: {}.\n\n", report::markdown_escape(r.fit.note));
  if (const std::string busy = machine_note(r); !busy.empty()) {
    out += fmt::format("Note: {}.\n\n", report::markdown_escape(busy));
  }
  if (const std::string h = hint(r); !h.empty()) out += fmt::format("Hint: {}.\n\n", report::markdown_escape(h));
  out += fmt::format("| {} | speedup | ideal | Amdahl fit | median time |\n", latency ? "workers" : "threads");
  out += "|--:|--:|--:|--:|--:|\n";
  for (const ScalePoint& pt : r.points) {
    out += fmt::format("| {}{} | {:.2f}× | {:.2f}× | {} | {:.1f} ms |\n", pt.threads, pt.in_fit ? "" : " (oversubscribed)",
                       pt.speedup, ideal_speedup(r, pt.threads),
                       r.fit.ok ? fmt::format("{:.2f}×", fitted_speedup(r, pt.threads)) : "–", pt.median_ms);
  }
  out += fmt::format(
      "\n<sub>Speedup: the median over {} rounds of the time on one thread / the time on k {}, input size {}, "
      "on {} usable {}. Amdahl's law is fitted to the counts up to {}.</sub>\n",
      r.rounds, latency ? "workers" : "threads", r.size, r.usable_cores, r.usable_cores == 1 ? "core" : "cores",
      r.fit_limit);
  return out;
}

}  // namespace parlab::grader::scaling
