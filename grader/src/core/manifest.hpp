// An exercise's manifest.json, as the grader reads it. The manifest is the
// only place an exercise tells the grader anything: the student's files, the
// speedup rule, timeouts and points. Adding an exercise never needs a grader change.
#pragma once

#include <cstdint>
#include <filesystem>
#include <stdexcept>
#include <string>
#include <vector>

namespace parlab::grader {

struct SpeedupRule {
  // "cpu": judged against the kit's baseline run as independent copies
  // (the calibration) in the same run; "latency": judged against the expected concurrency.
  std::string kind = "cpu";
  double fraction = 0.7;         // share of the attainable speedup required
  int max_parallelism = 0;       // cap on useful parallelism (8 strikes -> 8); 0 = none
  int concurrency = 0;           // latency kind: the max_workers given to the student
  std::uint64_t timing_size = 0; // input size for timing runs
  double result_tolerance = 0;   // relative tolerance for decimal result tokens; 0 = exact
  int rounds = 5;                // interleaved rounds per measurement
};

// Defaults that fit every exercise so far; a manifest names only what differs.
struct Timeouts {
  int build_s = 300;      // both builds of one submission
  int tests_s = 60;       // one test program (public or hidden)
  int race_s = 180;       // one test program under ThreadSanitizer (5-15x slower)
  int timing_run_s = 30;  // one timed run
};

// The judge of the tests check (steps/tests/judge.hpp): the sizes at which
// the student's timer is run on inputs drawn fresh, at each thread count,
// and compared with the kit's reference program.
struct Judge {
  std::vector<std::uint64_t> sizes = {1, 7, 1000, 100003};
};

// How an exercise's points split across the checks (see docs/grading-policy.md).
struct Scoring {
  double tests = 0.5;
  double race = 0.25;
  double speedup = 0.25;
};

struct Manifest {
  std::filesystem::path dir;  // the kit's exercise folder
  std::string id;             // the folder name, e.g. "03_race_counter"
  std::string slug;           // the folder name after "NN_": "race_counter", the CMake target prefix
  std::string title;
  double points = 10;
  std::vector<std::string> student_files;
  std::vector<std::string> kit_sources;
  std::vector<std::string> libraries;
  SpeedupRule speedup;
  Timeouts timeouts;
  Scoring scoring;
  Judge judge;
  [[nodiscard]] bool has_hidden_tests() const;
};

struct ManifestError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// Whether `id` is a valid exercise folder name: NN_name (lower case).
bool valid_exercise_id(const std::string& id);

// Reads and validates <exercise_dir>/manifest.json; throws ManifestError with
// a message that names the file and the field.
Manifest load_manifest(const std::filesystem::path& exercise_dir);

// Every exercise of a kit, sorted by id. Folders without a manifest are ignored.
std::vector<Manifest> load_exercises(const std::filesystem::path& exercises_dir);

}  // namespace parlab::grader
