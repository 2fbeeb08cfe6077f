// A reader–writer lock between processes, on a file, that keeps the speedup
// measurements of concurrent grades apart. A batch runs several graders at
// once: their builds, tests and race checks may overlap (shared), but a
// timing step must have the machine to itself (exclusive), or a neighbour's
// compiler would steal the cores it measures.
//
// flock(2) alone is not fair: a waiting LOCK_EX does not stop new LOCK_SH
// holders, so a steady stream of builds could starve a timing step forever.
// A second file, the turnstile, fixes that: a writer holds it while it waits
// for the lock, and a reader must pass through it before taking its share, so
// once a writer is waiting no new reader gets in.
//
// Locks are tied to open file descriptions: the kernel drops them when the
// holder exits or crashes, so a killed grader never leaves the batch stuck.
#pragma once

#include <filesystem>
#include <string>

namespace parlab::grader {

class PhaseLock {
 public:
  // One held lock; released by the destructor (or when the process dies).
  class Guard {
   public:
    Guard() = default;
    Guard(Guard&& other) noexcept;
    Guard& operator=(Guard&& other) noexcept;
    Guard(const Guard&) = delete;
    Guard& operator=(const Guard&) = delete;
    ~Guard();
    [[nodiscard]] bool held() const { return fd_ >= 0; }

   private:
    friend class PhaseLock;
    explicit Guard(int fd) : fd_(fd) {}
    int fd_ = -1;
  };

  // `path` names the lock file; the turnstile is `path` + ".turnstile".
  // An empty path makes a lock that never waits (grading alone).
  explicit PhaseLock(std::filesystem::path path = {});

  // For build, tests and race steps: any number at once, none while timing.
  // Throws std::system_error naming the file when it cannot be opened.
  [[nodiscard]] Guard shared() const;
  // For the timing step: nothing else of the batch runs while it is held.
  [[nodiscard]] Guard exclusive() const;

  [[nodiscard]] const std::filesystem::path& path() const { return path_; }

 private:
  [[nodiscard]] Guard acquire(int flock_mode) const;  // LOCK_SH or LOCK_EX
  std::filesystem::path path_;
};

}  // namespace parlab::grader
