#!/usr/bin/env bash
# The student template works on its own: its README's quick command runs,
# CMake configures it without solutions or hidden tests, the grader builds
# from it and grades the untouched stubs with the public tests only, with the
# stubs' known verdicts. Then the authoring guide's worked example: a new
# exercise made by copying a folder and editing its manifest is graded with
# no change to the grader.
. "$(dirname "${BASH_SOURCE[0]}")/common.sh"
t="$work/template"
"$kit/grade" export-template "$t" --no-git
reuse_tbb_cache "$t"
cd "$t"

# The README's quick command, exactly as written there. (Its other command,
# the full ./grade, adds the speedup checks: minutes, left to the golden tests.)
quick="./grade 04 --no-speedup"
grep -qF -- "$quick" README.md || fail "README.md no longer shows '$quick': update this test with it"
$quick --color never >"$work/quick.log" 2>&1 || { cat "$work/quick.log"; fail "'$quick' failed in the template"; }
grep -q "04_monte_carlo_pi" "$work/quick.log" || { cat "$work/quick.log"; fail "'$quick' graded nothing"; }
pass "the README's '$quick' runs in the template"

./grade 03 04 --no-speedup --format json --out "$work/stubs.json" --always-exit-zero --color never >"$work/stubs.log" 2>&1 ||
  { cat "$work/stubs.log"; fail "the grader did not run in the template"; }
r="$work/stubs.json"
expect_jq "$r" '.hidden_tests == false' "the template grades with public tests only"
expect_jq "$r" '.exercises | map(.id) == ["03_race_counter", "04_monte_carlo_pi"]' "both exercises were graded"
expect_jq "$r" '.exercises[0].checks[] | select(.name == "race") | .status == "fail" and (.message | test("data race"))
                and (.location.file | endswith("race_counter.cpp"))' \
  "stub 03 fails its race check at race_counter.cpp (its known failure)"
expect_jq "$r" '.exercises[1].checks | map({(.name): .status}) | add ==
                {"build": "pass", "tests": "pass", "race": "pass", "speedup": "skipped"}' \
  "stub 04 passes build, tests and race (it is correct, only sequential)"
expect_jq "$r" '.exercises[1].checks[] | select(.name == "tests") | .message | test("hidden") | not' \
  "stub 04's test count names no hidden tests"

# Authoring: copy a folder, edit its manifest, grade. No grader change.
cp -R exercises/04_monte_carlo_pi exercises/99_pi_estimate
jq '.title = "π estimate (a copy of 04)" | .points = 20' \
  exercises/04_monte_carlo_pi/manifest.json >exercises/99_pi_estimate/manifest.json
./grade 99 --no-speedup --format json --out "$work/new.json" --always-exit-zero --color never >"$work/new.log" 2>&1 ||
  { cat "$work/new.log"; fail "the grader did not grade the new exercise"; }
expect_jq "$work/new.json" '.exercises[0].id == "99_pi_estimate" and .exercises[0].max_score == 20
                            and (.exercises[0].checks | map(.status) == ["pass", "pass", "pass", "skipped"])' \
  "a copied exercise with an edited manifest is graded, with its own points"
