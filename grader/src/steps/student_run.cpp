#include "steps/student_run.hpp"

#include <unistd.h>

#include <atomic>
#include <fmt/format.h>

namespace parlab::grader::steps {

namespace fs = std::filesystem;

sandbox::Isolation student_code_isolation(const Workspace& ws, const fs::path& writable) {
  sandbox::Isolation isolation;
  isolation.untrusted = true;
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
