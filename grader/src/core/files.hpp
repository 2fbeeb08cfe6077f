// Small file helpers shared by the steps.
#pragma once

#include <filesystem>
#include <optional>
#include <string>

namespace parlab::grader {

// The whole file, or nullopt if it cannot be read. At most max_bytes are read:
// files written by student code are never trusted to be small.
std::optional<std::string> read_file(const std::filesystem::path& p, std::size_t max_bytes = 64U << 20);
// Writes atomically (temp file + rename); returns false on failure.
bool write_file(const std::filesystem::path& p, const std::string& content);
// Keeps the first `max_lines` lines of text, adding "… (N more lines)".
std::string first_lines(const std::string& text, std::size_t max_lines);

}  // namespace parlab::grader
