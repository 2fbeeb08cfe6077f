// The `timer` program: runs ONE variant of an exercise once and reports its
// result. The grader launches it per run and times it from outside, so each
// measurement is a fresh process with nothing cached from the other variants.
//
//   timer --variant baseline|student|calibrate [--size N|smoke] [--threads T]
//         [--seed S] [--out FILE]
//
// Output (to FILE, or stdout): one JSON object
//   {"variant":"student","result":"<tokens>","wall_ns":<internal wall time>}
// The grader trusts only its own clock; wall_ns is reported for diagnosis.
//
// The contract (options, output) is named once on the grader's side, in
// grader/src/steps/timer/timer_contract.hpp. Built as `reference` (no student
// code), only baseline and calibrate exist (calibrate: the baseline as
// `--threads` independent copies, see baseline_copies.hpp); built as `timer`,
// only student and baseline (the kit's own tests use baseline from it).
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <exception>
#include <string>
#include <string_view>

#include "baseline_copies.hpp"
#include "workload.hpp"

namespace {

#ifdef PARLAB_REFERENCE_PROGRAM
constexpr bool kReferenceProgram = true;
#else
constexpr bool kReferenceProgram = false;
#endif

[[noreturn]] void usage(const char* why) {
  std::fprintf(stderr,
               "timer: %s\nusage: timer --variant baseline|student|calibrate [--size N|smoke] "
               "[--threads T] [--seed S] [--out FILE]\n",
               why);
  std::exit(2);
}

std::uint64_t parse_u64(const char* text, const char* what) {
  char* end = nullptr;
  const unsigned long long v = std::strtoull(text, &end, 10);
  if (end == text || *end != '\0') usage(what);
  return v;
}

}  // namespace

int main(int argc, char** argv) {
  using parlab::timer::Params;
  const parlab::timer::Workload& w = parlab::timer::workload();
  std::string variant;
  std::string out_path;
  Params p;
  p.size = w.smoke_size;
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    if (i + 1 >= argc) usage("missing value after an option");
    const char* value = argv[++i];
    if (arg == "--variant") {
      variant = value;
    } else if (arg == "--size") {
      p.size = std::strcmp(value, "smoke") == 0 ? w.smoke_size : parse_u64(value, "bad --size");
    } else if (arg == "--threads") {
      p.threads = static_cast<unsigned>(parse_u64(value, "bad --threads"));
    } else if (arg == "--seed") {
      p.seed = parse_u64(value, "bad --seed");
    } else if (arg == "--out") {
      out_path = value;
    } else {
      usage("unknown option");
    }
  }
  if (p.threads == 0) usage("--threads must be at least 1");

  std::string result;
  const auto start = std::chrono::steady_clock::now();
  try {
    if (variant == "baseline") {
      result = w.baseline(p);
    } else if (variant == "student" && w.student != nullptr) {
      result = w.student(p);
#ifdef PARLAB_REFERENCE_PROGRAM
    } else if (variant == "calibrate") {
      result = parlab::timer::baseline_copies(w, p);
#endif
    } else {
      usage(kReferenceProgram ? "--variant must be baseline or calibrate (the reference program has no student code)"
                              : "--variant must be baseline or student (calibrate runs in the reference program)");
    }
  } catch (const std::exception& e) {
    std::fprintf(stderr, "timer: the %s run threw: %s\n", variant.c_str(), e.what());
    return 3;
  }
  const auto wall_ns = std::chrono::duration_cast<std::chrono::nanoseconds>(
                           std::chrono::steady_clock::now() - start)
                           .count();

  std::FILE* out = out_path.empty() ? stdout : std::fopen(out_path.c_str(), "w");
  if (out == nullptr) {
    std::perror(out_path.c_str());
    return 2;
  }
  std::fprintf(out, "{\"variant\":\"%s\",\"result\":\"", variant.c_str());
  for (const char c : result) {  // results are plain tokens; escape defensively
    if (c == '"' || c == '\\') std::fputc('\\', out);
    std::fputc(c == '\n' ? ' ' : c, out);
  }
  std::fprintf(out, "\",\"wall_ns\":%lld}\n", static_cast<long long>(wall_ns));
  if (out != stdout) std::fclose(out);
  return 0;
}
