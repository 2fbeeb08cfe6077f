// The ThreadSanitizer parser against real logs (grader/tests/data/tsan, see
// the README there for how each was made): every field a student sees, and
// no crash on truncated or garbage input.
#include <gtest/gtest.h>

#include "test_data.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "steps/race/race_hints.hpp"
#include "steps/race/race_text.hpp"
#include "steps/race/tsan_log_parser.hpp"
#include "steps/race/tsan_report.hpp"

namespace {

using namespace parlab::grader::race;
namespace fs = std::filesystem;

const fs::path kData = fs::path(PARLAB_GRADER_TEST_DATA) / "tsan";

std::string read_file(const fs::path& path) { return parlab::grader::testing::read_test_file(path); }

// The one log file TSan wrote in data/tsan/<program>/ ("tsan.<pid>").
std::string log_of(const std::string& program) {
  for (const auto& entry : fs::directory_iterator(kData / program)) {
    if (entry.path().filename().string().rfind("tsan.", 0) == 0) return read_file(entry.path());
  }
  ADD_FAILURE() << "no tsan.<pid> file in " << (kData / program);
  return {};
}

// Every log, in a fixed order.
std::vector<fs::path> all_logs() {
  std::vector<fs::path> logs;
  for (const auto& entry : fs::recursive_directory_iterator(kData)) {
    if (entry.is_regular_file() && entry.path().filename().string().rfind("tsan.", 0) == 0) {
      logs.push_back(entry.path());
    }
  }
  std::sort(logs.begin(), logs.end());
  return logs;
}

bool under_scratch(std::string_view file) { return file.rfind("/tmp/g2-tsan/", 0) == 0; }

std::string basename_of(std::string_view file) {
  const std::size_t slash = file.rfind('/');
  return std::string(slash == std::string_view::npos ? file : file.substr(slash + 1));
}

TsanReport only_report(const std::string& program) {
  const std::vector<TsanReport> reports = parse_tsan_log(log_of(program));
  EXPECT_EQ(reports.size(), 1U) << program;
  return reports.empty() ? TsanReport{} : reports.front();
}

TEST(TsanReport, GlobalCounterRaceBetweenTwoThreads) {
  const TsanReport r = only_report("race_counter");
  EXPECT_EQ(r.kind, "data race");
  EXPECT_FALSE(r.is_crash());
  ASSERT_EQ(r.accesses.size(), 2U);
  EXPECT_EQ(r.accesses[0].description, "Write of size 8 at 0x560e3155d6a8 by thread T2");
  EXPECT_EQ(r.accesses[0].thread, "T2");
  EXPECT_EQ(r.accesses[1].description, "Previous write of size 8 at 0x560e3155d6a8 by thread T1");
  EXPECT_EQ(r.accesses[1].thread, "T1");

  ASSERT_EQ(r.accesses[0].stack.size(), 7U);
  const Frame& top = r.accesses[0].stack[0];
  EXPECT_EQ(top.index, 0);
  EXPECT_EQ(top.function, "count_up(int)");
  EXPECT_EQ(top.file, "/tmp/g2-tsan/race_counter.cpp");
  EXPECT_EQ(top.line, 8);
  EXPECT_EQ(top.column, 38);
  EXPECT_EQ(top.module, "race_counter");
  const Frame& invoke = r.accesses[0].stack[1];
  EXPECT_EQ(invoke.index, 1);
  EXPECT_EQ(invoke.function,
            "void std::__invoke_impl<void, void (*)(int), int>(std::__invoke_other, void (*&&)(int), int&&)");
  EXPECT_EQ(invoke.file, "/usr/bin/../lib/gcc/x86_64-linux-gnu/12/../../../../include/c++/12/bits/invoke.h");
  EXPECT_EQ(invoke.line, 61);
  EXPECT_EQ(invoke.column, 14);
  const Frame& unknown = r.accesses[0].stack[6];  // "#6 <null> <null> (libstdc++.so.6+0xd44a2)"
  EXPECT_EQ(unknown.index, 6);
  EXPECT_EQ(unknown.function, "");
  EXPECT_EQ(unknown.file, "");
  EXPECT_EQ(unknown.line, 0);
  EXPECT_EQ(unknown.module, "libstdc++.so.6");

  EXPECT_EQ(r.location, "Location is global 'counter' of size 8 at 0x560e3155d6a8 (race_counter+0x14fb6a8)");
  ASSERT_EQ(r.threads.size(), 2U);
  EXPECT_EQ(r.threads[0].thread, "T2");
  EXPECT_EQ(r.threads[0].description, "Thread T2 (tid=6680, running) created by main thread at");
  ASSERT_EQ(r.threads[0].created_at.size(), 3U);
  EXPECT_EQ(r.threads[0].created_at[0].function, "pthread_create");
  EXPECT_EQ(r.threads[0].created_at[0].file, "");
  EXPECT_EQ(r.threads[0].created_at[2].file, "csu/../sysdeps/nptl/libc_start_call_main.h");
  EXPECT_EQ(r.threads[1].thread, "T1");
  EXPECT_EQ(r.summary, "SUMMARY: ThreadSanitizer: data race /tmp/g2-tsan/race_counter.cpp:8:38 in count_up(int)");

  // raw is the report between its separators, not the trailing "reported 1 warnings".
  EXPECT_EQ(r.raw.rfind("==================\nWARNING: ThreadSanitizer: data race (pid=6677)\n", 0), 0U);
  EXPECT_TRUE(r.raw.size() > 20 && r.raw.substr(r.raw.size() - 20) == "\n==================\n");
  EXPECT_EQ(r.raw.find("reported 1 warnings"), std::string::npos);
}

TEST(TsanReport, StudentFrameHintAndSummaryForTheCounterRace) {
  const TsanReport r = only_report("race_counter");
  const auto frame = first_student_frame(r, under_scratch);
  ASSERT_TRUE(frame.has_value());
  EXPECT_EQ(frame->file, "/tmp/g2-tsan/race_counter.cpp");
  EXPECT_EQ(frame->line, 8);
  EXPECT_EQ(frame->function, "count_up(int)");
  EXPECT_FALSE(first_student_frame(r, [](std::string_view) { return false; }).has_value());

  const std::string hint = hint_for(r);
  EXPECT_NE(hint.find("'counter'"), std::string::npos) << hint;
  EXPECT_NE(hint.find("combine after join()"), std::string::npos) << hint;
  EXPECT_NE(hint.find("std::atomic"), std::string::npos) << hint;
  EXPECT_EQ(hint.find('\n'), std::string::npos) << "one line";

  EXPECT_EQ(summarize(r, basename_of),
            "ThreadSanitizer: data race\n"
            "  Write of size 8: race_counter.cpp:8 (count_up(int)) by thread T2\n"
            "  Previous write of size 8: race_counter.cpp:8 (count_up(int)) by thread T1\n"
            "  Location: global 'counter' of size 8\n"
            "  Thread T2 (running) created by main thread\n"
            "  Thread T1 (finished) created by main thread\n");
}

TEST(TsanReport, SummaryShowsEveryPathThroughDisplayPath) {
  const auto to_student = [](std::string_view file) {
    return under_scratch(file) ? "03_race_counter/" + basename_of(file) : std::string(file);
  };
  for (const char* program : {"race_counter", "race_tbb", "lock_order", "thread_leak"}) {
    const std::string text = summarize(only_report(program), to_student);
    EXPECT_EQ(text.find("/tmp/"), std::string::npos) << text;
    EXPECT_NE(text.find("03_race_counter/"), std::string::npos) << text;
    EXPECT_LE(std::count(text.begin(), text.end(), '\n'), 12) << text;
  }
}

TEST(TsanReport, LambdaRaceOnACapturedLocalFindsTheLineInThePreviousAccess) {
  const TsanReport r = only_report("race_lambda");
  EXPECT_EQ(r.kind, "data race");
  ASSERT_EQ(r.accesses.size(), 2U);
  EXPECT_EQ(r.accesses[0].description, "Read of size 8 at 0x7ffe69a91810 by thread T2");
  // TSan printed this frame's file without a line: "... bits/std_thread.h (race_lambda+0xd481a)".
  ASSERT_EQ(r.accesses[0].stack.size(), 2U);
  EXPECT_EQ(r.accesses[0].stack[0].file,
            "/usr/bin/../lib/gcc/x86_64-linux-gnu/12/../../../../include/c++/12/bits/std_thread.h");
  EXPECT_EQ(r.accesses[0].stack[0].line, 0);
  EXPECT_EQ(r.accesses[0].stack[0].column, 0);
  EXPECT_EQ(r.location, "Location is stack of main thread.");

  const auto frame = first_student_frame(r, under_scratch);
  ASSERT_TRUE(frame.has_value());
  EXPECT_EQ(frame->file, "/tmp/g2-tsan/race_lambda.cpp");
  EXPECT_EQ(frame->line, 11);
  EXPECT_EQ(frame->column, 44);
  EXPECT_EQ(frame->function, "main::$_0::operator()() const");
  EXPECT_NE(hint_for(r).find("local variable"), std::string::npos) << hint_for(r);
}

TEST(TsanReport, HeapRaceHasAHeapLocationAndAHeapHint) {
  const TsanReport r = only_report("race_heap");
  EXPECT_EQ(r.location, "Location is heap block of size 64 at 0x7b1000000000 allocated by main thread");
  ASSERT_EQ(r.accesses.size(), 2U);
  EXPECT_EQ(r.accesses[0].stack[0].function, "fill(int*, int)");
  EXPECT_EQ(r.accesses[0].stack[0].line, 7);
  EXPECT_EQ(r.accesses[0].stack[0].column, 49);
  EXPECT_EQ(r.accesses.size(), 2U) << "the allocation stack is not an access";
  EXPECT_NE(hint_for(r).find("heap memory"), std::string::npos) << hint_for(r);
  EXPECT_NE(summarize(r, basename_of).find("  Location: heap block of size 64 allocated by main thread\n"),
            std::string::npos);
}

// One std::mt19937_64 shared by two threads (exercise 04's classic bug): the
// race is inside the library's engine, on a global. The generic "own counter
// per thread" advice would be wrong; the hint names the kit's generator.
TEST(TsanReport, SharedRandomEngineGetsTheCounterBasedGeneratorHint) {
  const TsanReport r = only_report("race_mt19937");
  EXPECT_EQ(r.kind, "data race");
  EXPECT_EQ(r.location, "Location is global 'rng' of size 2504 at 0x555556a4f6e8 (race_mt19937+0x14fc0a8)");
  ASSERT_EQ(r.accesses.size(), 2U);
  EXPECT_EQ(r.accesses[0].stack[0].function.rfind("std::mersenne_twister_engine<unsigned long, 64ul", 0), 0U)
      << r.accesses[0].stack[0].function;
  EXPECT_EQ(r.accesses[0].stack[0].line, 458);

  const auto frame = first_student_frame(r, under_scratch);
  ASSERT_TRUE(frame.has_value());
  EXPECT_EQ(frame->function, "hits_of(long)");
  EXPECT_EQ(frame->line, 14);

  const std::string hint = hint_for(r);
  EXPECT_NE(hint.find("random generator shared by all threads"), std::string::npos) << hint;
  EXPECT_NE(hint.find("rng::uniform_point(seed, i)"), std::string::npos) << hint;
  EXPECT_EQ(hint.find("counter"), std::string::npos) << "the generic global-variable hint leaked through: " << hint;
}

// The same advice for the other standard engines (and libc++'s spelling),
// but not for a student's own type that merely mentions one in its name.
TEST(TsanReport, RandomEngineHintNeedsAStandardEngineFrame) {
  TsanReport r = only_report("race_mt19937");
  for (Access& a : r.accesses) {
    for (Frame& f : a.stack) {
      const std::string engine = "std::mersenne_twister_engine<";
      for (std::size_t at = f.function.find(engine); at != std::string::npos; at = f.function.find(engine)) {
        f.function.replace(at, engine.size(), "std::__1::linear_congruential_engine<");
      }
    }
  }
  EXPECT_NE(hint_for(r).find("rng::uniform_point"), std::string::npos) << hint_for(r);

  TsanReport counter = only_report("race_counter");
  EXPECT_EQ(hint_for(counter).find("rng::uniform_point"), std::string::npos);
  counter.accesses[0].stack[0].function = "my_mersenne_twister_engine<int>::next()";
  EXPECT_EQ(hint_for(counter).find("rng::uniform_point"), std::string::npos) << hint_for(counter);
}

TEST(TsanReport, LockOrderInversionListsTheFourAcquisitions) {
  const TsanReport r = only_report("lock_order");
  EXPECT_EQ(r.kind, "lock-order-inversion (potential deadlock)");
  ASSERT_EQ(r.accesses.size(), 4U);
  EXPECT_EQ(r.accesses[0].description, "Mutex M1 acquired here while holding mutex M0 in thread T1");
  EXPECT_EQ(r.accesses[1].description, "Mutex M0 previously acquired by the same thread here");
  EXPECT_EQ(r.accesses[2].description, "Mutex M0 acquired here while holding mutex M1 in thread T2");
  EXPECT_EQ(r.accesses[3].description, "Mutex M1 previously acquired by the same thread here");
  EXPECT_EQ(r.accesses[0].thread, "T1");
  EXPECT_EQ(r.accesses[1].thread, "T1");  // "the same thread"
  EXPECT_EQ(r.accesses[2].thread, "T2");
  EXPECT_EQ(r.accesses[3].thread, "T2");
  EXPECT_EQ(r.location, "");
  EXPECT_EQ(r.summary,
            "SUMMARY: ThreadSanitizer: lock-order-inversion (potential deadlock) (/tmp/g2-tsan/lock_order+0x70f9a) "
            "(BuildId: c07affc87bb0837bb2437e4ca6d062cd1b77e99f) in pthread_mutex_lock");

  const auto frame = first_student_frame(r, under_scratch);
  ASSERT_TRUE(frame.has_value());
  EXPECT_EQ(frame->function, "transfer()");
  EXPECT_EQ(frame->line, 12);
  EXPECT_NE(hint_for(r).find("std::scoped_lock"), std::string::npos);
  EXPECT_EQ(summarize(r, basename_of),
            "ThreadSanitizer: lock-order-inversion (potential deadlock)\n"
            "  Mutex M1 acquired here while holding mutex M0: lock_order.cpp:12 (transfer()) by thread T1\n"
            "  Mutex M0 previously acquired by the same thread here: lock_order.cpp:11 (transfer()) by thread T1\n"
            "  Mutex M0 acquired here while holding mutex M1: lock_order.cpp:18 (audit()) by thread T2\n"
            "  Mutex M1 previously acquired by the same thread here: lock_order.cpp:17 (audit()) by thread T2\n"
            "  Thread T1 (finished) created by main thread\n"
            "  Thread T2 (running) created by main thread\n");
}

TEST(TsanReport, RaceInsideATbbParallelForBody) {
  const TsanReport r = only_report("race_tbb");
  EXPECT_EQ(r.kind, "data race");
  ASSERT_EQ(r.accesses.size(), 2U);
  EXPECT_EQ(r.accesses[0].thread, "T1");
  EXPECT_EQ(r.accesses[1].thread, "main thread");
  EXPECT_EQ(r.accesses[1].description, "Previous write of size 8 at 0x7ffdb26903c0 by main thread");
  ASSERT_EQ(r.accesses[0].stack.size(), 11U);
  EXPECT_EQ(r.accesses[0].stack[5].module, "libtbb.so.12");
  EXPECT_EQ(r.accesses[0].stack[5].file, "/work/main/.cache/tbb-tsan/work/onetbb-2021.8.0/src/tbb/task_dispatcher.h");
  EXPECT_EQ(r.accesses[0].stack[5].line, 322);

  const auto frame = first_student_frame(r, under_scratch);
  ASSERT_TRUE(frame.has_value());
  EXPECT_EQ(frame->file, "/tmp/g2-tsan/race_tbb.cpp");
  EXPECT_EQ(frame->line, 13);
  EXPECT_EQ(frame->column, 80);
  EXPECT_EQ(frame->function, "main::$_0::operator()(tbb::detail::d1::blocked_range<unsigned long> const&) const");

  ASSERT_EQ(r.threads.size(), 1U);
  ASSERT_EQ(r.threads[0].created_at.size(), 25U);
  EXPECT_EQ(r.threads[0].created_at.back().function, "main");
  EXPECT_EQ(r.threads[0].created_at.back().line, 11);
  const std::string text = summarize(r, basename_of);
  EXPECT_NE(text.find("  Previous write of size 8: race_tbb.cpp:13 (main::$_0::operator()(tbb::detail"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("by the main thread\n"), std::string::npos) << text;
  EXPECT_NE(text.find("  Thread T1 (running) created by main thread at race_tbb.cpp:11 (main)\n"), std::string::npos)
      << text;
}

TEST(TsanReport, HeapUseAfterFree) {
  const TsanReport r = only_report("use_after_free");
  EXPECT_EQ(r.kind, "heap-use-after-free");
  ASSERT_EQ(r.accesses.size(), 2U);
  EXPECT_EQ(r.accesses[0].description, "Read of size 4 at 0x7b0400000000 by thread T1");
  EXPECT_EQ(r.accesses[1].thread, "main thread");
  EXPECT_EQ(r.accesses[1].stack[0].function, "operator delete(void*)");
  EXPECT_EQ(r.accesses[1].stack[1].line, 12);
  EXPECT_EQ(r.location, "");
  const auto frame = first_student_frame(r, under_scratch);
  ASSERT_TRUE(frame.has_value());
  EXPECT_EQ(frame->line, 10);
  EXPECT_NE(hint_for(r).find("freed"), std::string::npos);
}

TEST(TsanReport, ThreadLeakPointsAtTheThreadsCreation) {
  const TsanReport r = only_report("thread_leak");
  EXPECT_EQ(r.kind, "thread leak");
  EXPECT_TRUE(r.accesses.empty());
  ASSERT_EQ(r.threads.size(), 1U);
  EXPECT_EQ(r.threads[0].thread, "T1");
  const auto frame = first_student_frame(r, under_scratch);
  ASSERT_TRUE(frame.has_value());
  EXPECT_EQ(frame->file, "/tmp/g2-tsan/thread_leak.cpp");
  EXPECT_EQ(frame->line, 9);
  EXPECT_NE(hint_for(r).find("join()"), std::string::npos);
  EXPECT_EQ(summarize(r, basename_of),
            "ThreadSanitizer: thread leak\n"
            "  Thread T1 (finished) created by main thread at thread_leak.cpp:9 (main)\n");
}

TEST(TsanReport, MutexMisuseReportsHaveABareStack) {
  const TsanReport unlock = only_report("bad_unlock");
  EXPECT_EQ(unlock.kind, "unlock of an unlocked mutex (or by a wrong thread)");
  ASSERT_EQ(unlock.accesses.size(), 1U) << "the 'Mutex M0 created at' stack is not an access";
  EXPECT_EQ(unlock.accesses[0].description, "");
  EXPECT_EQ(unlock.accesses[0].thread, "");
  ASSERT_EQ(unlock.accesses[0].stack.size(), 4U);
  EXPECT_EQ(unlock.accesses[0].stack[3].function, "main");
  EXPECT_EQ(unlock.accesses[0].stack[3].line, 8);
  EXPECT_EQ(unlock.location, "Location is global 'guard' of size 40 at 0x5652b53d1668 (bad_unlock+0x14fb668)");
  EXPECT_NE(hint_for(unlock).find("std::lock_guard"), std::string::npos);

  const TsanReport destroy = only_report("destroy_locked");
  EXPECT_EQ(destroy.kind, "destroy of a locked mutex");
  ASSERT_EQ(destroy.accesses.size(), 2U);
  EXPECT_EQ(destroy.accesses[1].description, "and");
  EXPECT_EQ(destroy.accesses[1].stack[1].line, 8);

  const TsanReport invalid = only_report("invalid_mutex");  // "[failed to restore the stack]"
  EXPECT_EQ(invalid.kind, "use of an invalid mutex (e.g. uninitialized or destroyed)");
  ASSERT_EQ(invalid.accesses.size(), 1U);
  EXPECT_EQ(invalid.accesses[0].stack.size(), 2U);
  EXPECT_NE(hint_for(invalid).find("destroyed"), std::string::npos);
}

TEST(TsanReport, TwoSignalReportsInOneLog) {
  const std::vector<TsanReport> reports = parse_tsan_log(log_of("signal_unsafe"));
  ASSERT_EQ(reports.size(), 2U);
  EXPECT_EQ(reports[0].kind, "signal-unsafe call inside of a signal");
  ASSERT_EQ(reports[0].accesses.size(), 1U);
  const Frame& runtime = reports[0].accesses[0].stack.at(2);  // "... tsan_interceptors_posix.cpp.o (signal_unsafe+0x59cd1)"
  EXPECT_EQ(runtime.file, "tsan_interceptors_posix.cpp.o");
  EXPECT_EQ(runtime.line, 0);
  EXPECT_EQ(runtime.module, "signal_unsafe");
  EXPECT_EQ(reports[1].kind, "signal handler spoils errno");
  const Frame& handler = reports[1].accesses.at(0).stack.at(0);  // ".../signal_unsafe.cpp:12 (...)": no column
  EXPECT_EQ(handler.file, "/tmp/g2-tsan/signal_unsafe.cpp");
  EXPECT_EQ(handler.line, 12);
  EXPECT_EQ(handler.column, 0);
  EXPECT_EQ(reports[1].summary,
            "SUMMARY: ThreadSanitizer: signal handler spoils errno /tmp/g2-tsan/signal_unsafe.cpp:12 in on_signal(int)");
  EXPECT_NE(hint_for(reports[0]).find("signal handler"), std::string::npos);
}

TEST(TsanReport, TwoRacesInOneLogAndAStudentFrameWithoutALine) {
  const std::vector<TsanReport> reports = parse_tsan_log(log_of("race_main_and_async"));
  ASSERT_EQ(reports.size(), 2U);
  EXPECT_EQ(reports[0].accesses.at(0).thread, "main thread");
  EXPECT_EQ(reports[0].summary, "SUMMARY: ThreadSanitizer: data race /tmp/g2-tsan/race_main_and_async.cpp:18:45 in main");
  EXPECT_EQ(reports[1].location,
            "Location is global 'total' of size 8 at 0x555d0e8b6770 (race_main_and_async+0x1500770)");
  // The current access's student frame has the file but no line; the previous
  // access has the line, and that is the one worth showing.
  EXPECT_EQ(reports[1].accesses.at(0).stack.at(0).function, "add_range(int, int)");
  EXPECT_EQ(reports[1].accesses.at(0).stack.at(0).line, 0);
  const auto frame = first_student_frame(reports[1], under_scratch);
  ASSERT_TRUE(frame.has_value());
  EXPECT_EQ(frame->line, 11);
  EXPECT_EQ(frame->function, "add_range(int, int)");
}

TEST(TsanReport, SegvIsACrashReportNotARace) {
  const TsanReport r = only_report("segv");
  EXPECT_EQ(r.kind, "SEGV on unknown address");
  EXPECT_TRUE(r.is_crash());
  EXPECT_EQ(r.summary, "SUMMARY: ThreadSanitizer: SEGV /tmp/g2-tsan/segv.cpp:7:35 in main::$_0::operator()() const");
  EXPECT_EQ(r.raw.find("ABORTING"), std::string::npos);
  const auto frame = first_student_frame(r, under_scratch);
  ASSERT_TRUE(frame.has_value());
  EXPECT_EQ(frame->line, 7);
  EXPECT_NE(hint_for(r).find("crashed"), std::string::npos);
}

TEST(TsanReport, ConcatenatedLogsGiveEveryReportInOrder) {
  std::string all;
  for (const fs::path& log : all_logs()) all += read_file(log);
  std::vector<std::string> kinds;
  for (const TsanReport& r : parse_tsan_log(all)) kinds.push_back(r.kind);
  const std::vector<std::string> expected = {
      "unlock of an unlocked mutex (or by a wrong thread)",        // bad_unlock
      "destroy of a locked mutex",                                 // destroy_locked
      "use of an invalid mutex (e.g. uninitialized or destroyed)",  // invalid_mutex
      "lock-order-inversion (potential deadlock)",                 // lock_order
      "data race",                                                 // race_counter
      "data race",                                                 // race_heap
      "data race",                                                 // race_lambda
      "data race",                                                 // race_main_and_async
      "data race",
      "data race",                                                 // race_mt19937
      "data race",                                                 // race_tbb
      "SEGV on unknown address",                                   // segv
      "signal-unsafe call inside of a signal",                     // signal_unsafe
      "signal handler spoils errno",
      "thread leak",                                               // thread_leak
      "heap-use-after-free",                                       // use_after_free
  };
  EXPECT_EQ(kinds, expected);
}

TEST(TsanReport, ReportInsideGoogleTestOutputOnStderr) {
  const std::vector<TsanReport> reports = parse_tsan_log(read_file(kData / "racy_gtest_merged_output.txt"));
  ASSERT_EQ(reports.size(), 1U);
  const TsanReport& r = reports[0];
  EXPECT_EQ(r.summary, "SUMMARY: ThreadSanitizer: data race /tmp/g2-gtest/racy_test.cpp:10:37 in hit_many()");
  EXPECT_EQ(r.raw.find("[ RUN      ]"), std::string::npos);
  EXPECT_EQ(r.raw.find("[       OK ]"), std::string::npos);
  const auto frame = first_student_frame(r, [](std::string_view f) { return f.ends_with("racy_test.cpp"); });
  ASSERT_TRUE(frame.has_value());
  EXPECT_EQ(frame->line, 10);
}

TEST(TsanReport, UnexpectedMemoryMappingIsDetectedAndIsNoReport) {
  const std::string stderr_text = read_file(kData / "mapping" / "stderr.txt");
  EXPECT_TRUE(has_unexpected_memory_mapping(stderr_text));
  EXPECT_TRUE(parse_tsan_log(stderr_text).empty());
  EXPECT_FALSE(has_unexpected_memory_mapping(log_of("race_counter")));
  EXPECT_FALSE(has_unexpected_memory_mapping(""));
}

TEST(TsanReport, WarningsWithoutAPidAreNotReports) {
  // A notice, not a finding (hand-written line in the shape of LLVM's re-exec notices).
  EXPECT_TRUE(parse_tsan_log("WARNING: ThreadSanitizer: memory layout is incompatible\n").empty());
  EXPECT_TRUE(parse_tsan_log("ThreadSanitizer: reported 1 warnings\n").empty());
}

TEST(TsanReport, FrameParsingEdgeCases) {
  // Hand-written frames in TSan's format, for shapes the captured logs lack.
  const std::vector<TsanReport> reports = parse_tsan_log(
      "WARNING: ThreadSanitizer: data race (pid=1)\r\n"
      "  Write of size 8 at 0x1 by thread T1 (mutexes: write M7):\r\n"
      "    #0 operator/(Vec const&, double) /home/s/vec.cpp:3:1 (bin+0x1)\r\n"
      "    #1 scale() /home/s/scale.cpp:9\r\n"
      "    #2 0x55d1\r\n"
      "    #99999999999999 x\r\n");
  ASSERT_EQ(reports.size(), 1U);
  const TsanReport& r = reports[0];
  EXPECT_EQ(r.summary, "") << "the log was cut before SUMMARY";
  ASSERT_EQ(r.accesses.size(), 1U);
  EXPECT_EQ(r.accesses[0].thread, "T1");
  ASSERT_EQ(r.accesses[0].stack.size(), 4U);
  EXPECT_EQ(r.accesses[0].stack[0].function, "operator/(Vec const&, double)");
  EXPECT_EQ(r.accesses[0].stack[0].file, "/home/s/vec.cpp");
  EXPECT_EQ(r.accesses[0].stack[0].module, "bin");
  EXPECT_EQ(r.accesses[0].stack[1].function, "scale()");
  EXPECT_EQ(r.accesses[0].stack[1].line, 9);
  EXPECT_EQ(r.accesses[0].stack[1].module, "");
  EXPECT_EQ(r.accesses[0].stack[2].function, "0x55d1");
  EXPECT_EQ(r.accesses[0].stack[3].index, 0) << "an index that does not fit an int";
}

TEST(TsanReport, GarbageAndTruncatedLogsNeverThrow) {
  static constexpr char kBinary[] = "\0\xff\x1b[0m#0 :::: (";
  for (const std::string_view garbage :
       {std::string_view{}, std::string_view{"\n\n\n"}, std::string_view{"WARNING: ThreadSanitizer: "},
        std::string_view{"WARNING: ThreadSanitizer:  (pid="}, std::string_view{"==1==ERROR: ThreadSanitizer: "},
        std::string_view{"  #"}, std::string_view{"    #0 (+0x) (BuildId: )"}, std::string_view{"  Thread :"},
        std::string_view{kBinary, sizeof(kBinary) - 1}}) {
    std::string prefixed = "WARNING: ThreadSanitizer: data race (pid=2)\n";
    prefixed += garbage;
    for (const std::string& text : {std::string(garbage), prefixed}) {
      EXPECT_NO_THROW({
        for (const TsanReport& r : parse_tsan_log(text)) {
          (void)summarize(r, basename_of);
          (void)hint_for(r);
          (void)first_student_frame(r, under_scratch);
        }
      });
    }
  }
  std::size_t cuts = 0;
  for (const fs::path& log : all_logs()) {
    const std::string text = read_file(log);
    const std::size_t full = parse_tsan_log(text).size();
    for (std::size_t n = 0; n < text.size(); n += 97, ++cuts) {
      const std::string_view prefix(text.data(), n);
      std::vector<TsanReport> reports;
      ASSERT_NO_THROW(reports = parse_tsan_log(prefix)) << log << " cut at " << n;
      EXPECT_LE(reports.size(), full);
      for (const TsanReport& r : reports) {
        EXPECT_NO_THROW((void)summarize(r, basename_of));
        EXPECT_NO_THROW((void)hint_for(r));
        EXPECT_NO_THROW((void)first_student_frame(r, under_scratch));
      }
    }
  }
  EXPECT_GT(cuts, 500U) << "the fuzzing saw too little data";
}

}  // namespace
