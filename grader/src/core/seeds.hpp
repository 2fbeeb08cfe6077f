// Seeds for the inputs of graded runs. Every run that executes student code
// on a computed input (judge cases, timed rounds, timed runs under TSan)
// draws its own seed from the grade's fresh one, so no two runs share an
// input and an answer stored by one run is useless to every later run.
#pragma once

#include <cstdint>

namespace parlab::grader {

// The index-th seed derived from `seed` (splitmix64: well mixed, so nearby
// indices give unrelated seeds).
constexpr std::uint64_t derived_seed(std::uint64_t seed, std::uint64_t index) {
  std::uint64_t z = seed + UINT64_C(0x9e3779b97f4a7c15) * (index + 1);
  z = (z ^ (z >> 30U)) * UINT64_C(0xbf58476d1ce4e5b9);
  z = (z ^ (z >> 27U)) * UINT64_C(0x94d049bb133111eb);
  return z ^ (z >> 31U);
}

}  // namespace parlab::grader
