#include "steps/race/race_hints.hpp"

#include <string_view>

#include "core/lines.hpp"

namespace parlab::grader::race {
namespace {

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

enum class Match { prefix, substring };

// A report kind and the advice for it. A rule either has fixed text or, where
// the report's contents choose among several, a function (advise) instead.
struct Rule {
  Match match;
  std::string_view pattern;
  std::string_view text;
  std::string (*advise)(const TsanReport&) = nullptr;
};

// The first rule that matches wins, so order matters: "data race on vptr"
// before "data race", each specific mutex misuse before the catch-all "mutex".
constexpr Rule kRules[] = {
    {Match::prefix, "data race on vptr",
     "An object is used by one thread while another constructs or destroys it: join() the threads before "
     "the object goes away."},
    {Match::prefix, "data race", {}, data_race_hint},
    {Match::substring, "use-after-free",
     "Memory is freed while another thread still uses it: join() that thread first, or keep the object "
     "alive longer (own it outside the threads, or share it with std::shared_ptr)."},
    {Match::prefix, "lock-order-inversion",
     "Two mutexes are locked in opposite orders on different paths, which can deadlock: always lock them "
     "in one fixed order, or lock both at once with std::scoped_lock."},
    {Match::prefix, "thread leak",
     "A thread is never joined: call join() on every thread before the program ends (std::jthread does "
     "it for you)."},
    {Match::prefix, "signal-unsafe call",
     "A signal handler calls a function that is not async-signal-safe (malloc, printf, locks): only set a "
     "std::atomic<bool> or volatile std::sig_atomic_t flag in the handler."},
    {Match::substring, "spoils errno",
     "The signal handler changes errno: save errno on entry and restore it before returning."},
    {Match::prefix, "unlock of an unlocked mutex",
     "A mutex is unlocked by a thread that does not hold it: use std::lock_guard or std::unique_lock "
     "instead of calling lock() and unlock() by hand."},
    {Match::prefix, "double lock",
     "A thread locks a mutex it already holds, which deadlocks: do not call a function that takes the "
     "lock while holding it."},
    {Match::prefix, "destroy of a locked mutex",
     "A mutex is destroyed while still locked: unlock it (RAII guards do this) and join every thread "
     "that uses it before it goes out of scope."},
    {Match::prefix, "use of an invalid mutex",
     "A mutex is used before it is created or after it is destroyed: make it outlive every thread that "
     "locks it."},
    {Match::substring, "mutex",
     "A mutex is used incorrectly: use std::lock_guard, std::unique_lock or std::shared_lock instead of "
     "manual lock() and unlock() calls."},
};

constexpr std::string_view kFallback =
    "ThreadSanitizer reports a synchronisation bug: make sure data shared between threads is protected, "
    "or owned by one thread at a time.";

bool matches(const Rule& rule, std::string_view kind) {
  return rule.match == Match::prefix ? starts_with(kind, rule.pattern) : contains(kind, rule.pattern);
}

}  // namespace

std::string hint_for(const TsanReport& r) {
  // A crash is checked before any kind: its advice is the same whatever TSan
  // was reporting when the program died.
  if (r.is_crash()) {
    return "The program crashed (" + r.kind +
           ") while running under ThreadSanitizer: look at the line the report points to; a thread that "
           "outlives the data it uses is a common cause.";
  }
  for (const Rule& rule : kRules) {
    if (matches(rule, r.kind)) return rule.advise ? rule.advise(r) : std::string(rule.text);
  }
  return std::string(kFallback);
}

}  // namespace parlab::grader::race
