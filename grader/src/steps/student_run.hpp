// What a run of student code (tests, race check, timed runs) may see through
// the sandbox: its build folders read-only, its scratch folder writable.
#pragma once

#include "core/workspace.hpp"
#include "sandbox/isolation.hpp"

namespace parlab::grader::steps {

sandbox::Isolation student_code_isolation(const Workspace& ws);

}  // namespace parlab::grader::steps
