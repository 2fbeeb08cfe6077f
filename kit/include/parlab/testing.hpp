// Helpers shared by the exercises' tests (public and hidden), written once
// here instead of copied into every test file. Header-only and free of
// GoogleTest, so any test program can use them.
#pragma once

#include <algorithm>
#include <cstdint>
#include <random>
#include <thread>

namespace parlab::testing {

// A fresh 64-bit seed from std::random_device, different on every call and
// every run. The hidden tests draw their seeds (and with them their inputs and
// expected answers) per run, so a submission that memorised or hard-coded the
// answers for fixed seeds fails; a test prints the seed it used on failure so
// that run can be replayed.
inline std::uint64_t fresh_seed() {
  static std::random_device device;
  return (std::uint64_t{device()} << 32) | device();
}

// The number of hardware threads, at least 1 (std::thread::hardware_concurrency()
// may return 0 when it cannot tell), so the tests also try "all the cores".
inline unsigned hardware_threads() { return std::max(1U, std::thread::hardware_concurrency()); }

}  // namespace parlab::testing
