#include "steps/student_run.hpp"

#include <unistd.h>

#include <atomic>
#include <chrono>
#include <fmt/format.h>

namespace parlab::grader::steps {

namespace fs = std::filesystem;

sandbox::Isolation student_code_isolation(const Workspace& ws, const sandbox::Layers& layers, const fs::path& writable) {
  sandbox::Isolation isolation;
  isolation.untrusted = true;
  isolation.layers = &layers;
  for (const char* config : {"release", "tsan"}) {
    const fs::path dir = ws.build_dir(config);
    if (fs::is_directory(dir)) isolation.read_only.push_back(dir.string());
  }
  // TSan builds load the kit's instrumented oneTBB (their RUNPATH).
  const fs::path tbb = ws.kit_root / ".cache" / "tbb-tsan" / "install" / "lib";
  if (fs::is_directory(tbb)) isolation.read_only.push_back(tbb.string());
  isolation.writable = {writable.string()};
  return isolation;
}

std::vector<std::string> graded_gtest_flags(const fs::path& report) {
  return {"--gtest_output=json:" + report.string(), "--gtest_filter=*", "--gtest_repeat=1", "--gtest_shuffle=0",
          "--gtest_also_run_disabled_tests=0", "--gtest_fail_fast=0", "--gtest_break_on_failure=0",
          "--gtest_throw_on_failure=0", "--gtest_brief=0"};
}

sandbox::Command test_command(const Workspace& ws, const sandbox::Layers& layers, std::vector<std::string> argv,
                              int timeout_s, const fs::path& scratch) {
  sandbox::Command c;
  c.argv = std::move(argv);
  c.working_dir = scratch.string();
  c.limits.wall_timeout = std::chrono::seconds(timeout_s);
  c.limits.data_bytes = 2ULL << 30;
  c.limits.memory_watch_bytes = 3ULL << 30;
  c.isolation = student_code_isolation(ws, layers, scratch);
  return c;
}

FreshScratch::FreshScratch(const Workspace& ws, const std::string& purpose) {
  // Unique within this grader (the counter) and across graders sharing a
  // work folder (the pid).
  static std::atomic<unsigned> counter{0};
  path_ = ws.run_dir() / fmt::format("{}-{}-{}", purpose, getpid(), counter++);
  std::error_code ec;
  fs::remove_all(path_, ec);
  fs::create_directories(path_, ec);  // sandbox::run() hands it to the unprivileged uid
}

FreshScratch::~FreshScratch() {
  std::error_code ec;
  fs::remove_all(path_, ec);
}

}  // namespace parlab::grader::steps
