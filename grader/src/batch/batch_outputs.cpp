#include "batch/batch_outputs.hpp"

#include <cstdio>
#include <fmt/format.h>

#include "batch/class_summary.hpp"
#include "batch/gradebook.hpp"
#include "core/files.hpp"

namespace parlab::grader::batch {

StudentState load_state(const BatchLayout& layout, const std::string& name) {
  if (const auto text = read_file(layout.state(name))) {
    if (auto state = state_from_json(*text); state && state->student == name) return *state;
  }
  StudentState pending;
  pending.student = name;
  pending.status = kPending;
  pending.message = "not graded yet: run the batch again (or see this student's Slurm log)";
  return pending;
}

bool write_class_files(const BatchLayout& layout, const BatchSettings& settings,
                       const std::vector<StudentState>& states, const std::map<std::string, LmsIdentity>& ids) {
  const std::string chart = layout.summary_chart().filename().string();
  std::vector<std::pair<std::filesystem::path, std::string>> files{
      {layout.gradebook(), gradebook_csv(settings, states, ids)},
      {layout.summary_markdown(), summary_markdown(settings, states, chart)},
      {layout.summary_chart(), summary_svg(distributions(settings, states))}};
  if (!ids.empty()) files.emplace_back(layout.canvas_gradebook(), canvas_csv(settings, states, ids));
  bool ok = true;
  for (const auto& [path, text] : files) {
    if (!write_file(path, text)) {
      std::fprintf(stderr, "batch: cannot write %s; check the --out folder's space and permissions\n", path.c_str());
      ok = false;
    }
  }
  return ok;
}

}  // namespace parlab::grader::batch
