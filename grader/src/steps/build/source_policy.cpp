#include "steps/build/source_policy.hpp"

#include <fmt/format.h>

#include <mutex>

#include "core/files.hpp"
#include "core/lines.hpp"
#include "sandbox/process.hpp"
#include "steps/build/build_tool.hpp"
#include "steps/build/compile_commands.hpp"
#include "steps/build/diagnostics.hpp"
#include "steps/build/source_checks.hpp"

namespace parlab::grader::steps {

namespace {

namespace fs = std::filesystem;

Check rejected(const Workspace& ws, const std::string& file, int line, const std::string& message) {
  Check c;
  c.status = Status::fail;
  c.message = message;
  if (!file.empty()) c.location = Location{ws.display(file), line, 0};
  return c;
}

// The compiler's include search list, asked once per grader.
const std::vector<std::string>& search_dirs(const Workspace& ws, const Machine& machine) {
  static std::once_flag once;
  static std::vector<std::string> dirs;
  std::call_once(once, [&] {
    auto cmd = build_tool(ws, {"sh", "-c", machine.graded_cxx + " -std=c++20 -E -x c++ -v - </dev/null"}, 60);
    dirs = build::compiler_system_dirs(sandbox::run(cmd).err);
  });
  return dirs;
}

build::IncludePolicy include_policy(const Workspace& ws, const Machine& machine, const std::string& working_dir) {
  build::IncludePolicy policy;
  policy.working_dir = working_dir;
  for (const std::string& dir : search_dirs(ws, machine)) {
    // /usr/include holds every installed library: only the C standard
    // headers directly in it; the C++ library and the compiler's own
    // headers (intrinsics) are allowed whole.
    const bool cxx_or_builtin = contains(dir, "/c++/") || contains(dir, "/clang/");
    (cxx_or_builtin ? policy.system_dirs : policy.c_headers_dirs).push_back(dir);
  }
  policy.allowed_dirs = {(ws.kit_root / "kit" / "include" / "parlab").string(), "/usr/include/tbb",
                         "/usr/include/oneapi"};
  const fs::path tsan_tbb = ws.kit_root / ".cache" / "tbb-tsan" / "install" / "include";
  policy.allowed_dirs.push_back((tsan_tbb / "tbb").string());
  policy.allowed_dirs.push_back((tsan_tbb / "oneapi").string());
  // The exercise's API headers: the kit's own headers at the top of its folder.
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(ws.staged(), ec)) {
    const auto ext = entry.path().extension();
    if (entry.is_regular_file() && (ext == ".hpp" || ext == ".h")) policy.allowed_files.push_back(entry.path().string());
  }
  for (const std::string& name : ws.manifest->student_files) policy.allowed_files.push_back((ws.staged() / name).string());
  return policy;
}

struct Preprocessed {
  bool ok = false;
  std::string text;
  sandbox::Result run;
};

Preprocessed preprocess(const Workspace& ws, const build::CompileCommand& cc, const std::string& out_name, int timeout) {
  Preprocessed p;
  const fs::path out = ws.results_dir() / out_name;
  std::error_code ec;
  fs::remove(out, ec);
  auto cmd = build_tool(ws, {"sh", "-c", cc.command + " -E -o " + shell_quote(out.string())}, timeout);
  cmd.working_dir = cc.directory;
  p.run = sandbox::run(cmd);
  if (p.run.ok()) {
    if (auto text = read_file(out)) {
      p.text = std::move(*text);
      p.ok = true;
    }
  }
  return p;
}

// A preprocessor error: shown only where it is in a student file (a missing
// header, an #error of theirs), never a line of another file.
Check preprocessing_failure(const Workspace& ws, const Preprocessed& p) {
  Check c;
  c.status = Status::error;
  for (const auto& d : build::parse_diagnostics(p.run.out + p.run.err)) {
    if (d.severity == "note" || !ws.is_student_file(d.file)) continue;
    c.location = Location{ws.display(d.file), d.line, d.column};
    c.message = "does not compile: " + d.message;
    return c;
  }
  c.message = fmt::format("does not compile: the preprocessor failed ({}); check your #include lines", p.run.describe());
  return c;
}

}  // namespace

std::optional<Check> check_sources(const Workspace& ws, const Machine& machine, int timeout_s) {
  auto student = [&](std::string_view f) { return ws.is_student_file(f); };
  for (const std::string& name : ws.manifest->student_files) {
    const fs::path source = ws.staged() / name;
    const auto release = build::compile_command(ws.build_dir("release"), source);
    const auto tsan = build::compile_command(ws.build_dir("tsan"), source);
    if (!release || !tsan) continue;  // not compiled by itself (a header the student may edit)

    const std::string raw = read_file(source).value_or("");
    for (const auto& finding : {build::config_macro_uses(raw), build::line_directives(raw)}) {
      if (!finding.empty()) {
        return rejected(ws, source.string(), finding.front().line,
                        fmt::format("your code {}: it depends on how it is compiled; the graded code must be the "
                                    "same in every build, so remove the condition",
                                    finding.front().what));
      }
    }

    const std::string stem = fs::path(name).filename().string();
    const Preprocessed tsan_pp = preprocess(ws, *tsan, stem + ".tsan.ii", timeout_s);
    if (!tsan_pp.ok) return preprocessing_failure(ws, tsan_pp);
    const auto included = build::inclusions(tsan_pp.text, student);
    if (const auto bad = build::first_forbidden_include(included, include_policy(ws, machine, tsan->directory))) {
      return rejected(ws, bad->from_file, bad->from_line,
                      fmt::format("your code may not include {} ({}): only the standard library, the exercise's "
                                  "header, parlab/ headers and oneTBB",
                                  bad->file, bad->why));
    }
    const Preprocessed release_pp = preprocess(ws, *release, stem + ".release.ii", timeout_s);
    if (!release_pp.ok) return preprocessing_failure(ws, release_pp);
    if (const auto diff = build::first_token_difference(release_pp.text, tsan_pp.text, student)) {
      auto c = rejected(ws, diff->file, diff->line,
                        "this line changes when ThreadSanitizer is on: the graded code must be the code that is "
                        "checked for races, so remove what tells the two builds apart");
      c.details = fmt::format("release build: {}\nThreadSanitizer build: {}\n",
                              diff->release_text.empty() ? "(absent)" : diff->release_text,
                              diff->tsan_text.empty() ? "(absent)" : diff->tsan_text);
      return c;
    }
    if (const auto tokens = build::forbidden_tokens(tsan_pp.text, student); !tokens.empty()) {
      return rejected(ws, tokens.front().file, tokens.front().line,
                      fmt::format("sanitizer evasion rejected: your code {}; graded code is plain C++ and threads",
                                  tokens.front().what));
    }
  }
  return std::nullopt;
}

}  // namespace parlab::grader::steps
