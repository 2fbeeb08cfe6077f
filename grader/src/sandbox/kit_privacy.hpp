// Keeping the kit's secrets out of reach of student code run as the dropped
// uid, where bubblewrap does not hide the kit.
//
// Why: the kit's layout is public, so a student who has read the grader knows
// where the hidden tests, the solutions and the golden fixtures are. With
// bubblewrap, a run sees only the system, its build folder and its scratch
// folder. Without it (GitHub's Ubuntu 24.04 runners and Gradescope's
// containers often lack it), the dropped uid sees the host's file system, and
// a checkout is world-readable: its tests could simply open
// <kit>/exercises/*/hidden/... or <kit>/solutions/... and print or copy them.
// When the grader is root, it removes the permissions of others (o-rwx) from
// the folders that hold secrets. Taking them off a folder is enough: nobody
// but its owner and group can then search it, so nothing below it can be
// opened by path, whatever the files' own modes. The dropped uid is neither
// the owner nor in any group (isolation.hpp), root still reads everything,
// and the kit's owner (a developer who runs the grader with sudo) keeps the
// owner's and the group's bits.
//
// The folders made private, when they exist (relative to the kit):
//   .git                       the history holds the solutions and hidden tests
//   solutions                  the reference solutions
//   exercises/*/hidden         the hidden tests' sources
//   grader/tests               golden fixtures hold near-solutions
//   tests                      the kit's own tests
//   build*/bin/*/solution      built solution programs (CMake's presets put
//   build*/*/bin/*/solution    them in build/<preset>/bin/<exercise>/solution)
// Left alone on purpose: exercises/* itself (api.hpp and the public tests are
// the student's to read), kit/ (the public headers), .parlab/work and .cache
// (work folders and the instrumented oneTBB that runs must get through), and
// build*/**/golden-work (other graders' work folders: their own uids must
// get through them).
//
// No symbolic link is followed: a secret folder that is a link (a build
// folder linked to another disk, a .git file of a worktree) is reported and
// left as it is, never changed outside the kit.
#pragma once

#include <sys/types.h>

#include <filesystem>
#include <string>
#include <vector>

namespace parlab::grader::sandbox {

struct PrivacyReport {
  bool applied = false;  // false: not root, nothing was changed (see summary())
  uid_t kit_owner = 0;
  // Paths relative to the kit, each with a trailing '/': "solutions/".
  std::vector<std::string> changed;          // others could get in: now they cannot
  std::vector<std::string> already_private;  // others already could not
  std::vector<std::string> problems;         // "PATH: why" for each folder left as it was
  // One line for the grader's log, e.g. "made private to root: solutions/, 6
  // hidden/ folders, .git/, grader/tests/, 12 solution program folders";
  // "kit secrets left readable: the grader is not root ..." when not applied.
  [[nodiscard]] std::string summary() const;
};

// When the process is root: removes the others' permissions from each of the
// kit's secret folders listed above that exists (chmod o-rwx: the owner's,
// the group's and the special bits stay). A no-op, reporting so, when not
// root: then student code runs as the grader's own user, which owns or reads
// the kit anyway, and only bubblewrap can hide it. Idempotent and cheap (a
// few listings of the kit's top folders): call it once per grader process.
PrivacyReport make_kit_secrets_private(const std::filesystem::path& kit_root);

// Gives the folder `dir` to `owner`:`group` with `mode` (e.g. the dropped uid
// and 0700, for a run's work folder: no other uid, another student's in a
// batch included, can look into it). Changes `dir` itself only, never what
// it holds, and never through a symbolic link: `dir` being a link (or not a
// folder) is an error. The folders above `dir` must not be writable by the
// uid, or it could swap `dir` for another folder between runs. Throws
// std::filesystem::filesystem_error when it cannot (not root, a read-only
// file system...).
void make_private_to(const std::filesystem::path& dir, uid_t owner, gid_t group, mode_t mode);

}  // namespace parlab::grader::sandbox
