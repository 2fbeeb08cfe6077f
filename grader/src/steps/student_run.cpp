#include "steps/student_run.hpp"

namespace parlab::grader::steps {

namespace fs = std::filesystem;

sandbox::Isolation student_code_isolation(const Workspace& ws) {
  sandbox::Isolation isolation;
  isolation.untrusted = true;
  // The programs and nothing else of the exercise: the staged sources (with
  // the hidden tests) and the grader's results/ stay out of sight.
  for (const char* config : {"release", "tsan"}) {
    const fs::path dir = ws.build_dir(config);
    if (fs::is_directory(dir)) isolation.read_only.push_back(dir.string());
  }
  // TSan builds load the kit's instrumented oneTBB (their RUNPATH).
  const fs::path tbb = ws.kit_root / ".cache" / "tbb-tsan" / "install" / "lib";
  if (fs::is_directory(tbb)) isolation.read_only.push_back(tbb.string());
  isolation.writable = {ws.run_dir().string()};
  return isolation;
}

}  // namespace parlab::grader::steps
