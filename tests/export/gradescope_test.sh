#!/usr/bin/env bash
# The Gradescope autograder zip, run the way Gradescope runs it, in the
# /autograder layout relocated to a scratch root (AUTOGRADER_ROOT):
#   zip: setup.sh and run_autograder at the root, executable; the hidden
#        tests in, the solutions out;
#   setup.sh: installs nothing new here (packages present, the TSan oneTBB
#        copied from the kit's cache) and builds the grader from the zip;
#   run_autograder on four submissions, each must leave a results.json:
#     A. the reference solutions as loose files, on ONE core (below
#        Gradescope's default half vCPU the grader must say "not judged"
#        for CPU speedups, not fail them);
#     B. a repository layout with a file that does not compile and a file
#        missing;
#     C. an empty submission;
#     D. a broken grader (its build fails): an error results.json.
# Exercises 01 (latency speedup) and 04 (CPU speedup) keep it under a few
# minutes; --exercises is the export option that picks them.
. "$(dirname "${BASH_SOURCE[0]}")/common.sh"
zip="$work/autograder.zip"
"$kit/grade" export-gradescope "$zip" --exercises "01 04"

listing=$(zipinfo "$zip")
for f in setup.sh run_autograder; do
  grep -qE "^-rwx.* $f\$" <<<"$listing" || fail "$f is not an executable file at the zip's root"
done
pass "setup.sh and run_autograder are executable at the zip's root"
grep -qE ' solutions/' <<<"$listing" && fail "the zip holds solutions/"
grep -qE ' exercises/04_monte_carlo_pi/hidden/.*\.cpp$' <<<"$listing" || fail "the zip lacks the hidden tests"
pass "the zip holds the hidden tests and no solutions"

root="$work/autograder"
mkdir -p "$root/source" "$root/submission" "$root/results"
unzip -q "$zip" -d "$root/source"
reuse_tbb_cache "$root/source"
(cd "$root/source" && bash ./setup.sh) >"$work/setup.log" 2>&1 || { cat "$work/setup.log"; fail "setup.sh failed"; }
pass "setup.sh builds the grader from the zip"

results="$root/results/results.json"
run_autograder() {  # LOG [command prefix...]
  local log=$1; shift
  rm -f "$results"
  AUTOGRADER_ROOT="$root" "$@" "$root/source/run_autograder" >"$work/$log" 2>&1 ||
    { cat "$work/$log"; fail "run_autograder exited non-zero"; }
  [[ -s "$results" ]] || { cat "$work/$log"; fail "run_autograder wrote no results.json"; }
}
check() {  # jq filter on results.json, what it proves
  expect_jq "$results" "$1" "$2"
}
status() { echo ".tests[] | select(.name == \"$1 · $2\") | .extra_data.parlab_status"; }

# A. Solutions as loose files, one core.
cp "$kit"/solutions/*/*.cpp "$root/submission/"
run_autograder solutions.log taskset -c 0
check 'keys | contains(["score", "execution_time", "output", "output_format", "visibility", "stdout_visibility", "tests"])' \
  "A: results.json has Gradescope's top-level keys"
check '.tests | length == 8 and all(has("name", "score", "max_score", "status", "output", "visibility"))' \
  "A: one test per check of the two exercises, with the per-test keys"
check '.score == ([.tests[].score] | add)' "A: the score is the sum of the tests"
check '[.tests[] | select(.tags[1] != "speedup") | .status] | all(. == "passed")' \
  "A: the solutions pass build, tests (public and hidden) and race"
check '.tests[] | select(.name == "04_monte_carlo_pi · tests") | .output | test("hidden")' \
  "A: the hidden tests ran"
check "$(status 04_monte_carlo_pi speedup) == \"inconclusive\"" "A: on one core the CPU speedup is inconclusive, not failed"
check '.tests[] | select(.name == "04_monte_carlo_pi · speedup") | .output | test("not judged")' \
  "A: ... and says 'not judged'"
check '.output | test("fewer than 2 usable cores")' "A: the summary tells staff to raise the CPU"
check "[$(status 01_slow_downloads speedup)] | inside([\"pass\", \"inconclusive\"])" \
  "A: the latency speedup (01) does not fail on one core"
check '[.tests[] | select(.tags[1] == "tests") | .visibility] | all(. == "after_published")' \
  "A: tests checks get the hidden-test visibility (after_published by default)"
check '[.tests[] | select(.tags[1] != "tests") | .visibility] | all(. == "visible")' "A: other checks are visible"

# B. Repository layout: 04 does not compile, 01 is missing. Hidden tests'
# visibility set to "hidden" in the zip's settings.
rm -rf "$root/submission" && mkdir -p "$root/submission/exercises/04_monte_carlo_pi"
printf 'this is not C++\n' >"$root/submission/exercises/04_monte_carlo_pi/monte_carlo_pi.cpp"
sed -i 's/^hidden_visibility=.*/hidden_visibility=hidden/' "$root/source/gradescope.conf"
run_autograder broken.log
check "$(status 04_monte_carlo_pi build) == \"error\"" "B: a file that does not compile is a build error"
check '.tests[] | select(.name == "04_monte_carlo_pi · build") | .output | test("monte_carlo_pi.cpp:1")' \
  "B: ... located at its line"
check "$(status 01_slow_downloads build) == \"error\"" "B: a missing file is a build error of its exercise only"
check '.tests[] | select(.name == "01_slow_downloads · build") | .output | test("missing file")' "B: ... saying 'missing file'"
check '.score == 0' "B: scores 0"
check '[.tests[] | select(.tags[1] == "tests") | .visibility] | all(. == "hidden")' \
  "B: the hidden-test visibility follows the zip's setting"

# C. Nothing submitted.
rm -rf "$root/submission" && mkdir -p "$root/submission"
run_autograder empty.log
check '.score == 0 and (.tests | length == 8) and ([.tests[] | select(.tags[1] == "build") | .status] | all(. == "failed"))' \
  "C: an empty submission scores 0, every build failed"

# D. The grader itself cannot build: an error results.json, exit 0.
echo 'this breaks the build' >>"$root/source/grader/src/main.cpp"
run_autograder no-grader.log
check '.score == 0 and .tests == [] and (.output | test("could not grade"))' \
  "D: when the grader cannot build, results.json says so"

# The export refuses what Gradescope would reject.
if "$kit/grade" export-gradescope "$work/x.zip" --hidden-visibility sometimes 2>/dev/null; then
  fail "an unknown visibility was accepted"
fi
pass "export-gradescope refuses an unknown visibility"
