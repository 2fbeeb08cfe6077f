// Progress while grading runs (a build under TSan takes a while, so silence
// would look like a hang). On a terminal one status line per exercise is
// redrawn in place:
//   [3/6] 03_race_counter  build ✓  tests ✓  race …
// in a CI log, where "\r" does not redraw, one plain line per finished step.
#pragma once

#include <cstddef>
#include <cstdio>
#include <map>
#include <mutex>
#include <string>
#include <vector>

#include "core/result.hpp"

namespace parlab::grader::report {

class TerminalProgress {
 public:
  // `interactive`: `out` is a terminal (isatty); `color`: ANSI colours and
  // Unicode symbols. Every method may be called from several threads;
  // exercise ids must be unique among the exercises in progress at once.
  TerminalProgress(std::FILE* out, bool color, bool interactive);

  void exercise_started(const std::string& id, std::size_t index, std::size_t total);
  void step_started(const std::string& id, CheckId step);
  void step_finished(const std::string& id, const Check& check);
  void exercise_finished(const ExerciseResult& result);

 private:
  struct Step {
    CheckId id = CheckId::build;
    bool finished = false;
    Status status = Status::skipped;
  };
  struct Exercise {
    std::size_t index = 0;
    std::size_t total = 0;
    std::vector<Step> steps;
  };

  Exercise& exercise(const std::string& id);  // created on first use
  [[nodiscard]] std::string counter(const std::string& id) const;
  [[nodiscard]] std::string status_line(const std::string& id) const;
  void draw_live(const std::string& id);
  void clear_live();
  void write(const std::string& text);

  std::FILE* out_;
  bool color_;
  bool interactive_;
  std::size_t width_;
  std::mutex mutex_;
  std::map<std::string, Exercise> running_;
  std::string live_id_;  // the exercise whose line is on screen, unfinished
};

}  // namespace parlab::grader::report
