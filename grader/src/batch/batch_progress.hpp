// Progress of a batch on standard error. On a terminal, one bar redrawn in
// place under the finished students' lines:
//   [#########---------------] 9/25 graded | running: alice, bob | ETA 12 min 30 s
// in a log (not a terminal), plain lines only: one per student started and
// one per student finished, with the same counts and ETA.
#pragma once

#include <chrono>
#include <cstdio>
#include <optional>
#include <string>
#include <vector>

namespace parlab::grader::batch {

// Remaining time from the pace so far: elapsed / done × (total − done).
// nullopt before the first student is done (no pace to go by).
std::optional<double> eta_seconds(double elapsed_s, int done, int total);

// "45 s", "3 min 05 s", "2 h 07 min".
std::string format_duration(double seconds);

// "[#####-----]" with `width` cells between the brackets.
std::string progress_bar(int done, int total, int width);

class BatchProgress {
 public:
  // `total`: the students this run grades (skipped ones are not counted).
  BatchProgress(std::FILE* out, bool interactive, int total);
  void started(const std::string& student);
  // `summary`: "graded 35/60", "error: timed out after 3600 s", ...
  void finished(const std::string& student, const std::string& summary);
  void tick();  // redraws the bar (terminal only)
  void close();  // clears the bar

 private:
  [[nodiscard]] std::string status_line() const;
  void clear_bar();

  std::FILE* out_;
  bool interactive_;
  int total_;
  int done_ = 0;
  std::vector<std::string> running_;
  std::chrono::steady_clock::time_point start_;
  bool bar_shown_ = false;
};

}  // namespace parlab::grader::batch
