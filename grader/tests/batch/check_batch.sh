#!/usr/bin/env bash
# End-to-end check of `grader batch` on a small class (make_small_class.sh):
# the gradebook rows, the per-student reports, the summary, verdicts equal
# to grading the student alone, a re-run that grades nothing, and a batch
# killed mid-way that loses nothing and resumes with just the missing student.
#   check_batch.sh GRADER KIT WORK
set -euo pipefail
grader=$1 kit=$2 work=$3
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=make_small_class.sh
. "$here/make_small_class.sh"

class=$work/submissions
out=$work/out
rm -rf "$work" && mkdir -p "$work"
make_small_class "$kit" "$class"
batch=("$grader" batch --kit "$kit" "$class" --out "$out" --exercises 03 --no-speedup --jobs 2 --keep-work)

echo "== first run: grades the two students, two at once"
"${batch[@]}" 2>&1 | tee "$work/run1.log"
grep -q "grading 2 student(s), 2 at once" "$work/run1.log" || fail "did not grade 2 students at once"

book=$out/gradebook.csv
[[ $(head -1 "$book" | tr -d '\r') == "student,id,03_race_counter,total,max,status,message" ]] || fail "header: $(head -1 "$book")"
[[ $(wc -l <"$book") -eq 6 ]] || fail "expected 5 rows and a header:\n$(cat "$book")"
[[ $(csv_row "$book" solution) == "solution,solution,7.5,7.5,10,graded,every exercise passed" ]] ||
  fail "solution row: $(csv_row "$book" solution)"
# The stub's counter races: the race check fails (its tests may fail too).
[[ $(csv_row "$book" stub) == stub,stub,[0-9]*,10,graded,*"not passed: 03_race_counter ("*race* ]] ||
  fail "stub row: $(csv_row "$book" stub)"
[[ $(csv_row "$book" empty) == "empty,empty,0,0,10,empty,empty folder: nothing was submitted" ]] ||
  fail "empty row: $(csv_row "$book" empty)"
[[ $(csv_row "$book" no-exercises) == no-exercises,no-exercises,0,0,10,no-exercises,* ]] ||
  fail "no-exercises row: $(csv_row "$book" no-exercises)"
[[ $(csv_row "$book" stray.txt) == stray.txt,stray.txt,,,10,not-a-folder,* ]] ||
  fail "stray file row: $(csv_row "$book" stray.txt)"

for student in solution stub; do
  for f in report.json report.md state.json grade.log; do
    [[ -s "$out/students/$student/$f" ]] || fail "missing $out/students/$student/$f"
  done
done
grep -q '"hidden_tests": true' "$out/students/stub/report.json" || fail "the batch did not use the hidden tests"
grep -q "race" "$out/students/stub/report.md" || fail "report.md of stub does not mention the race"
grep -q "## Most common problems" "$out/summary.md" || fail "summary.md lacks the common problems"
grep -q "| 1 | 03_race_counter | race fail |" "$out/summary.md" || fail "summary.md does not count the stub's race:\n$(cat "$out/summary.md")"
head -c 200 "$out/summary.svg" | grep -q "<svg xmlns" || fail "summary.svg is not an SVG"

echo "== each student graded alone gets the same verdicts"
# (the stub's tests race, so whether they pass may differ from run to run:
# for it, the build and race verdicts are compared)
verdicts() { grep -o '"status": "[a-z]*"' "$1" | cut -d'"' -f4 | tr '\n' ' '; }
for student in solution stub; do
  "$grader" --kit "$kit" "$class/$student/exercises" 03 --hidden on --no-speedup --format json \
    --out "$work/alone-$student.json" --work "$out/work/$student" --always-exit-zero --color never \
    >"$work/alone-$student.log" 2>&1 || fail "grading $student alone failed: $(tail "$work/alone-$student.log")"
  alone=$(verdicts "$work/alone-$student.json")
  batched=$(verdicts "$out/students/$student/report.json")
  if [[ $student == stub ]]; then
    alone=$(cut -d' ' -f1,3 <<<"$alone")
    batched=$(cut -d' ' -f1,3 <<<"$batched")
  fi
  [[ "$alone" == "$batched" ]] || fail "$student alone: $alone / in the batch: $batched"
  echo "$student: $batched"
done

echo "== second run: nothing changed, nothing is graded"
cp "$book" "$work/book1.csv"
"${batch[@]}" 2>&1 | tee "$work/run2.log"
grep -q "2 student(s) unchanged since their last grade: skipped" "$work/run2.log" || fail "the re-run did not skip"
! grep -q "grading" "$work/run2.log" || fail "the re-run graded someone"
cmp -s "$book" "$work/book1.csv" || fail "the gradebook changed on a re-run with nothing new"

echo "== a batch killed mid-way loses nothing and resumes with the changed student only"
echo "// edited after the deadline" >>"$class/stub/exercises/03_race_counter/race_counter.cpp"
"${batch[@]}" >"$work/run3.log" 2>&1 &
batch_pid=$!
for _ in $(seq 1 300); do grep -q "stub: grading" "$work/run3.log" && break; sleep 0.1; done
grep -q "stub: grading" "$work/run3.log" || fail "the changed student was not regraded:\n$(cat "$work/run3.log")"
sleep 1
kill -9 "$batch_pid"
wait "$batch_pid" 2>/dev/null || true
sleep 1
! pgrep -f "$out/students/" >/dev/null || fail "graders outlived the killed batch: $(pgrep -af "$out/students/")"
[[ ! -e "$out/students/stub/state.json" ]] || fail "the student in flight was committed"
[[ $(csv_row "$book" solution) == solution,solution,7.5,*,graded,* ]] || fail "the kill lost the solution row"
[[ $(csv_row "$book" stub) == stub,stub,,,10,pending,* ]] || fail "the student in flight is not pending: $(csv_row "$book" stub)"

"${batch[@]}" 2>&1 | tee "$work/run4.log"
grep -q "grading 1 student(s)" "$work/run4.log" || fail "the resumed batch did not grade exactly the missing student"
grep -q "1 student(s) unchanged" "$work/run4.log" || fail "the resumed batch regraded the finished student"
[[ $(csv_row "$book" stub) == stub,stub,[0-9]*,10,graded,*race* ]] || fail "stub after resume: $(csv_row "$book" stub)"
echo "batch: all checks passed"
