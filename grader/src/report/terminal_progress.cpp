#include "report/terminal_progress.hpp"

#include <sys/ioctl.h>
#include <unistd.h>

#include <fmt/format.h>

#include "report/text.hpp"

namespace parlab::grader::report {

namespace {

constexpr const char* kClearLine = "\r\x1b[2K";
constexpr std::size_t kDefaultWidth = 80;

std::size_t terminal_width(std::FILE* out) {
  winsize ws{};
  if (ioctl(fileno(out), TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0) return ws.ws_col;
  return kDefaultWidth;
}

// The start of `line` that fits in `columns`: a line longer than the
// terminal wraps, and "\r" would then redraw only its last row.
std::string clip(const std::string& line, std::size_t columns) {
  std::string out;
  std::size_t used = 0;
  for (std::size_t i = 0; i < line.size();) {
    if (line[i] == '\x1b') {  // copy a colour sequence whole; it takes no column
      const std::size_t end = line.find('m', i);
      const std::size_t stop = end == std::string::npos ? line.size() : end + 1;
      out.append(line, i, stop - i);
      i = stop;
      continue;
    }
    std::size_t len = 1;
    while (i + len < line.size() && (static_cast<unsigned char>(line[i + len]) & 0xC0U) == 0x80U) ++len;
    if (used + 1 > columns) {
      out += "\x1b[0m";
      break;
    }
    out.append(line, i, len);
    ++used;
    i += len;
  }
  return out;
}

}  // namespace

TerminalProgress::TerminalProgress(std::FILE* out, bool color, bool interactive)
    : out_(out), color_(color), interactive_(interactive), width_(interactive ? terminal_width(out) : kDefaultWidth) {}

TerminalProgress::Exercise& TerminalProgress::exercise(const std::string& id) { return running_[id]; }

std::string TerminalProgress::counter(const std::string& id) const {
  const auto it = running_.find(id);
  if (it == running_.end() || it->second.total == 0) return id;
  return fmt::format("[{}/{}] {}", it->second.index, it->second.total, id);
}

std::string TerminalProgress::status_line(const std::string& id) const {
  std::string line = counter(id);
  const auto it = running_.find(id);
  if (it == running_.end()) return line;
  for (const Step& step : it->second.steps) {
    const std::string symbol = step.finished ? colorize(status_symbol(step.status, color_), step.status, color_)
                                             : std::string(color_ ? "…" : "...");
    line += fmt::format("  {} {}", to_string(step.id), symbol);
  }
  return line;
}

void TerminalProgress::write(const std::string& text) {
  std::fwrite(text.data(), 1, text.size(), out_);
  std::fflush(out_);
}

void TerminalProgress::draw_live(const std::string& id) {
  // Keep one column free: writing the last column makes some terminals wrap.
  write(kClearLine + clip(status_line(id), width_ > 1 ? width_ - 1 : width_));
  live_id_ = id;
}

void TerminalProgress::clear_live() {
  if (live_id_.empty()) return;
  write(kClearLine);
  live_id_.clear();
}

void TerminalProgress::exercise_started(const std::string& id, std::size_t index, std::size_t total) {
  const std::lock_guard lock(mutex_);
  Exercise& e = exercise(id);
  e.index = index;
  e.total = total;
  e.steps.clear();
  if (interactive_) {
    draw_live(id);
  } else {
    write(counter(id) + "\n");
  }
}

void TerminalProgress::step_started(const std::string& id, CheckId step) {
  const std::lock_guard lock(mutex_);
  Exercise& e = exercise(id);
  bool known = false;
  for (Step& s : e.steps) {
    if (s.id == step) {
      s.finished = false;
      known = true;
    }
  }
  if (!known) e.steps.push_back(Step{step, false, Status::skipped});
  if (interactive_) draw_live(id);
}

void TerminalProgress::step_finished(const std::string& id, const Check& check) {
  const std::lock_guard lock(mutex_);
  Exercise& e = exercise(id);
  bool known = false;
  for (Step& s : e.steps) {
    if (s.id == check.id) {
      s.finished = true;
      s.status = check.status;
      known = true;
    }
  }
  if (!known) e.steps.push_back(Step{check.id, true, check.status});
  if (interactive_) {
    draw_live(id);
    return;
  }
  std::string line = fmt::format("{}  {} {}", counter(id), to_string(check.id),
                                 colorize(status_symbol(check.status, color_), check.status, color_));
  const std::string message = clean_text(check.message);
  // Only the first line: a CI log line per step, details come in the report.
  if (!message.empty()) line += fmt::format("  {}", split_lines(message).front());
  line += fmt::format(" ({:.1f} s)\n", check.seconds);
  write(line);
}

void TerminalProgress::exercise_finished(const ExerciseResult& result) {
  const std::lock_guard lock(mutex_);
  Exercise& e = exercise(result.id);
  // The result is authoritative: it also has the checks that never started.
  e.steps.clear();
  for (const Check& c : result.checks) e.steps.push_back(Step{c.id, true, c.status});
  const std::string points = format_score(result.score, result.max_score) + " points";
  if (interactive_) {
    clear_live();
    write(fmt::format("{}   {}\n", status_line(result.id), points));
  } else {
    write(fmt::format("{}  done: {}\n", counter(result.id), points));
  }
  running_.erase(result.id);
  // Another exercise graded in parallel keeps its live line.
  if (interactive_ && !running_.empty()) draw_live(running_.begin()->first);
}

}  // namespace parlab::grader::report
