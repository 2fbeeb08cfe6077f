#include "batch/batch_progress.hpp"

#include <sys/ioctl.h>

#include <algorithm>
#include <cmath>
#include <fmt/format.h>

namespace parlab::grader::batch {

std::optional<double> eta_seconds(double elapsed_s, int done, int total) {
  if (done <= 0 || elapsed_s <= 0) return std::nullopt;
  const int remaining = std::max(0, total - done);
  return elapsed_s / done * remaining;
}

std::string format_duration(double seconds) {
  const auto s = static_cast<long long>(std::llround(std::max(0.0, seconds)));
  if (s < 60) return fmt::format("{} s", s);
  if (s < 3600) return fmt::format("{} min {:02} s", s / 60, s % 60);
  return fmt::format("{} h {:02} min", s / 3600, (s % 3600) / 60);
}

std::string progress_bar(int done, int total, int width) {
  const int filled = total <= 0 ? width : std::clamp(done * width / total, 0, width);
  std::string bar(static_cast<std::size_t>(width) + 2, '-');
  bar.front() = '[';
  bar.back() = ']';
  std::fill_n(bar.begin() + 1, filled, '#');
  return bar;
}

BatchProgress::BatchProgress(std::FILE* out, bool interactive, int total)
    : out_(out), interactive_(interactive), total_(total), start_(std::chrono::steady_clock::now()) {}

std::string BatchProgress::status_line() const {
  const double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
  const auto eta = eta_seconds(elapsed, done_, total_);
  std::string line = fmt::format("{}/{} graded", done_, total_);
  if (!running_.empty()) {
    std::string names;
    for (std::size_t i = 0; i < running_.size() && i < 3; ++i) names += (i == 0 ? "" : ", ") + running_[i];
    if (running_.size() > 3) names += fmt::format(" +{}", running_.size() - 3);
    line += " | running: " + names;
  }
  line += " | ETA " + (eta ? format_duration(*eta) : std::string("after the first student"));
  return line;
}

void BatchProgress::clear_bar() {
  if (bar_shown_) std::fputs("\r\x1b[K", out_);
  bar_shown_ = false;
}

void BatchProgress::started(const std::string& student) {
  running_.push_back(student);
  if (interactive_) {
    tick();
  } else {
    std::fprintf(out_, "[%d/%d] %s: grading\n", done_ + 1, total_, student.c_str());
    std::fflush(out_);
  }
}

void BatchProgress::finished(const std::string& student, const std::string& summary) {
  running_.erase(std::remove(running_.begin(), running_.end(), student), running_.end());
  ++done_;
  clear_bar();
  std::fprintf(out_, "[%d/%d] %s: %s\n", done_, total_, student.c_str(), summary.c_str());
  if (interactive_) {
    tick();
  } else if (done_ < total_) {
    std::fprintf(out_, "        %s\n", status_line().c_str());
  }
  std::fflush(out_);
}

void BatchProgress::tick() {
  if (!interactive_) return;
  clear_bar();
  // One screen line at most: a wrapped line could not be redrawn with "\r".
  std::string line = progress_bar(done_, total_, 24) + " " + status_line();
  winsize size{};
  if (::ioctl(fileno(out_), TIOCGWINSZ, &size) == 0 && size.ws_col > 10 && line.size() >= size.ws_col) {
    std::size_t cut = size.ws_col - 1U;
    while (cut > 0 && (static_cast<unsigned char>(line[cut]) & 0xC0U) == 0x80U) --cut;  // not inside a UTF-8 character
    line.resize(cut);
  }
  std::fputs(line.c_str(), out_);
  bar_shown_ = true;
  std::fflush(out_);
}

void BatchProgress::close() {
  clear_bar();
  std::fflush(out_);
}

}  // namespace parlab::grader::batch
