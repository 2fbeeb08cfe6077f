// What graded code may be, checked on what the compiler really saw, before
// anything of the student's is compiled for real (so no compiler message can
// quote a file the student should not see):
//
//   includes      only the standard library, the exercise's API header (and
//                 the student's own files), the kit's parlab/ headers and
//                 oneTBB: the files the preprocessor actually opened, not the
//                 spelling of the #include lines;
//   one program   the tokens of every student line are the same in the
//                 release and the ThreadSanitizer build, and the source does
//                 not test the compiler's configuration (__clang__, NDEBUG,
//                 __SANITIZE_THREAD__, ...) or rename itself (#line);
//   no escapes    no inline assembly or raw system calls in student lines.
//
// The symbols the student's objects call are checked after the build
// (forbidden_calls in source_checks.hpp, from build_step.cpp).
#pragma once

#include <optional>

#include "steps/machine.hpp"
#include "core/result.hpp"
#include "core/workspace.hpp"

namespace parlab::grader::steps {

// Needs both builds configured (their compile_commands.json). The failed
// "build" check, or nothing when the sources are acceptable.
std::optional<Check> check_sources(const Workspace& ws, const Machine& machine, int timeout_s);

}  // namespace parlab::grader::steps
