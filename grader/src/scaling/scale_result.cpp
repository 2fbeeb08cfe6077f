#include "scaling/scale_result.hpp"

#include <algorithm>
#include <cmath>
#include <nlohmann/json.hpp>

namespace parlab::grader::scaling {

double parallelism(const ScaleResult& r, double threads) {
  double n = r.kind == "latency" ? threads : std::min(threads, static_cast<double>(r.usable_cores));
  if (r.tasks > 0 && n > 0) n = r.tasks / std::ceil(r.tasks / n);
  return n;
}

AmdahlFit fit_points(const ScaleResult& r) {
  std::vector<FitPoint> in;
  for (const ScalePoint& pt : r.points) {
    if (pt.in_fit) in.push_back({parallelism(r, pt.threads), pt.speedup, pt.speedup_error});
  }
  return fit_amdahl(in);
}

double ideal_speedup(const ScaleResult& r, double threads) { return parallelism(r, threads); }

double fitted_speedup(const ScaleResult& r, double threads) { return amdahl_speedup(r.fit.p, parallelism(r, threads)); }

std::string to_json(const ScaleResult& r) {
  nlohmann::ordered_json j;
  j["exercise"] = r.exercise;
  j["title"] = r.title;
  j["kind"] = r.kind;
  j["usable_cores"] = r.usable_cores;
  j["fit_limit"] = r.fit_limit;
  j["size"] = r.size;
  j["tasks"] = r.tasks;
  j["rounds"] = r.rounds;
  j["points"] = nlohmann::ordered_json::array();
  for (const ScalePoint& pt : r.points) {
    j["points"].push_back({{"threads", pt.threads},
                           {"speedup", pt.speedup},
                           {"speedup_error", pt.speedup_error},
                           {"median_ms", pt.median_ms},
                           {"cores_used", pt.cores_used},
                           {"ratios", pt.ratios},
                           {"in_fit", pt.in_fit},
                           {"balance", pt.balance},
                           {"busiest_share", pt.busiest_share},
                           {"diagnosis", pt.diagnosis}});
  }
  nlohmann::ordered_json fit;
  fit["ok"] = r.fit.ok;
  fit["p"] = r.fit.p;
  fit["p_error"] = r.fit.error;
  fit["raw_p"] = r.fit.raw_p;
  fit["points_used"] = r.fit.points_used;
  fit["clamped"] = r.fit.clamped;
  fit["large_error"] = r.fit.large_error;
  fit["worst_deviation"] = r.fit.worst_deviation;
  // JSON has no infinity: null means no bound.
  fit["limit"] = std::isfinite(r.fit.limit()) ? nlohmann::ordered_json(r.fit.limit()) : nlohmann::ordered_json();
  fit["note"] = r.fit.note;
  j["fit"] = fit;
  return j.dump(2) + "\n";
}

}  // namespace parlab::grader::scaling
