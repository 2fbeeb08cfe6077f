// The fixed prefixes of TSan's report lines. Shared because the parser finds
// reports by them and TsanReport::is_crash() tells an ERROR from a WARNING by
// which comes first in the raw text: both must agree on the exact spelling.
#pragma once

#include <string_view>

namespace parlab::grader::race::markers {

inline constexpr std::string_view kWarning = "WARNING: ThreadSanitizer: ";
inline constexpr std::string_view kError = "ERROR: ThreadSanitizer: ";
inline constexpr std::string_view kSummary = "SUMMARY: ThreadSanitizer:";

}  // namespace parlab::grader::race::markers
