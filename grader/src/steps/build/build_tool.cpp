#include "steps/build/build_tool.hpp"

namespace parlab::grader::steps {

sandbox::Command build_tool(const Workspace& ws, std::vector<std::string> argv, int timeout_s) {
  sandbox::Command c;
  c.argv = std::move(argv);
  c.working_dir = ws.root.string();
  c.limits.wall_timeout = std::chrono::seconds(timeout_s);
  c.limits.data_bytes = 0;  // compilers of template-heavy code need more than a test does
  c.limits.memory_watch_bytes = 6ULL << 30;
  c.limits.file_size_bytes = 1ULL << 30;
  c.limits.output_cap_bytes = 256U << 10;
  return c;
}

}  // namespace parlab::grader::steps
