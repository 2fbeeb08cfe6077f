// What a run of student code leaves behind outside its work folder, and its
// removal before the next run of the same grade.
//
// Why: without bubblewrap (GitHub's Ubuntu 24.04 runners and Gradescope's
// containers often lack it) student code runs on the host's file system and
// IPC namespace as the dropped uid (isolation.hpp). It cannot write the kit,
// but it can create files in every world-writable folder (/tmp, /dev/shm...)
// and SysV IPC objects, and those outlive the run. A student who has read the
// grader could cache an answer during the release test run and replay it in
// the ThreadSanitizer run, so that the racy code never runs under TSan, or
// carry anything else from one step of a grade to the next. Every run of one
// grader process uses the same uid (kUidBase + its pid), so everything owned
// by that uid outside the work folder is a leftover: the grader removes it
// all after each run (clean_up_after).
//
// The removal runs as root over folders that other users (and other students'
// runs, in a batch) write into, so it never follows a symbolic link (a
// student's link to /etc is removed as a link), works relative to directory
// descriptors so that a name swapped for a link mid-sweep is not followed
// either, and never removes an entry owned by anyone else in a shared folder.
//
// Call it only when no process of that uid is alive (after run() returned:
// its supervisor has killed the whole tree), and never for a uid whose runs
// are in progress in other threads, or it removes their files mid-run.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <cstddef>
#include <filesystem>
#include <string>
#include <vector>

namespace parlab::grader::sandbox {

// ---- the folders an unprivileged uid could write into ------------------------

// Limits of the walk of the root file system that looks for world-writable
// folders beyond the usual ones.
struct ScanBudget {
  std::chrono::milliseconds time{400};
  std::size_t directories = 100'000;  // directories opened and listed
};

struct WritableDirScan {
  // Absolute paths without symbolic links, sorted, each listed once. A folder
  // found inside another listed folder is listed too (it may be owned by
  // someone else; the sweep also looks inside such folders on its own).
  std::vector<std::filesystem::path> dirs;
  bool complete = true;  // false: the budget ran out before the walk ended
  std::size_t directories_listed = 0;
  std::chrono::microseconds elapsed{0};
  // Empty when complete; else one line for the grader's log, e.g. "the search
  // for world-writable folders stopped after 400 ms (21000 folders) ...".
  std::string note;
};

// Folders at or below each of `roots` that a uid with no groups could create
// entries in (others may write and search them: o+wx), found by a
// breadth-first walk (shallow folders first, should the budget run out) that
// descends only into folders others may search (the uid cannot get below any
// other), never follows symbolic links, stays on each root's file system,
// and skips the paths in `skip` and folders of other students' uids (kUidBase
// and up: their own graders remove them, so they are not worth caching).
// Not cached; world_writable_scan() is the grader's entry.
WritableDirScan scan_world_writable_dirs(const std::vector<std::filesystem::path>& roots, const ScanBudget& budget,
                                         const std::vector<std::filesystem::path>& skip = {});

// The whole host's list: the usual folders that exist and are o+wx (/tmp,
// /var/tmp, /dev/shm, /dev/mqueue, /run/lock, /var/lock, /var/crash...), with
// symbolic links among them resolved (/var/lock -> /run/lock is listed once),
// plus whatever the walk of / finds (not /proc or /sys; of /dev only /dev/shm
// and /dev/mqueue; no other mounts: a world-writable folder on another file
// system, say a separately mounted /home, is found only if it is one of the
// usual ones). Computed on the first call and cached (thread-safe): the
// grader calls it after every run. The budget keeps it well under a second;
// when it ran out, `complete` is false and `note` says so.
const WritableDirScan& world_writable_scan();
std::vector<std::filesystem::path> world_writable_dirs();  // world_writable_scan().dirs

// ---- removing a uid's files -------------------------------------------------

struct SweepResult {
  std::size_t removed_files = 0;  // every entry but directories: files, links, FIFOs, sockets
  std::size_t removed_dirs = 0;
  std::size_t failed = 0;         // entries of the uid that could not be removed
  // Entries of other users found inside the uid's own directories that are
  // directories themselves (left alone; their parent stays, and is counted
  // in `failed`).
  std::size_t kept_foreign = 0;
  // Folders not looked into: beyond the nesting limit in someone else's
  // world-writable folders, or on another file system.
  std::size_t not_searched = 0;
  std::vector<std::string> first_removed;   // up to kSweepExamples paths, for diagnostics
  std::vector<std::string> first_problems;  // "PATH: why", up to kSweepExamples
  [[nodiscard]] std::size_t removed() const { return removed_files + removed_dirs; }
};
inline constexpr std::size_t kSweepExamples = 5;

// Removes every entry owned by `uid` directly in each of `dirs`, and in any
// world-writable subfolder of them (at any depth, someone else's included),
// and for a directory `uid` owns, the directory with all it holds. Never
// follows a symbolic link, never crosses into another file system below a
// listed folder, and leaves every entry of another user in a folder that is
// not the uid's alone. Inside a directory the uid owns, every name is the
// uid's to remove (it could unlink them itself): a file of another user
// there (a hard link, or a file another uid put into the student's 0777
// folder) loses that name only; its data and other names stay. Folders
// nested deeper than the descriptors allow are moved up and removed in turn.
// Refuses uid 0 and the grader's own uid (their files are not leftovers),
// reporting a problem.
SweepResult sweep_files_owned_by(uid_t uid, const std::vector<std::filesystem::path>& dirs);

// Removes the SysV shared memory segments, message queues and semaphore sets
// that `uid` owns or created (the owner can be changed with IPC_SET, the
// creator cannot), as listed in /proc/sysvipc/{shm,msg,sem} for the grader's
// IPC namespace; each is checked again with IPC_STAT just before IPC_RMID.
// Returns how many were removed. POSIX message queues (/dev/mqueue) and
// shared memory and semaphores (/dev/shm) are files: the sweep removes them.
// Refuses uid 0 and the grader's own uid (returns 0).
int remove_sysv_ipc_owned_by(uid_t uid);

struct CleanupReport {
  uid_t uid = 0;
  SweepResult files;
  int ipc_removed = 0;
  std::chrono::microseconds elapsed{0};
  [[nodiscard]] bool anything_found() const {
    return files.removed() > 0 || files.failed > 0 || files.kept_foreign > 0 || ipc_removed > 0;
  }
  // One line, e.g. "removed 3 files, 1 folder and 1 SysV IPC object left by
  // uid 1879048200 outside the work folder (first: /tmp/answer)"; "nothing
  // left behind" when there was nothing.
  [[nodiscard]] std::string summary() const;
};

// sweep_files_owned_by(uid, world_writable_dirs()) and
// remove_sysv_ipc_owned_by(uid). Cheap when there is nothing to remove: a
// listing of each world-writable folder and three small /proc files.
CleanupReport clean_up_after(uid_t uid);

}  // namespace parlab::grader::sandbox
