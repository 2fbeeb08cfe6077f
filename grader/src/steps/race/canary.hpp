// Proves that ThreadSanitizer works on this host before any clean TSan run
// is believed: builds grader/canary/racy_canary.cpp (once per compiler and
// source, cached under <kit>/.parlab/canary/) and requires a report from
// each probe's own run of it.
// On "FATAL: ThreadSanitizer: unexpected memory mapping" (kernels with
// vm.mmap_rnd_bits above what TSan before LLVM 18 supports) it retries with
// ASLR off (setarch -R) and, if that works, every TSan run uses it.
#pragma once

#include <filesystem>
#include <string>

#include "steps/machine.hpp"

namespace parlab::grader::steps {

// Fills machine.tsan_works, tsan_problem and tsan_launcher.
void probe_tsan(Machine& machine, const std::filesystem::path& kit_root, const std::filesystem::path& scratch);

// TSAN_OPTIONS for graded runs: stop at the first report with a distinctive
// exit code (TSan exits at once, so no atexit handler or destructor of the
// student's can remove its report or change the exit code; a run that exits
// 66 with its report gone still counts as racy), reports into files under
// log_prefix, no exit delay.
std::string tsan_options(const std::filesystem::path& log_prefix);

// The report files TSan wrote for log_path=<dir>/<stem> ("<stem>.<pid>"), concatenated.
std::string collect_tsan_logs(const std::filesystem::path& dir, const std::string& stem);
// Removes them, so a new run never reads an old run's reports.
void remove_tsan_logs(const std::filesystem::path& dir, const std::string& stem);

}  // namespace parlab::grader::steps
