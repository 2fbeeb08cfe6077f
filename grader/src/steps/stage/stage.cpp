#include "steps/stage/stage.hpp"

#include <fstream>
#include <iterator>
#include <set>

#include "sandbox/isolation.hpp"
#include "sandbox/kit_privacy.hpp"

namespace parlab::grader::steps {

namespace {

namespace fs = std::filesystem;

std::string read_all(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// Copies src to dst unless dst already holds the same bytes (keeps its mtime).
void sync_file(const fs::path& src, const fs::path& dst) {
  std::error_code ec;
  if (fs::exists(dst, ec) && fs::file_size(src, ec) == fs::file_size(dst, ec) && read_all(src) == read_all(dst)) {
    return;
  }
  fs::create_directories(dst.parent_path());
  fs::copy_file(src, dst, fs::copy_options::overwrite_existing);
}

}  // namespace

StageOutcome stage(const Workspace& ws, const sandbox::Layers& layers) {
  const Manifest& m = *ws.manifest;
  StageOutcome out;
  std::error_code ec;
  fs::create_directories(ws.staged(), ec);
  fs::create_directories(ws.run_dir(), ec);
  fs::create_directories(ws.results_dir(), ec);
  if (ec) {
    out.message = "cannot create the scratch folder " + ws.root.string() + ": " + ec.message();
    return out;
  }
  // The exercise's folder belongs to this grader's unprivileged uid, so no
  // other grader's student (another uid) can enter it; its staged sources
  // (hidden tests) and the grader's results/ stay root's alone.
  if (layers.drop_privileges) {
    try {
      sandbox::make_private_to(ws.root, layers.uid, layers.gid, 0700);
      sandbox::make_private_to(ws.src_root(), 0, 0, 0700);
      sandbox::make_private_to(ws.results_dir(), 0, 0, 0700);
    } catch (const std::exception& e) {
      out.message = std::string("cannot make the scratch folder private: ") + e.what();
      return out;
    }
  }

  const std::set<std::string> student(m.student_files.begin(), m.student_files.end());
  std::set<fs::path> wanted;

  // The kit's own files: API header, baseline, workload, tests, benchmarks.
  for (auto it = fs::recursive_directory_iterator(m.dir); it != fs::recursive_directory_iterator(); ++it) {
    const fs::path rel = it->path().lexically_relative(m.dir);
    if (!ws.hidden && *rel.begin() == "hidden") {
      if (it->is_directory()) it.disable_recursion_pending();
      continue;
    }
    if (!it->is_regular_file() || student.count(rel.generic_string()) != 0) continue;
    sync_file(it->path(), ws.staged() / rel);
    wanted.insert(rel);
  }

  // The student's files, and nothing else of theirs.
  for (const std::string& name : m.student_files) {
    const fs::path src = ws.submission_dir / name;
    const fs::path shown = ws.submission_dir.filename() / name;
    const auto status = fs::symlink_status(src, ec);
    if (!fs::exists(status)) {
      out.message = "missing file " + shown.string() + ": copy it from the kit's exercises/" + m.id + "/ and edit it there";
      out.missing_file = shown.string();
      return out;
    }
    if (fs::is_symlink(status) || !fs::is_regular_file(status)) {
      out.message = shown.string() + " must be a regular file, not a link or a folder";
      out.location = Location{shown.string(), 0, 0};
      return out;
    }
    if (fs::file_size(src, ec) > kMaxStudentFileBytes) {
      out.message = shown.string() + " is larger than 1 MiB: keep generated data out of source files";
      out.location = Location{shown.string(), 0, 0};
      return out;
    }
    sync_file(src, ws.staged() / name);
    wanted.insert(fs::path(name));
  }

  // Anything left over from an earlier grade (hidden tests now off, a file
  // the kit removed) must not be built.
  std::vector<fs::path> stale;
  for (auto it = fs::recursive_directory_iterator(ws.staged()); it != fs::recursive_directory_iterator(); ++it) {
    if (it->is_regular_file() && wanted.count(it->path().lexically_relative(ws.staged())) == 0) {
      stale.push_back(it->path());
    }
  }
  for (const auto& p : stale) fs::remove(p, ec);
  out.ok = true;
  return out;
}

}  // namespace parlab::grader::steps
