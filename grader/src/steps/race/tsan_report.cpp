#include "steps/race/tsan_report.hpp"

#include <cstddef>

#include "steps/race/tsan_markers.hpp"

namespace parlab::grader::race {

bool TsanReport::is_crash() const {
  const std::size_t error = raw.find(markers::kError);
  const std::size_t warning = raw.find(markers::kWarning);
  return error != std::string::npos && (warning == std::string::npos || error < warning);
}

std::optional<Frame> first_student_frame(const TsanReport& r,
                                         const std::function<bool(std::string_view)>& is_student_file) {
  std::vector<const std::vector<Frame>*> stacks;  // accesses first: a thread's creation is only a fallback
  for (const Access& a : r.accesses) stacks.push_back(&a.stack);
  const std::size_t access_stacks = stacks.size();
  for (const ThreadInfo& t : r.threads) stacks.push_back(&t.created_at);

  // Within each group a frame with a line beats an earlier one without (TSan
  // sometimes prints a student's function with its file but no line).
  const auto search = [&](std::size_t from, std::size_t to) -> std::optional<Frame> {
    for (const bool need_line : {true, false}) {
      for (std::size_t i = from; i < to; ++i) {
        for (const Frame& f : *stacks[i]) {
          if (!f.file.empty() && (f.line > 0 || !need_line) && is_student_file(f.file)) return f;
        }
      }
    }
    return std::nullopt;
  };
  if (auto f = search(0, access_stacks)) return f;
  return search(access_stacks, stacks.size());
}

}  // namespace parlab::grader::race
