// Result::describe(): the one line a student or TA reads about how a command ended.
#include <string.h>  // sigabbrev_np, sigdescr_np (glibc 2.32+, thread-safe unlike strsignal)

#include <cctype>

#include <fmt/format.h>

#include "sandbox/process.hpp"

namespace parlab::grader::sandbox {
namespace {

std::string seconds_text(std::chrono::milliseconds ms) {
  return fmt::format("{:g} s", static_cast<double>(ms.count()) / 1000.0);
}

std::string bytes_text(std::uint64_t bytes) {
  const auto b = static_cast<double>(bytes);
  if (bytes >= (1ULL << 30)) return fmt::format("{:.1f} GiB", b / static_cast<double>(1ULL << 30));
  if (bytes >= (1ULL << 20)) return fmt::format("{:.0f} MiB", b / static_cast<double>(1ULL << 20));
  return fmt::format("{} bytes", bytes);
}

// "SIGSEGV (segmentation fault)".
std::string signal_text(int signal) {
  const char* abbreviation = sigabbrev_np(signal);
  const char* description = sigdescr_np(signal);
  if (abbreviation == nullptr) return fmt::format("signal {}", signal);
  std::string text = fmt::format("SIG{}", abbreviation);
  if (description != nullptr && *description != '\0') {
    std::string lower = description;
    lower[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(lower[0])));
    text += fmt::format(" ({})", lower);
  }
  return text;
}

}  // namespace

std::string Result::describe() const {
  if (!spawn_error.empty()) return "could not start: " + spawn_error;
  if (timed_out) return "timed out after " + seconds_text(wall_timeout);
  if (memory_exceeded) return "exceeded the memory limit (" + bytes_text(memory_watch_bytes) + ")";
  if (term_signal != 0) return "killed by " + signal_text(term_signal);
  return fmt::format("exit {}", exit_code);
}

}  // namespace parlab::grader::sandbox
