// Finding and removing what a dropped uid left outside its work folder
// (leftovers.hpp says why).
//
// Everything below works on directory descriptors: a name is looked at with
// fstatat(AT_SYMLINK_NOFOLLOW), opened with openat(O_NOFOLLOW | O_DIRECTORY)
// and checked again with fstat (same inode, same owner) before anything in it
// is removed, and removed with unlinkat, which never follows a link either.
// So a student who swaps a folder for a link to /etc while the sweep runs (a
// process of another grader's uid could, in a batch) gets the sweep to fail
// on that name, never to look into /etc. fs.protected_symlinks, which would
// stop root from following a link in a sticky folder, is off on some hosts
// (this machine's is), so it is not relied on.
#include "sandbox/leftovers.hpp"
#include "sandbox/unique_fd.hpp"

#include <dirent.h>
#include <fcntl.h>
#include <sys/ipc.h>
#include <sys/msg.h>
#include <sys/sem.h>
#include <sys/shm.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <deque>
#include <fstream>
#include <set>
#include <sstream>
#include <string_view>
#include <system_error>
#include <utility>

#include "sandbox/isolation.hpp"

namespace parlab::grader::sandbox {
namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

constexpr int kDirFlags = O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC;

std::string errno_text(int error_number) { return std::system_category().message(error_number); }

std::string join(const std::string& dir, const std::string& name) {
  return dir == "/" ? "/" + name : dir + "/" + name;
}

// Others may create entries in it: write and search permission for others.
// (The dropped uid has no groups, and its gid is its uid, which owns nothing.)
bool others_can_create_in(const struct stat& st) {
  return S_ISDIR(st.st_mode) && (st.st_mode & S_IWOTH) != 0 && (st.st_mode & S_IXOTH) != 0;
}

// The names in an open directory, "." and ".." left out. Read in full before
// anything is removed: removing entries while readdir() walks the same
// directory may skip some.
std::vector<std::string> names_in(int dir_fd, int& error) {
  std::vector<std::string> names;
  error = 0;
  const int copy = fcntl(dir_fd, F_DUPFD_CLOEXEC, 0);  // closedir() closes its descriptor
  if (copy < 0) {
    error = errno;
    return names;
  }
  DIR* dir = fdopendir(copy);
  if (dir == nullptr) {
    error = errno;
    close(copy);
    return names;
  }
  rewinddir(dir);  // the duplicate shares the offset: start from the beginning
  errno = 0;
  while (const dirent* entry = readdir(dir)) {
    const std::string_view name = entry->d_name;
    if (name != "." && name != "..") names.emplace_back(name);
    errno = 0;
  }
  error = errno;
  closedir(dir);
  return names;
}

// Opens an absolute path one component at a time, following no symbolic
// link on the way (the listed folders are already free of them).
UniqueFd open_dir_no_links(const fs::path& path) {
  UniqueFd current(open("/", kDirFlags));
  for (const auto& part : path.relative_path()) {
    if (!current.valid()) break;
    const std::string name = part.string();
    if (name.empty() || name == ".") continue;
    current = UniqueFd(openat(current.get(), name.c_str(), kDirFlags));
  }
  return current;
}

// ---- the scan ---------------------------------------------------------------

// Folders a uid with no groups could write into, where they exist. /var/lock
// and /run/shm are often links to /run/lock and /dev/shm: resolved below.
constexpr const char* kUsualWritable[] = {
    "/tmp",      "/var/tmp",   "/dev/shm",     "/run/shm",
    "/dev/mqueue", "/run/lock", "/var/lock",   "/var/crash",
    "/var/metrics", "/var/lib/php/sessions", "/var/spool/uucppublic",
};

// Whether a folder's link count on this file system is 2 + its subfolders,
// so that a folder with 2 links has none and need not be listed (most
// folders are such leaves: 8,700 listings rather than 21,000 here). Trusted only where known to
// hold; btrfs and overlayfs, among others, say 1 for every folder, and a
// folder with more subfolders than ext4 counts says 1 too: those are listed.
bool counts_subfolders_in_links(const std::string& path) {
  constexpr long kExt = 0xEF53;          // EXT2/3/4_SUPER_MAGIC
  constexpr long kTmpfs = 0x01021994;    // TMPFS_MAGIC
  constexpr long kXfs = 0x58465342;      // XFS_SUPER_MAGIC
  struct statfs fs_info {};
  if (statfs(path.c_str(), &fs_info) != 0) return false;
  const auto type = static_cast<long>(fs_info.f_type);
  return type == kExt || type == kTmpfs || type == kXfs;
}

}  // namespace

WritableDirScan scan_world_writable_dirs(const std::vector<fs::path>& roots, const ScanBudget& budget,
                                         const std::vector<fs::path>& skip) {
  const auto start = Clock::now();
  WritableDirScan scan;
  std::set<std::string> skipped;
  for (const auto& p : skip) skipped.insert(p.lexically_normal().string());
  std::set<std::string> found;

  struct Pending {
    std::string path;
    dev_t dev;
  };
  std::deque<Pending> queue;  // breadth first: shallow folders before deep ones
  std::size_t left = 0;       // folders not listed when the budget ran out
  // getdents64 straight into a buffer: fewer system calls than
  // opendir/readdir (no dup, no fstat), which are most of the walk's time.
  std::vector<char> buffer(64 * 1024);

  // The roots one after the other, so that a cut by the budget falls on the
  // last ones (world_writable_scan() puts /usr, the biggest and least likely
  // tree, last).
  for (std::size_t r = 0; r < roots.size(); ++r) {
    struct stat root_st {};
    const std::string root = roots[r].lexically_normal().string();
    if (lstat(root.c_str(), &root_st) != 0 || !S_ISDIR(root_st.st_mode)) continue;
    if (!scan.complete) {
      ++left;
      continue;
    }
    if (others_can_create_in(root_st)) found.insert(root);
    queue.push_back({root, root_st.st_dev});
    const bool leaves_known = counts_subfolders_in_links(root);

    while (!queue.empty()) {
      if (scan.directories_listed >= budget.directories || Clock::now() - start >= budget.time) {
        scan.complete = false;
        left += queue.size();
        queue.clear();
        break;
      }
      const Pending dir = std::move(queue.front());
      queue.pop_front();
      const UniqueFd fd(open(dir.path.c_str(), kDirFlags));
      if (!fd.valid()) continue;  // gone, or a link put in its place: nothing to list
      ++scan.directories_listed;
      for (;;) {
        const ssize_t got = getdents64(fd.get(), buffer.data(), buffer.size());
        if (got <= 0) break;
        for (std::size_t at = 0; at < static_cast<std::size_t>(got);) {
          const auto* entry = reinterpret_cast<const dirent64*>(buffer.data() + at);
          at += entry->d_reclen;
          // Only folders matter; d_type saves a stat for everything else.
          if (entry->d_type != DT_DIR && entry->d_type != DT_UNKNOWN) continue;
          const std::string_view name = entry->d_name;
          if (name == "." || name == "..") continue;
          struct stat st {};
          if (fstatat(fd.get(), entry->d_name, &st, AT_SYMLINK_NOFOLLOW) != 0 || !S_ISDIR(st.st_mode)) continue;
          if (st.st_dev != dir.dev) continue;         // another mount (walked only if it is a root)
          if ((st.st_mode & S_IXOTH) == 0) continue;  // the uid cannot get into it, nor below it
          if (st.st_uid >= kUidBase) continue;        // another grader's student: removed by that grader
          std::string path = join(dir.path, std::string(name));
          if (skipped.count(path) != 0) continue;
          if (others_can_create_in(st)) found.insert(path);
          if (leaves_known && st.st_nlink == 2) continue;  // no subfolder: nothing more to find in it
          queue.push_back({std::move(path), dir.dev});
        }
      }
    }
  }

  scan.dirs.assign(found.begin(), found.end());
  scan.elapsed = std::chrono::duration_cast<std::chrono::microseconds>(Clock::now() - start);
  if (!scan.complete) {
    std::ostringstream note;
    note << "the search for world-writable folders stopped after "
         << std::chrono::duration_cast<std::chrono::milliseconds>(scan.elapsed).count() << " ms ("
         << scan.directories_listed << " folders listed, at least " << left
         << " not): leftovers in a world-writable folder deeper down are not removed between runs";
    scan.note = note.str();
  }
  return scan;
}

const WritableDirScan& world_writable_scan() {
  // A function-local static: initialised once, and thread-safe, on first use.
  static const WritableDirScan scan = [] {
    struct stat root {};
    if (lstat("/", &root) != 0) return WritableDirScan{};
    std::vector<fs::path> usual;
    std::vector<fs::path> roots = {"/"};
    for (const char* candidate : kUsualWritable) {
      std::error_code ec;
      const fs::path real = fs::canonical(candidate, ec);  // /var/lock -> /run/lock
      struct stat st {};
      if (ec || lstat(real.c_str(), &st) != 0 || !others_can_create_in(st)) continue;
      usual.push_back(real);
      // Its own mount (a tmpfs /tmp, /dev/shm, /dev/mqueue): walked from there,
      // since the walk of / stops at mounts.
      if (st.st_dev != root.st_dev) roots.push_back(real);
    }
    // /usr last: nearly all the folders are there (about 19,000 of 21,000
    // on a development container), and a world-writable one among them is the
    // least likely, so it is where a cut by the budget should fall. (Only
    // when on the root's file system: another mount is not walked.)
    struct stat usr {};
    if (lstat("/usr", &usr) == 0 && usr.st_dev == root.st_dev) roots.emplace_back("/usr");
    // /dev holds device nodes, a world-writable few (/dev/null...) but no
    // other folder one may create files in; /proc and /sys are the kernel's.
    WritableDirScan result = scan_world_writable_dirs(roots, ScanBudget{}, {"/proc", "/sys", "/dev", "/usr"});
    std::set<fs::path> all(result.dirs.begin(), result.dirs.end());
    all.insert(usual.begin(), usual.end());
    result.dirs.assign(all.begin(), all.end());
    return result;
  }();
  return scan;
}

std::vector<fs::path> world_writable_dirs() { return world_writable_scan().dirs; }

// ---- the sweep --------------------------------------------------------------

namespace {

// Open folders at once, at most: deeper folders of the uid are moved up to
// the listed folder and removed from there; deeper world-writable folders of
// others are not looked into.
constexpr std::size_t kMaxOpenDepth = 48;

class Sweeper {
 public:
  Sweeper(uid_t uid, SweepResult& result) : uid_(uid), result_(result) {}

  // Sweeps one listed folder and the world-writable folders below it.
  void sweep_listed(const fs::path& dir) {
    UniqueFd fd = open_dir_no_links(dir);
    if (!fd.valid()) return;  // not there (any more), or not a folder
    struct stat st {};
    if (fstat(fd.get(), &st) != 0 || !S_ISDIR(st.st_mode)) return;
    if (!visited_.insert({st.st_dev, st.st_ino}).second) return;  // already swept below another one
    stack_.clear();
    stack_.reserve(kMaxOpenDepth + 1);  // frames never move: visit() keeps a reference to the top one
    stack_.push_back(Frame{std::move(fd), dir.string(), {}, 0, Kind::shared, {}, st.st_dev});
    list(stack_.back());
    run();
  }

 private:
  enum class Kind {
    shared,  // someone else's folder others may write into: only the uid's entries go
    owned,   // the uid's own folder: everything in it goes, then the folder
  };
  struct Frame {
    UniqueFd fd;
    std::string path;
    std::vector<std::string> names;
    std::size_t next = 0;
    Kind kind;
    std::string name_in_parent;  // for removing an owned folder once it is empty
    dev_t dev;
  };

  void list(Frame& frame) {
    int error = 0;
    frame.names = names_in(frame.fd.get(), error);
    if (error != 0) problem(frame.path, error);
  }

  void removed(std::size_t& counter, const std::string& path) {
    ++counter;
    if (result_.first_removed.size() < kSweepExamples) result_.first_removed.push_back(path);
  }
  void problem(const std::string& path, int error) { problem(path, errno_text(error)); }
  void problem(const std::string& path, const std::string& why) {
    if (result_.first_problems.size() < kSweepExamples) result_.first_problems.push_back(path + ": " + why);
  }

  // Opens the folder `name` of the top frame, if it is still the one that
  // fstatat saw: same inode, same owner, no link.
  UniqueFd open_checked(const Frame& parent, const std::string& name, const struct stat& seen) {
    UniqueFd fd(openat(parent.fd.get(), name.c_str(), kDirFlags));
    struct stat now {};
    if (!fd.valid() || fstat(fd.get(), &now) != 0 || now.st_dev != seen.st_dev || now.st_ino != seen.st_ino ||
        now.st_uid != seen.st_uid) {
      return UniqueFd();
    }
    return fd;
  }

  // Moves a folder of the uid too deep to open up to the listed folder (the
  // bottom frame, on the same file system) under a fresh name, and lists it
  // there, so that it is removed in turn.
  void move_up(Frame& parent, const std::string& name, const std::string& path) {
    Frame& bottom = stack_.front();
    for (int attempt = 0; attempt < 100; ++attempt) {
      const std::string fresh = ".parlab-leftover-" + std::to_string(getpid()) + "-" + std::to_string(moved_++);
      if (renameat2(parent.fd.get(), name.c_str(), bottom.fd.get(), fresh.c_str(), RENAME_NOREPLACE) == 0) {
        bottom.names.push_back(fresh);
        return;
      }
      if (errno != EEXIST) break;
    }
    ++result_.failed;
    problem(path, "nested too deep, and could not be moved up: " + errno_text(errno));
  }

  // One entry of the top frame.
  void visit(const std::string& name) {
    Frame& top = stack_.back();
    const std::string path = join(top.path, name);
    struct stat st {};
    if (fstatat(top.fd.get(), name.c_str(), &st, AT_SYMLINK_NOFOLLOW) != 0) {
      if (errno != ENOENT) problem(path, errno);
      return;
    }
    const bool mine = st.st_uid == uid_;
    if (!S_ISDIR(st.st_mode)) {
      // Files, links (never followed), FIFOs, sockets, device nodes. In the
      // uid's own folder every name is the uid's; elsewhere only its own.
      if (!mine && top.kind == Kind::shared) return;
      if (unlinkat(top.fd.get(), name.c_str(), 0) == 0) {
        removed(result_.removed_files, path);
      } else if (errno != ENOENT) {
        ++result_.failed;
        problem(path, errno);
      }
      return;
    }
    if (!mine) {
      if (top.kind == Kind::owned) ++result_.kept_foreign;
      if (!others_can_create_in(st)) return;  // the uid cannot have put anything in it
    }
    if (st.st_dev != top.dev) {  // a mount point: not crossed
      ++result_.not_searched;
      if (mine) ++result_.failed;
      problem(path, "on another file system: not searched");
      return;
    }
    if (stack_.size() >= kMaxOpenDepth) {
      if (mine) {
        move_up(top, name, path);
      } else {
        ++result_.not_searched;
        problem(path, "world-writable folders nested too deep: not searched");
      }
      return;
    }
    UniqueFd fd = open_checked(top, name, st);
    if (!fd.valid()) {
      if (mine) ++result_.failed;
      problem(path, "changed while being swept: left alone");
      return;
    }
    if (!mine && !visited_.insert({st.st_dev, st.st_ino}).second) return;
    const dev_t dev = top.dev;
    stack_.push_back(Frame{std::move(fd), path, {}, 0, mine ? Kind::owned : Kind::shared, name, dev});
    list(stack_.back());
  }

  // Leaves the top frame; an owned folder, now empty, is removed.
  void finish() {
    Frame done = std::move(stack_.back());
    stack_.pop_back();
    if (done.kind != Kind::owned || stack_.empty()) return;
    if (unlinkat(stack_.back().fd.get(), done.name_in_parent.c_str(), AT_REMOVEDIR) == 0) {
      removed(result_.removed_dirs, done.path);
    } else if (errno != ENOENT) {
      ++result_.failed;
      problem(done.path, errno);
    }
  }

  void run() {
    while (!stack_.empty()) {
      Frame& top = stack_.back();
      if (top.next < top.names.size()) {
        const std::string name = top.names[top.next++];
        visit(name);
      } else {
        finish();
      }
    }
  }

  uid_t uid_;
  SweepResult& result_;
  std::vector<Frame> stack_;
  std::set<std::pair<dev_t, ino_t>> visited_;  // shared folders already swept
  unsigned long moved_ = 0;
};

// Not leftovers: root's files, and the grader's own (when it is not root, it
// has no dropped uid; its own temporary files are in the same folders).
bool refused(uid_t uid) { return uid == 0 || uid == geteuid(); }

// ---- SysV IPC ---------------------------------------------------------------

union SemArg {  // the caller defines `union semun` (semctl(2))
  int val;
  struct semid_ds* buf;
  unsigned short* array;
};

enum class IpcKind { shm, msg, sem };

// Owner and creator of an IPC object, read just before it is removed: the
// id may have been removed (and, much later, reused) since /proc was read.
bool still_of(IpcKind kind, int id, uid_t uid) {
  switch (kind) {
    case IpcKind::shm: {
      struct shmid_ds ds {};
      return shmctl(id, IPC_STAT, &ds) == 0 && (ds.shm_perm.uid == uid || ds.shm_perm.cuid == uid);
    }
    case IpcKind::msg: {
      struct msqid_ds ds {};
      return msgctl(id, IPC_STAT, &ds) == 0 && (ds.msg_perm.uid == uid || ds.msg_perm.cuid == uid);
    }
    case IpcKind::sem: {
      struct semid_ds ds {};
      SemArg arg{};
      arg.buf = &ds;
      return semctl(id, 0, IPC_STAT, arg) == 0 && (ds.sem_perm.uid == uid || ds.sem_perm.cuid == uid);
    }
  }
  return false;
}

bool remove_ipc(IpcKind kind, int id) {
  switch (kind) {
    case IpcKind::shm: return shmctl(id, IPC_RMID, nullptr) == 0;
    case IpcKind::msg: return msgctl(id, IPC_RMID, nullptr) == 0;
    case IpcKind::sem: return semctl(id, 0, IPC_RMID) == 0;
  }
  return false;
}

// One /proc/sysvipc file: the columns are found by their header names (the
// id is the second column: shmid, msqid or semid).
int remove_ipc_listed(const char* listing, IpcKind kind, uid_t uid) {
  std::ifstream in(listing);
  std::string line;
  if (!std::getline(in, line)) return 0;
  std::vector<std::string> header;
  {
    std::istringstream fields(line);
    for (std::string field; fields >> field;) header.push_back(field);
  }
  const auto column = [&](const std::string& name) {
    const auto it = std::find(header.begin(), header.end(), name);
    return it == header.end() ? header.size() : static_cast<std::size_t>(it - header.begin());
  };
  const std::size_t id_col = 1;
  const std::size_t uid_col = column("uid");
  const std::size_t cuid_col = column("cuid");
  if (header.size() <= id_col || uid_col == header.size() || cuid_col == header.size()) return 0;

  int count = 0;
  while (std::getline(in, line)) {
    std::vector<std::string> row;
    std::istringstream fields(line);
    for (std::string field; fields >> field;) row.push_back(field);
    if (row.size() < header.size()) continue;
    try {
      const auto owner = static_cast<uid_t>(std::stoul(row[uid_col]));
      const auto creator = static_cast<uid_t>(std::stoul(row[cuid_col]));
      if (owner != uid && creator != uid) continue;
      const int id = std::stoi(row[id_col]);
      if (still_of(kind, id, uid) && remove_ipc(kind, id)) ++count;
    } catch (const std::exception&) {
      continue;  // a malformed row: not ours to guess at
    }
  }
  return count;
}

std::string plural(std::size_t n, const char* one, const char* many) {
  return std::to_string(n) + " " + (n == 1 ? one : many);
}

}  // namespace

SweepResult sweep_files_owned_by(uid_t uid, const std::vector<fs::path>& dirs) {
  SweepResult result;
  if (refused(uid)) {
    result.first_problems.push_back("refused to sweep the files of uid " + std::to_string(uid) +
                                    ": root's and the grader's own files are not leftovers");
    return result;
  }
  Sweeper sweeper(uid, result);
  for (const auto& dir : dirs) sweeper.sweep_listed(dir);
  return result;
}

int remove_sysv_ipc_owned_by(uid_t uid) {
  if (refused(uid)) return 0;
  return remove_ipc_listed("/proc/sysvipc/shm", IpcKind::shm, uid) +
         remove_ipc_listed("/proc/sysvipc/msg", IpcKind::msg, uid) +
         remove_ipc_listed("/proc/sysvipc/sem", IpcKind::sem, uid);
}

CleanupReport clean_up_after(uid_t uid) {
  const auto start = Clock::now();
  CleanupReport report;
  report.uid = uid;
  report.files = sweep_files_owned_by(uid, world_writable_dirs());
  report.ipc_removed = remove_sysv_ipc_owned_by(uid);
  report.elapsed = std::chrono::duration_cast<std::chrono::microseconds>(Clock::now() - start);
  return report;
}

std::string CleanupReport::summary() const {
  if (!anything_found()) {
    return files.first_problems.empty() ? std::string("nothing left behind")
                                        : "nothing removed (" + files.first_problems.front() + ")";
  }
  std::vector<std::string> parts;
  if (files.removed_files > 0) parts.push_back(plural(files.removed_files, "file", "files"));
  if (files.removed_dirs > 0) parts.push_back(plural(files.removed_dirs, "folder", "folders"));
  if (ipc_removed > 0) {
    parts.push_back(plural(static_cast<std::size_t>(ipc_removed), "SysV IPC object", "SysV IPC objects"));
  }
  std::string line;
  if (parts.empty()) {
    line = "removed nothing";
  } else {
    line = "removed " + parts.front();
    for (std::size_t i = 1; i < parts.size(); ++i) line += (i + 1 == parts.size() ? " and " : ", ") + parts[i];
  }
  line += " left by uid " + std::to_string(uid) + " outside the work folder";
  if (!files.first_removed.empty()) line += " (first: " + files.first_removed.front() + ")";
  if (files.failed > 0) {
    line += "; could not remove " + std::to_string(files.failed);
    if (!files.first_problems.empty()) line += " (" + files.first_problems.front() + ")";
  }
  if (files.kept_foreign > 0) {
    line += "; left " + plural(files.kept_foreign, "folder", "folders") + " of other users inside its folders";
  }
  return line;
}

}  // namespace parlab::grader::sandbox
