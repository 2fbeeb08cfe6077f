// Facts about the grading machine, probed once per grader run and shared by
// every exercise: usable cores, compilers, and whether ThreadSanitizer works.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "platform/cores.hpp"
#include "sandbox/isolation.hpp"

namespace parlab::grader {

struct Machine {
  platform::CoreCount cores;
  std::string cmake = "cmake";
  // One compiler and one set of flags for everything graded: the build that
  // is tested and timed, the ThreadSanitizer build (which adds only
  // -fsanitize=thread) and the kit's reference programs. Clang, because TSan
  // needs it; the same defines (NDEBUG) everywhere, so no branch of the
  // student's code can be compiled in one build and not the other.
  // -march=native: graded programs run on the machine that compiled them.
  std::string graded_cxx = "clang++";
  std::string graded_flags = "-O2 -g -DNDEBUG -march=native";
  int build_jobs = 1;  // parallel compile jobs: the usable cores
  // ThreadSanitizer, proven by the canary (steps/race/canary.hpp).
  bool tsan_works = false;
  std::string tsan_problem;                  // why it does not, when it does not
  std::vector<std::string> tsan_launcher;    // e.g. {"setarch", "x86_64", "-R"} when ASLR must be off
  sandbox::Layers sandbox;                   // isolation layers for student code (sandbox/isolation.hpp)
  std::string sandbox_summary;               // one line: which isolation layers are on
};

}  // namespace parlab::grader
