// The contract between an exercise and the grader's timing step.
//
// Each exercise's workload.cpp defines parlab::timer::workload(): how to run
// the kit's sequential baseline and the student's parallel code on the same
// input. timer_main.cpp turns that into the `timer` program that the grader
// runs, one variant per process, so it can time each run from outside (wall
// clock and CPU time from the kernel, which student code cannot forge).
//
// The same workload.cpp builds two programs:
//   timer      the student's code and the kit's baseline: the grader runs
//              only `--variant student` of it;
//   reference  built once per kit with PARLAB_REFERENCE_PROGRAM defined and no
//              student file linked: the baseline and the calibration (baseline copies)
//              run here, so nothing a student file does at start-up can slow
//              them down. Wrap the student entry in PARLAB_STUDENT_ENTRY(...)
//              so that the reference build drops it.
#pragma once

#include <cstdint>
#include <string>

namespace parlab::timer {

struct Params {
  std::uint64_t size = 0;  // the exercise's unit of work: samples, terms, tickers...
  unsigned threads = 1;    // threads the student's code may use
  std::uint64_t seed = 1;  // fresh per grading run, so answers cannot be predicted
};

struct Workload {
  // A size that finishes well under a second even in a debug build.
  std::uint64_t smoke_size;
  // The kit's sequential version. Returns the result as canonical text:
  // whitespace-separated tokens; integers compare exactly, decimals within
  // the manifest's relative tolerance.
  std::string (*baseline)(const Params&);
  // The code under test (student or reference solution), same output format;
  // nullptr in the reference program.
  std::string (*student)(const Params&);
};

#ifdef PARLAB_REFERENCE_PROGRAM
#define PARLAB_STUDENT_ENTRY(...) nullptr
#else
#define PARLAB_STUDENT_ENTRY(...) __VA_ARGS__
#endif

// Defined once per exercise, in its workload.cpp.
const Workload& workload();

}  // namespace parlab::timer
