// The command-line contract of the kit's timer programs (kit/timer/timer_main.cpp),
// named once here for every step that runs them: the speedup check, the
// judge of the tests check, the race check and `grade scale`.
//
//   PROGRAM --variant baseline|student|calibrate --size N --threads T --seed S --out FILE
//   FILE <- {"variant":"...","result":"<tokens>","wall_ns":N}
//
// Two programs honour it: the student's `timer` (variant student only, as
// far as the grader is concerned) and the kit's `reference`, built once per
// kit with no student code (baseline and calibrate).
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace parlab::grader::timer {

enum class Variant { baseline, student, calibrate };

std::string_view name(Variant v);

struct Request {
  Variant variant = Variant::student;
  std::uint64_t size = 0;
  int threads = 1;
  std::uint64_t seed = 1;
};

std::vector<std::string> argv_for(const std::filesystem::path& program, const Request& request,
                                  const std::filesystem::path& out_file);

// The result tokens of a timer's output file, or nullopt when it is not one.
std::optional<std::string> parse_result(std::string_view output_json);

}  // namespace parlab::grader::timer
