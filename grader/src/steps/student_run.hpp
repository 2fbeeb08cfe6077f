// What a run of student code (tests, race check, judge, timed runs) may see
// through the sandbox, and where it may write.
//
// Every run gets a scratch folder of its own, created empty just before the
// run and removed right after it: nothing one run writes there can reach a
// later run (a cached answer, a forged report), and files it left elsewhere
// are swept by the sandbox (sandbox/leftovers.hpp) where the grader can.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "core/workspace.hpp"
#include "sandbox/isolation.hpp"
#include "sandbox/process.hpp"

namespace parlab::grader::steps {

// The programs and nothing else of the exercise: the staged sources (with
// the hidden tests) and the grader's results/ stay out of sight. `writable`
// is the run's scratch folder; `layers` are the probed ones (Machine::sandbox).
sandbox::Isolation student_code_isolation(const Workspace& ws, const sandbox::Layers& layers,
                                          const std::filesystem::path& writable);

// The GoogleTest flags every graded run of a test program gets: all tests,
// once, in order, the JSON report written to `report`.
std::vector<std::string> graded_gtest_flags(const std::filesystem::path& report);

// The sandbox settings every test program of this exercise runs with (the
// tests check and the race check), in its own fresh scratch folder.
sandbox::Command test_command(const Workspace& ws, const sandbox::Layers& layers, std::vector<std::string> argv,
                              int timeout_s, const std::filesystem::path& scratch);

// A fresh, empty folder below the exercise's run/ folder (sandbox::run()
// hands it to the unprivileged uid when it is a run's writable folder); removed (with whatever the run left) when the
// object goes out of scope.
class FreshScratch {
 public:
  FreshScratch(const Workspace& ws, const std::string& purpose);
  ~FreshScratch();
  FreshScratch(const FreshScratch&) = delete;
  FreshScratch& operator=(const FreshScratch&) = delete;
  [[nodiscard]] const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

}  // namespace parlab::grader::steps
