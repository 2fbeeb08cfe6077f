#!/usr/bin/env bash
# "One exercise = one folder", tested literally: in a copy of the kit,
# exercise 04 is copied to a new folder, 99_copied_pi, and only its title and
# points are edited (its solution goes in the new folder solutions/99_copied_pi).
# No other file changes: no manifest id, no CMake, no grader code, no golden
# expectation. Then the kit's own golden specs grade the copy: the new
# solution, graded alongside its original (04), gets full marks, and the new
# stub fails only its speedup, exactly as the golden defaults
# (every_exercise) expect. (Only those two: the other exercises' solutions are
# golden.solutions' work, and each costs its kit build in a fresh copy.)
#
# usage: copied_exercise.sh GRADER KIT WORK
set -euo pipefail
grader=$1 kit=$2 work=$3
golden="$kit/grader/tests/golden"
copy="$work/kit"
rm -rf "$work"
mkdir -p "$copy"
# The kit's files as a fresh clone has them; the instrumented oneTBB is
# shared (read-only for the grader), not rebuilt.
tar -C "$kit" --exclude=./build --exclude=./.parlab --exclude=./.cache --exclude=./.git -cf - . | tar -C "$copy" -xf -
ln -s "$kit/.cache" "$copy/.cache"
before=$(cd "$copy" && find . -path ./.cache -prune -o -type f -print0 | sort -z | xargs -0 sha256sum)

cp -R "$copy/exercises/04_monte_carlo_pi" "$copy/exercises/99_copied_pi"
cp -R "$copy/solutions/04_monte_carlo_pi" "$copy/solutions/99_copied_pi"
jq '.title = "π again: a copy of 04" | .points = 20' "$kit/exercises/04_monte_carlo_pi/manifest.json" \
  >"$copy/exercises/99_copied_pi/manifest.json"

# Nothing outside the two new folders changed.
after=$(cd "$copy" && find . -path ./.cache -prune -o -path ./exercises/99_copied_pi -prune \
          -o -path ./solutions/99_copied_pi -prune -o -type f -print0 | sort -z | xargs -0 sha256sum)
if [[ "$before" != "$after" ]]; then
  echo "FAIL: files outside the new folders differ" >&2
  diff <(echo "$before") <(echo "$after") >&2 || true
  exit 1
fi

grade_golden() {  # SPEC SUBMISSION [ONLY]
  cmake -DGRADER="$grader" -DKIT="$copy" -DSUBMISSION="$copy/$2" -DEXPECTED="$golden/expected/$1.json" \
        -DWORK="$work/$1" -DNO_BUBBLEWRAP=OFF ${3:+-DONLY=$3} -P "$golden/check_golden.cmake"
}
grade_golden solutions solutions "04;99"
jq -e '.exercises | map(.id) | index("99_copied_pi") != null' "$work/solutions/solutions-report.json" >/dev/null ||
  { echo "FAIL: the new exercise was not graded alongside 04" >&2; exit 1; }
jq -e '.exercises[] | select(.id == "99_copied_pi") | .title == "π again: a copy of 04" and .max_score == 20' \
  "$work/solutions/solutions-report.json" >/dev/null ||
  { echo "FAIL: the new exercise's title or points are not the edited ones" >&2; exit 1; }
grade_golden stubs exercises 99
echo "PASS: a copied folder with an edited title and points is graded alongside the original"
