// grader: the parlab grader's entry point. The ./grade launcher at the kit's
// root builds this program and runs it; see `./grade --help`.
//
// The first argument may name a command (commands/commands.hpp); anything
// else is the main command, grading one submission.
#include <sys/stat.h>

#include <cstring>

#include "commands/commands.hpp"

namespace {

using Command = int (*)(int, char**);

struct NamedCommand {
  const char* name;
  Command run;
};

// Sub-commands, each in its own file under src/commands/.
constexpr NamedCommand kCommands[] = {
    {"grade", parlab::grader::commands::grade_command},
    {"batch", parlab::grader::commands::batch_command},
    {"scale", parlab::grader::commands::scale_command},
    {"prepare", parlab::grader::commands::prepare_command},
    {"sandbox", parlab::grader::commands::sandbox_command},
};

}  // namespace

int main(int argc, char** argv) {
  // Folders the grader creates must be traversable by the unprivileged uid
  // that runs student code (sandbox/isolation.hpp), whatever the caller's umask.
  umask(022);
  if (argc > 1) {
    for (const auto& command : kCommands) {
      if (std::strcmp(argv[1], command.name) == 0) {
        // The command sees itself as argv[0], so its --help reads "grade batch".
        argv[1] = argv[0];
        return command.run(argc - 1, argv + 1);
      }
    }
  }
  return parlab::grader::commands::grade_command(argc, argv);
}
