// The gradebook CSV: quoting that spreadsheets and Canvas/Moodle read back,
// one row per folder whatever its status, points only where there is a
// verdict, and the Canvas file's columns.
#include <gtest/gtest.h>

#include "batch/csv.hpp"
#include "batch/gradebook.hpp"
#include "batch/roster.hpp"
#include "batch/student_state.hpp"

namespace {

using namespace parlab::grader;
using namespace parlab::grader::batch;

BatchSettings two_exercises() {
  BatchSettings s;
  s.exercises = {{"03_race_counter", 10}, {"04_monte_carlo_pi", 10}};
  s.kit_version = "test";
  return s;
}

StudentState graded(const std::string& name, double a, double b) {
  StudentState s;
  s.student = name;
  s.status = kGraded;
  s.message = "ok";
  s.exercises = {{"03_race_counter", a, 10, {}, {}}, {"04_monte_carlo_pi", b, 10, {}, {}}};
  return s;
}

StudentState bad(const std::string& name, FolderKind kind) {
  StudentState s;
  s.student = name;
  s.status = to_string(kind);
  s.message = "what is wrong";
  return s;
}

TEST(BatchCsv, QuotesOnlyWhatNeedsIt) {
  EXPECT_EQ(csv_text("alice"), "alice");
  EXPECT_EQ(csv_text("a,b"), "\"a,b\"");
  EXPECT_EQ(csv_text("say \"hi\""), "\"say \"\"hi\"\"\"");
  EXPECT_EQ(csv_text("two\nlines"), "\"two\nlines\"");
  // A folder named like a formula is not run by a spreadsheet.
  EXPECT_EQ(csv_text("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
  EXPECT_EQ(csv_text("-x"), "'-x");
}

TEST(BatchCsv, NumbersWithoutNoise) {
  EXPECT_EQ(csv_number(10), "10");
  EXPECT_EQ(csv_number(7.5), "7.5");
  EXPECT_EQ(csv_number(25.0 / 3), "8.33");
  EXPECT_EQ(csv_number(0), "0");
  EXPECT_EQ(csv_number(-0.0), "0");
}

TEST(BatchCsv, ParsesWhatItWrites) {
  const CsvRow fields{csv_text("plain"), csv_text("with, comma"), csv_text("quote \" inside"), csv_text("multi\nline"), ""};
  const auto rows = parse_csv(csv_line(fields) + csv_line({"x", "y"}));
  ASSERT_EQ(rows.size(), 2U);
  EXPECT_EQ(rows[0], (CsvRow{"plain", "with, comma", "quote \" inside", "multi\nline", ""}));
  EXPECT_EQ(rows[1], (CsvRow{"x", "y"}));
}

TEST(BatchCsv, ReadsLfFilesWithAByteOrderMark) {
  const auto rows = parse_csv("\xEF\xBB\xBF" "folder,id\nalice,a1\n");
  ASSERT_EQ(rows.size(), 2U);
  EXPECT_EQ(rows[0][0], "folder");
  EXPECT_EQ(rows[1], (CsvRow{"alice", "a1"}));
}

TEST(BatchGradebook, OneRowPerFolderWithPointsOnlyWhereThereIsAVerdict) {
  StudentState error;
  error.student = "crashed";
  error.status = kError;
  error.message = "the grader did not finish";
  const std::vector<StudentState> states{graded("alice", 10, 7.5), bad("empty-one", FolderKind::empty),
                                         bad("notes.txt", FolderKind::not_a_folder), error};
  const auto rows = parse_csv(gradebook_csv(two_exercises(), states, {}));
  ASSERT_EQ(rows.size(), 5U);
  EXPECT_EQ(rows[0], (CsvRow{"student", "id", "03_race_counter", "04_monte_carlo_pi", "total", "max", "status", "message"}));
  EXPECT_EQ(rows[1], (CsvRow{"alice", "alice", "10", "7.5", "17.5", "20", "graded", "ok"}));
  // Nothing submitted: zero points, and the reason.
  EXPECT_EQ(rows[2], (CsvRow{"empty-one", "empty-one", "0", "0", "0", "20", "empty", "what is wrong"}));
  // No verdict: empty cells, which platforms read as "no grade", not zero.
  EXPECT_EQ(rows[3], (CsvRow{"notes.txt", "notes.txt", "", "", "", "20", "not-a-folder", "what is wrong"}));
  EXPECT_EQ(rows[4], (CsvRow{"crashed", "crashed", "", "", "", "20", "error", "the grader did not finish"}));
}

TEST(BatchGradebook, RosterIdsFillTheIdColumnAndTheCanvasFile) {
  const std::map<std::string, LmsIdentity> ids{{"alice", {"alice@uni.example", "Alice Example"}},
                                               {"empty-one", {"e1@uni.example", ""}}};
  const std::vector<StudentState> states{graded("alice", 10, 5), graded("bob", 0, 0), bad("empty-one", FolderKind::empty),
                                         bad("notes.txt", FolderKind::not_a_folder)};
  const auto rows = parse_csv(gradebook_csv(two_exercises(), states, ids));
  EXPECT_EQ(rows[1][1], "alice@uni.example");
  EXPECT_EQ(rows[2][1], "bob") << "a folder missing from the roster keeps its name as id";

  const auto canvas = parse_csv(canvas_csv(two_exercises(), states, ids));
  ASSERT_EQ(canvas.size(), 3U) << "bob (no roster id) and notes.txt (no points) are left out";
  EXPECT_EQ(canvas[0], (CsvRow{"Student", "ID", "SIS User ID", "SIS Login ID", "Section", "03_race_counter",
                               "04_monte_carlo_pi"}));
  EXPECT_EQ(canvas[1], (CsvRow{"Alice Example", "", "", "alice@uni.example", "", "10", "5"}));
  EXPECT_EQ(canvas[2], (CsvRow{"empty-one", "", "", "e1@uni.example", "", "0", "0"}));
}

}  // namespace
