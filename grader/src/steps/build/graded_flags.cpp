#include "steps/build/graded_flags.hpp"

namespace parlab::grader::steps {

std::vector<std::string> graded_cache_args(const Machine& machine, const std::string& sanitize) {
  return {"-DCMAKE_BUILD_TYPE=RelWithDebInfo", "-DCMAKE_CXX_COMPILER=" + machine.graded_cxx,
          "-DCMAKE_CXX_FLAGS_RELWITHDEBINFO=" + machine.graded_flags, "-DPARLAB_SANITIZE=" + sanitize};
}

}  // namespace parlab::grader::steps
