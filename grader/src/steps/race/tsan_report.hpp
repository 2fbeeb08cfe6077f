// What ThreadSanitizer reported (clang 14 format), as data. The parser
// (tsan_log_parser.hpp) fills it; the student's text (race_text.hpp) and the
// advice (race_hints.hpp) read it. Keeping the types apart from all three lets
// tests and callers build a report by hand without pulling in the parser.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace parlab::grader::race {

// One line "#3 function file:line:col (module+0x...)" of a stack.
struct Frame {
  int index = 0;
  std::string function;  // "" when TSan printed <null>
  std::string file;      // "" when TSan printed <null>; may be an object file ("x.cpp.o")
  int line = 0;          // 0 when unknown
  int column = 0;        // 0 when unknown
  std::string module;    // "race_counter", "libtbb.so.12", ...; "" when absent
};

// A stack that TSan introduces with a header line: a memory access for races
// and use-after-free, "Mutex M1 acquired here while holding mutex M0 in thread
// T1" for lock-order inversions. A stack printed right under the WARNING line
// (mutex misuse, signal reports) has an empty description.
struct Access {
  std::string description;  // header without its colon: "Write of size 8 at 0x7b04... by thread T2"
  std::string thread;       // "T2", "main thread"; "" when the header names none
  std::vector<Frame> stack;
};

// "Thread T2 (tid=6680, running) created by main thread at:" and its stack.
struct ThreadInfo {
  std::string thread;       // "T2"
  std::string description;  // the header line without its colon
  std::vector<Frame> created_at;
};

struct TsanReport {
  // "data race", "heap-use-after-free", "lock-order-inversion (potential deadlock)",
  // "thread leak", "signal-unsafe call inside of a signal", "use of an invalid
  // mutex (e.g. uninitialized or destroyed)", ... Crashes that TSan reports in
  // the same log ("==pid==ERROR: ThreadSanitizer: SEGV on unknown address") are
  // reports too, with kind "SEGV on unknown address": callers that look for
  // races must look at the kind (see is_crash()).
  std::string kind;
  std::vector<Access> accesses;  // in report order: for a data race the current access first
  // First "Location is ..." line without a trailing colon, e.g. "Location is
  // global 'counter' of size 8 at 0x... (binary+0x...)", "Location is heap block
  // of size 64 at 0x... allocated by main thread", "Location is stack of main
  // thread."; "" when the report has none.
  std::string location;
  std::vector<ThreadInfo> threads;
  std::string summary;  // the whole "SUMMARY: ThreadSanitizer: ..." line; "" if the log was cut
  std::string raw;      // the report's text, separator lines included
  [[nodiscard]] bool is_crash() const;  // an ERROR report (SEGV, out of memory), not a finding
};

// The first frame, over all accesses in order, whose file satisfies
// is_student_file; only when no access has one, the first in the threads'
// creation stacks (all a thread leak has). Within each of the two, a frame
// with a line number is preferred to an earlier one without. nullopt if none.
std::optional<Frame> first_student_frame(const TsanReport& r,
                                         const std::function<bool(std::string_view)>& is_student_file);

}  // namespace parlab::grader::race
