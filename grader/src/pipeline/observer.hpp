// Called as grading goes; the terminal progress display implements it.
#pragma once

#include <cstddef>
#include <string>

#include "core/result.hpp"

namespace parlab::grader {

// With several lanes (GradeOptions::lanes) it is called from several
// threads at once: an implementation must lock.
class Observer {
 public:
  virtual ~Observer() = default;
  // index is 1-based: "[3/6]".
  virtual void exercise_started(const std::string& id, std::size_t index, std::size_t total) = 0;
  virtual void step_started(const std::string& id, CheckId step) = 0;
  virtual void step_finished(const std::string& id, const Check& check) = 0;
  virtual void exercise_finished(const ExerciseResult& result) = 0;
};

}  // namespace parlab::grader
