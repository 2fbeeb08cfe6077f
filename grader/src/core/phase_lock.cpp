#include "core/phase_lock.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <system_error>
#include <utility>

namespace parlab::grader {

namespace {

// Lock files need only be readable: flock() works on a read-only descriptor,
// so a lock file created by another user of a shared scratch folder works too.
int open_lock_file(const std::filesystem::path& path) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0 && errno == ENOENT) fd = ::open(path.c_str(), O_RDONLY | O_CREAT | O_CLOEXEC, 0666);
  if (fd < 0) throw std::system_error(errno, std::generic_category(), "cannot open the phase lock " + path.string());
  return fd;
}

void lock_or_throw(int fd, int operation, const std::filesystem::path& path) {
  while (::flock(fd, operation) != 0) {
    if (errno == EINTR) continue;
    const int error = errno;
    ::close(fd);
    throw std::system_error(error, std::generic_category(), "cannot lock " + path.string());
  }
}

std::filesystem::path turnstile_of(const std::filesystem::path& path) { return path.string() + ".turnstile"; }

}  // namespace

PhaseLock::Guard::Guard(Guard&& other) noexcept : fd_(std::exchange(other.fd_, -1)) {}

PhaseLock::Guard& PhaseLock::Guard::operator=(Guard&& other) noexcept {
  if (this != &other) {
    if (fd_ >= 0) ::close(fd_);
    fd_ = std::exchange(other.fd_, -1);
  }
  return *this;
}

PhaseLock::Guard::~Guard() {
  if (fd_ >= 0) ::close(fd_);  // closing the last descriptor releases the flock
}

PhaseLock::PhaseLock(std::filesystem::path path) : path_(std::move(path)) {}

// Both kinds pass through the turnstile: a writer holds it while it waits,
// so readers that arrive meanwhile queue behind it instead of overtaking it;
// a reader only passes through.
PhaseLock::Guard PhaseLock::acquire(int mode) const {
  if (path_.empty()) return Guard{};
  const int turnstile = open_lock_file(turnstile_of(path_));
  lock_or_throw(turnstile, LOCK_EX, turnstile_of(path_));
  int fd = -1;
  try {
    fd = open_lock_file(path_);
    lock_or_throw(fd, mode, path_);
  } catch (...) {
    ::close(turnstile);
    throw;
  }
  ::close(turnstile);
  return Guard{fd};
}

PhaseLock::Guard PhaseLock::shared() const { return acquire(LOCK_SH); }
PhaseLock::Guard PhaseLock::exclusive() const { return acquire(LOCK_EX); }

}  // namespace parlab::grader
