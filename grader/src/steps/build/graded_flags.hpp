// The one way everything graded is compiled (steps/machine.hpp says why):
// the CMake cache arguments of the release build, the ThreadSanitizer build
// and the kit's reference build differ only in PARLAB_SANITIZE.
#pragma once

#include <string>
#include <vector>

#include "steps/machine.hpp"

namespace parlab::grader::steps {

// sanitize: "" (tested, timed and reference builds) or "thread".
std::vector<std::string> graded_cache_args(const Machine& machine, const std::string& sanitize);

}  // namespace parlab::grader::steps
