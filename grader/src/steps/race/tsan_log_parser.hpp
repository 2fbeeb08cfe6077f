// Reading ThreadSanitizer's reports (clang 14 format) so the grader can tell a
// student *where* their race is and what to do about it, instead of pasting a
// 60-line stack dump.
//
// The input is what TSan wrote: the log_path files ("tsan.<pid>", one per
// process, possibly concatenated) or stderr mixed with the program's own
// output. Lines that are not part of a report are skipped. Every function here
// is total: garbage or a truncated log gives fewer (or partial) reports, never
// an exception.
#pragma once

#include <string_view>
#include <vector>

#include "steps/race/tsan_report.hpp"

namespace parlab::grader::race {

// 0..n reports, in the order they appear.
std::vector<TsanReport> parse_tsan_log(std::string_view text);

// True when TSan refused to start: "FATAL: ThreadSanitizer: unexpected memory
// mapping" (kernels with vm.mmap_rnd_bits > 30 and LLVM < 18). TSan prints it
// on stderr, NOT into the log_path file, and exits with its usual exit code
// (66), so the run looks racy unless stderr is checked. Retry under
// `setarch $(uname -m) -R` before concluding anything.
bool has_unexpected_memory_mapping(std::string_view text);

}  // namespace parlab::grader::race
