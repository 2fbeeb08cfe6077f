// The grader's commands. `grade` is the default; the others are picked by
// the first argument (`grade batch ...`, `grade scale ...`). Each command
// parses its own options and returns the process exit status.
#pragma once

namespace parlab::grader::commands {

// grade [DIR] [EXERCISE...]: grade one submission (commands/grade_command.cpp).
int grade_command(int argc, char** argv);
// grade batch SUBMISSIONS --out OUT: grade a whole class (commands/batch_command.cpp).
int batch_command(int argc, char** argv);
// scale EXERCISE [DIR]: scaling curve and Amdahl fit of one exercise (commands/scale_command.cpp).
int scale_command(int argc, char** argv);

// prepare [EXERCISE...]: build the kit's programs of each exercise once (commands/prepare_command.cpp).
int prepare_command(int argc, char** argv);

// sandbox [--json]: which isolation layers protect student code here (commands/sandbox_command.cpp).
int sandbox_command(int argc, char** argv);

}  // namespace parlab::grader::commands
