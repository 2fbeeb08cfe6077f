#include "steps/race/race_text.hpp"

#include <algorithm>
#include <cctype>
#include <cstddef>
#include <vector>

#include "core/lines.hpp"

namespace parlab::grader::race {
namespace {

// Library and runtime sources: never the line a student should look at.
bool is_library_path(std::string_view file) {
  for (const std::string_view marker : {"/usr/include/", "/usr/lib/", "/usr/bin/../lib/", "/include/c++/",
                                        "/oneapi/tbb/", "/tbb/", "sysdeps/", "nptl/", "csu/"}) {
    if (contains(file, marker)) return true;
  }
  return false;
}

// The frame worth showing for a stack: user code, with a line if possible.
const Frame* frame_to_show(const std::vector<Frame>& stack) {
  const auto find = [&](auto wanted) -> const Frame* {
    const auto it = std::find_if(stack.begin(), stack.end(), wanted);
    return it == stack.end() ? nullptr : &*it;
  };
  if (const Frame* f = find([](const Frame& x) { return x.line > 0 && !x.file.empty() && !is_library_path(x.file); })) {
    return f;
  }
  if (const Frame* f = find([](const Frame& x) { return !x.file.empty() && !is_library_path(x.file); })) return f;
  if (const Frame* f = find([](const Frame& x) { return !x.file.empty(); })) return f;
  return find([](const Frame& x) { return !x.function.empty(); });
}

std::string short_function(std::string_view function) {
  constexpr std::size_t kMax = 60;
  if (function.size() <= kMax) return std::string(function);
  return std::string(function.substr(0, kMax - 3)) + "...";
}

// "file:line (function)", "file (function)", "(function)" or "" for a frame.
std::string where(const Frame* f, const std::function<std::string(std::string_view)>& display_path) {
  if (!f) return {};
  std::string s;
  if (!f->file.empty()) s = display_path(f->file);
  if (!s.empty() && f->line > 0) s.append(":").append(std::to_string(f->line));
  if (!f->function.empty()) s.append(s.empty() ? "(" : " (").append(short_function(f->function)).append(")");
  return s;
}

// "Write of size 8 at 0x7b04 by thread T2" -> "Write of size 8";
// "Mutex M1 acquired here while holding mutex M0 in thread T1" -> "Mutex M1 acquired here while holding mutex M0".
std::string access_label(std::string_view description) {
  if (description.empty()) return "At";
  for (const std::string_view cut : {" at 0x", " in thread ", " in main thread", " by thread ", " by main thread"}) {
    if (const std::size_t at = description.find(cut); at != std::string_view::npos) {
      description = description.substr(0, at);
    }
  }
  std::string label(description);
  label[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(label[0])));
  return label;
}

// "Location is global 'counter' of size 8 at 0x5600 (bin+0x14)" -> "global 'counter' of size 8";
// "Location is heap block of size 64 at 0x7b10 allocated by main thread" -> "heap block of size 64 allocated by main thread".
std::string location_text(std::string_view location) {
  if (starts_with(location, "Location is ")) location.remove_prefix(12);
  std::string s(location);
  if (const std::size_t at = s.find(" at 0x"); at != std::string::npos) {
    const std::size_t end = s.find(' ', at + 6);
    s.erase(at, end == std::string::npos ? std::string::npos : end - at);
  }
  if (const std::size_t open = s.rfind(" ("); open != std::string::npos && s.back() == ')' &&
                                               s.find("+0x", open) != std::string::npos) {
    s.erase(open);
  }
  if (!s.empty() && s.back() == '.') s.pop_back();
  return s;
}

// "Thread T2 (tid=6680, running) created by main thread at" -> "Thread T2 (running) created by main thread".
std::string thread_text(std::string_view description) {
  std::string s(description);
  if (const std::size_t tid = s.find("(tid="); tid != std::string::npos) {
    const std::size_t comma = s.find(", ", tid);
    if (comma != std::string::npos) s.erase(tid + 1, comma + 2 - (tid + 1));
  }
  if (ends_with(s, " at")) s.erase(s.size() - 3);
  return s;
}

}  // namespace

std::string summarize(const TsanReport& r, const std::function<std::string(std::string_view)>& display_path) {
  constexpr std::size_t kMaxAccesses = 4;
  constexpr std::size_t kMaxThreads = 3;
  std::string out = "ThreadSanitizer: " + (r.kind.empty() ? std::string("report") : r.kind) + "\n";

  for (std::size_t i = 0; i < r.accesses.size() && i < kMaxAccesses; ++i) {
    const Access& a = r.accesses[i];
    std::string line = "  " + access_label(a.description) + ": ";
    const std::string place = where(frame_to_show(a.stack), display_path);
    line += place.empty() ? "(no stack)" : place;
    if (!a.thread.empty()) line += a.thread == "main thread" ? " by the main thread" : " by thread " + a.thread;
    out += line + "\n";
  }
  if (r.accesses.size() > kMaxAccesses) {
    out += "  ... and " + std::to_string(r.accesses.size() - kMaxAccesses) + " more stacks\n";
  }
  if (!r.location.empty()) out += "  Location: " + location_text(r.location) + "\n";

  for (std::size_t i = 0; i < r.threads.size() && i < kMaxThreads; ++i) {
    const ThreadInfo& t = r.threads[i];
    std::string line = "  " + thread_text(t.description);
    // Only user code is worth showing here; pthread_create and libstdc++ are not.
    const Frame* f = frame_to_show(t.created_at);
    if (f && f->line > 0 && !is_library_path(f->file)) line += " at " + where(f, display_path);
    out += line + "\n";
  }
  if (r.threads.size() > kMaxThreads) {
    out += "  ... and " + std::to_string(r.threads.size() - kMaxThreads) + " more threads\n";
  }
  if (r.accesses.empty() && r.threads.empty() && !r.summary.empty()) out += "  " + r.summary + "\n";
  return out;
}

}  // namespace parlab::grader::race
