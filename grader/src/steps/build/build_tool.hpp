// How the build step runs its trusted tools (cmake, the compiler, nm): in
// the exercise's folder, with a build's limits (compilers of template-heavy
// code need more memory than a test does).
#pragma once

#include <string>
#include <vector>

#include "core/workspace.hpp"
#include "sandbox/process.hpp"

namespace parlab::grader::steps {

sandbox::Command build_tool(const Workspace& ws, std::vector<std::string> argv, int timeout_s);

}  // namespace parlab::grader::steps
