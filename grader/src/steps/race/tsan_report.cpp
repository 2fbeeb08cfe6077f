#include "steps/race/tsan_report.hpp"
#include "core/lines.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cstddef>

namespace parlab::grader::race {
namespace {

constexpr std::string_view kWarning = "WARNING: ThreadSanitizer: ";
constexpr std::string_view kError = "ERROR: ThreadSanitizer: ";
constexpr std::string_view kSummary = "SUMMARY: ThreadSanitizer:";

std::string_view without_colon(std::string_view s) {
  if (!s.empty() && s.back() == ':') s.remove_suffix(1);
  return s;
}

// A non-negative decimal number, or -1 when s is not one (or does not fit an int).
int to_int(std::string_view s) {
  if (s.empty()) return -1;
  int value = 0;
  const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), value);
  if (ec != std::errc{} || end != s.data() + s.size() || value < 0) return -1;
  return value;
}

bool is_separator(std::string_view trimmed) {
  return trimmed.size() >= 10 && trimmed.find_first_not_of('=') == std::string_view::npos;
}

// "/x/y.cpp:8:38" -> file, line 8, column 38; "y.h" -> file only.
void split_location(std::string_view loc, Frame& f) {
  int numbers[2] = {-1, -1};
  int count = 0;
  while (count < 2) {
    const std::size_t colon = loc.rfind(':');
    if (colon == std::string_view::npos) break;
    const int n = to_int(loc.substr(colon + 1));
    if (n < 0) break;
    numbers[count++] = n;
    loc = loc.substr(0, colon);
  }
  f.file = std::string(loc);
  if (count == 1) f.line = numbers[0];
  if (count == 2) {
    f.line = numbers[1];
    f.column = numbers[0];
  }
}

// "#3 function file:line:col (module+0x1234) (BuildId: ...)". Parsed from the
// right: function names contain spaces and parentheses, paths (almost) never.
Frame parse_frame(std::string_view trimmed) {
  Frame f;
  std::string_view rest = trimmed.substr(1);
  const std::size_t space = rest.find(' ');
  f.index = std::max(0, to_int(rest.substr(0, space)));
  rest = space == std::string_view::npos ? std::string_view{} : trim(rest.substr(space + 1));

  if (const std::size_t build_id = rest.rfind(" (BuildId: ");
      build_id != std::string_view::npos && ends_with(rest, ")")) {
    rest = trim(rest.substr(0, build_id));
  }
  if (const std::size_t open = rest.rfind(" ("); open != std::string_view::npos && ends_with(rest, ")")) {
    const std::string_view inner = rest.substr(open + 2, rest.size() - open - 3);
    if (const std::size_t plus = inner.find("+0x"); plus != std::string_view::npos) {
      f.module = std::string(inner.substr(0, plus));
      rest = trim(rest.substr(0, open));
    }
  }

  std::string_view function = rest;
  std::string_view location;
  if (ends_with(rest, " <null>")) {
    function = rest.substr(0, rest.size() - 7);
  } else {
    // An absolute path starts at the last " /" unless a '(' follows it (then
    // the " /" was inside the function's signature).
    std::size_t cut = rest.rfind(" /");
    if (cut == std::string_view::npos || rest.find('(', cut) != std::string_view::npos) cut = rest.rfind(' ');
    if (cut != std::string_view::npos) {
      function = rest.substr(0, cut);
      location = rest.substr(cut + 1);
    }
  }
  function = trim(function);
  if (function != "<null>") f.function = std::string(function);
  if (!location.empty()) split_location(location, f);
  return f;
}

// "... by thread T2 (mutexes: write M7)" -> "T2"; "... by main thread" -> "main thread".
std::string thread_of(std::string_view header) {
  if (contains(header, "by main thread") || contains(header, "in main thread")) return "main thread";
  for (const std::string_view marker : {std::string_view{"by thread "}, std::string_view{"in thread "}}) {
    if (const std::size_t at = header.find(marker); at != std::string_view::npos) {
      std::string_view name = header.substr(at + marker.size());
      name = name.substr(0, name.find_first_of(" :,)"));
      return std::string(name);
    }
  }
  return {};
}

// "Thread T2 (tid=6680, running) created by main thread at" -> "T2".
std::string thread_name(std::string_view header) {
  std::string_view name = header.substr(std::string_view{"Thread "}.size());
  return std::string(name.substr(0, name.find_first_of(" :")));
}

class LogParser {
 public:
  std::vector<TsanReport> run(std::string_view text) {
    const std::vector<std::string_view> lines = split_lines(text);
    for (std::size_t i = 0; i < lines.size(); ++i) {
      const std::string_view line = lines[i];
      const std::string_view trimmed = trim(line);
      if (starts_new_report(trimmed)) {
        finish();
        const bool after_separator = i > 0 && is_separator(trim(lines[i - 1]));
        open(trimmed, after_separator ? lines[i - 1] : std::string_view{});
        raw_line(line);
        continue;
      }
      if (!current_) continue;
      if (summary_seen_) {
        // The report ends at the separator after SUMMARY; anything else (the
        // program's output, "==pid==ABORTING") is no longer part of it.
        if (is_separator(trimmed)) raw_line(line);
        finish();
        continue;
      }
      raw_line(line);
      read_line(line, trimmed);
    }
    finish();
    return std::move(reports_);
  }

 private:
  static bool starts_new_report(std::string_view trimmed) {
    // A warning without "(pid=" is a notice about TSan itself (newer LLVMs
    // print one before re-executing with another memory layout), not a report.
    const std::size_t w = trimmed.find(kWarning);
    if (w != std::string_view::npos && contains(trimmed.substr(w), " (pid=")) return true;
    return trimmed.find(kError) != std::string_view::npos;
  }

  void open(std::string_view trimmed, std::string_view separator) {
    current_ = TsanReport{};
    summary_seen_ = false;
    stack_ = nullptr;
    if (!separator.empty()) raw_line(separator);
    if (const std::size_t w = trimmed.find(kWarning); w != std::string_view::npos) {
      std::string_view kind = trimmed.substr(w + kWarning.size());
      kind = kind.substr(0, kind.rfind(" (pid="));
      current_->kind = std::string(trim(kind));
      return;
    }
    // "==3019==ERROR: ThreadSanitizer: SEGV on unknown address 0x0000 (pc ...)"
    std::string_view kind = trimmed.substr(trimmed.find(kError) + kError.size());
    kind = kind.substr(0, kind.find(" (pc "));
    kind = kind.substr(0, kind.find(" 0x"));
    current_->kind = std::string(trim(kind));
  }

  void raw_line(std::string_view line) {
    current_->raw.append(line);
    current_->raw.push_back('\n');
  }

  void read_line(std::string_view line, std::string_view trimmed) {
    TsanReport& r = *current_;
    if (trimmed.empty()) {
      stack_ = nullptr;  // a blank line ends every stack
      return;
    }
    if (starts_with(trimmed, kSummary)) {
      r.summary = std::string(trimmed);
      summary_seen_ = true;
      return;
    }
    if (trimmed.size() > 1 && trimmed[0] == '#' && trimmed[1] >= '0' && trimmed[1] <= '9') {
      if (!stack_) {  // a stack right under the WARNING line: no header
        r.accesses.push_back(Access{});
        stack_ = &r.accesses.back().stack;
      }
      stack_->push_back(parse_frame(trimmed));
      return;
    }
    // Headers are indented by exactly two spaces; this keeps a program's own
    // output that lands inside a report (stderr mixed in) from being read as one.
    const bool header_indent = starts_with(line, "  ") && line.size() > 2 && line[2] != ' ';
    if (!header_indent) return;
    const std::string_view header = without_colon(trimmed);
    if (starts_with(trimmed, "Location is ")) {
      if (r.location.empty()) r.location = std::string(header);
      ignore_next_stack();  // the allocation stack of a heap block
    } else if (starts_with(trimmed, "Thread ") && ends_with(trimmed, ":")) {
      r.threads.push_back(ThreadInfo{thread_name(header), std::string(header), {}});
      stack_ = &r.threads.back().created_at;
    } else if (starts_with(trimmed, "Mutex ") && ends_with(trimmed, " created at:")) {
      ignore_next_stack();
    } else if (ends_with(trimmed, ":")) {
      Access a;
      a.description = std::string(header);
      a.thread = thread_of(header);
      // "Mutex M0 previously acquired by the same thread here"
      if (a.thread.empty() && contains(header, "the same thread") && !r.accesses.empty()) {
        a.thread = r.accesses.back().thread;
      }
      r.accesses.push_back(std::move(a));
      stack_ = &r.accesses.back().stack;
    }
  }

  void ignore_next_stack() {
    ignored_.clear();
    stack_ = &ignored_;
  }

  void finish() {
    if (current_) reports_.push_back(std::move(*current_));
    current_.reset();
    stack_ = nullptr;
    summary_seen_ = false;
  }

  std::vector<TsanReport> reports_;
  std::optional<TsanReport> current_;
  std::vector<Frame>* stack_ = nullptr;  // where the next frames go
  std::vector<Frame> ignored_;           // frames of stacks nobody needs
  bool summary_seen_ = false;
};

// ---- Text for students -------------------------------------------------------

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

enum class Place { global, heap, stack, unknown };

Place place_of(std::string_view location, std::string* global_name) {
  constexpr std::string_view kGlobal = "Location is global '";
  if (starts_with(location, kGlobal)) {
    const std::string_view rest = location.substr(kGlobal.size());
    const std::string_view name = rest.substr(0, rest.find('\''));
    if (name == "??") return Place::unknown;  // TSan could not name it
    *global_name = std::string(name);
    return Place::global;
  }
  if (starts_with(location, "Location is heap")) return Place::heap;
  if (starts_with(location, "Location is stack")) return Place::stack;
  return Place::unknown;
}

// The standard library's random engines keep their state in the object, so
// one engine shared by several threads races inside the library (libstdc++
// names them std::..., libc++ std::__1::...). Adaptors over an engine
// (discard_block, independent_bits, shuffle_order) name the engine too.
bool inside_standard_random_engine(const TsanReport& r) {
  static constexpr std::string_view kEngines[] = {
      "mersenne_twister_engine<", "linear_congruential_engine<", "subtract_with_carry_engine<",
      "discard_block_engine<",   "independent_bits_engine<",    "shuffle_order_engine<",
  };
  for (const Access& a : r.accesses) {
    for (const Frame& f : a.stack) {
      if (!starts_with(f.function, "std::")) continue;
      for (const std::string_view engine : kEngines) {
        if (contains(f.function, engine)) return true;
      }
    }
  }
  return false;
}

std::string data_race_hint(const TsanReport& r) {
  // Before the location hints: "give each thread its own counter" is wrong
  // advice for a generator, and a per-thread generator seeded alike repeats
  // the same samples. The kit's counter-based generator is the fix.
  if (inside_standard_random_engine(r)) {
    return "One random generator shared by all threads: draw sample i with rng::uniform_point(seed, i) "
           "(parlab/random.hpp), so each sample has its own numbers on any thread.";
  }
  std::string name;
  switch (place_of(r.location, &name)) {
    case Place::global:
      return "Several threads use the global '" + name +
             "' and at least one writes it: give each thread its own counter (or partial result) and combine "
             "after join(), or make it std::atomic; a mutex per increment is correct but slow.";
    case Place::stack:
      return "Several threads use a local variable captured by reference and at least one writes it: give each "
             "thread its own partial result and combine after join() (or use tbb::parallel_reduce); a mutex per "
             "update is correct but slow.";
    case Place::heap:
      return "Several threads use the same heap memory and at least one writes it: give each thread its own "
             "slice or partial result and combine after join(); guard data that must be shared with a mutex or "
             "std::atomic.";
    case Place::unknown: break;
  }
  return "Several threads use the same memory and at least one writes it without synchronisation: give each "
         "thread its own data and combine after join(), or use std::atomic or a mutex.";
}

}  // namespace

bool TsanReport::is_crash() const {
  const std::size_t error = raw.find(kError);
  const std::size_t warning = raw.find(kWarning);
  return error != std::string::npos && (warning == std::string::npos || error < warning);
}

std::vector<TsanReport> parse_tsan_log(std::string_view text) { return LogParser{}.run(text); }

bool has_unexpected_memory_mapping(std::string_view text) {
  return contains(text, "ThreadSanitizer: unexpected memory mapping");
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

std::string hint_for(const TsanReport& r) {
  const std::string_view kind = r.kind;
  if (r.is_crash()) {
    return "The program crashed (" + r.kind +
           ") while running under ThreadSanitizer: look at the line the report points to; a thread that "
           "outlives the data it uses is a common cause.";
  }
  if (starts_with(kind, "data race on vptr")) {
    return "An object is used by one thread while another constructs or destroys it: join() the threads before "
           "the object goes away.";
  }
  if (starts_with(kind, "data race")) return data_race_hint(r);
  if (contains(kind, "use-after-free")) {
    return "Memory is freed while another thread still uses it: join() that thread first, or keep the object "
           "alive longer (own it outside the threads, or share it with std::shared_ptr).";
  }
  if (starts_with(kind, "lock-order-inversion")) {
    return "Two mutexes are locked in opposite orders on different paths, which can deadlock: always lock them "
           "in one fixed order, or lock both at once with std::scoped_lock.";
  }
  if (starts_with(kind, "thread leak")) {
    return "A thread is never joined: call join() on every thread before the program ends (std::jthread does "
           "it for you).";
  }
  if (starts_with(kind, "signal-unsafe call")) {
    return "A signal handler calls a function that is not async-signal-safe (malloc, printf, locks): only set a "
           "std::atomic<bool> or volatile std::sig_atomic_t flag in the handler.";
  }
  if (contains(kind, "spoils errno")) {
    return "The signal handler changes errno: save errno on entry and restore it before returning.";
  }
  if (starts_with(kind, "unlock of an unlocked mutex")) {
    return "A mutex is unlocked by a thread that does not hold it: use std::lock_guard or std::unique_lock "
           "instead of calling lock() and unlock() by hand.";
  }
  if (starts_with(kind, "double lock")) {
    return "A thread locks a mutex it already holds, which deadlocks: do not call a function that takes the "
           "lock while holding it.";
  }
  if (starts_with(kind, "destroy of a locked mutex")) {
    return "A mutex is destroyed while still locked: unlock it (RAII guards do this) and join every thread "
           "that uses it before it goes out of scope.";
  }
  if (starts_with(kind, "use of an invalid mutex")) {
    return "A mutex is used before it is created or after it is destroyed: make it outlive every thread that "
           "locks it.";
  }
  if (contains(kind, "mutex")) {
    return "A mutex is used incorrectly: use std::lock_guard, std::unique_lock or std::shared_lock instead of "
           "manual lock() and unlock() calls.";
  }
  return "ThreadSanitizer reports a synchronisation bug: make sure data shared between threads is protected, "
         "or owned by one thread at a time.";
}

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
