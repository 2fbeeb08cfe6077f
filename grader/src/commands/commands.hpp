// The grader's commands. `grade` is the default; the others are picked by
// the first argument (`grade batch ...`, `grade scale ...`). Each command
// parses its own options and returns the process exit status.
#pragma once

namespace parlab::grader::commands {

// grade [DIR] [EXERCISE...]: grade one submission (commands/grade_command.cpp).
int grade_command(int argc, char** argv);

}  // namespace parlab::grader::commands
