#!/usr/bin/env bash
# Submissions built from the recipe that the first one's CMake build left
# (grader/src/steps/build/build_recipe.hpp), end to end, both paths:
#  1. with no recipe, 04's solution is configured by CMake (build.ninja in its
#     build folders) and passes; the recipes are then there;
#  2. the same solution in another work folder is built from them (no
#     build.ninja, no configure) and passes again, and a warm re-grade too;
#  3. a submission that does not compile, built from the recipe, is an error
#     located at the student's file and line, as under CMake;
#  4. a work folder whose path build commands or TSan's options cannot carry
#     is refused, and nothing in it runs (a batch names every student's work
#     folder plainly: core/lines.hpp file_name_for).
#
# usage: recipe_build.sh GRADER KIT WORK
set -euo pipefail
grader=$1 kit=$2 work=$3
golden="$kit/grader/tests/golden"
rm -rf "$work"
mkdir -p "$work"

fail() { echo "FAIL: $*" >&2; exit 1; }
grade() {  # WORK SUBMISSION -> report.json in WORK
  "$grader" --kit "$kit" "$2" 04 --no-speedup --work "$1" --format json --out "$1.json" --always-exit-zero >/dev/null
}
check() {  # REPORT JQ-EXPRESSION WHAT
  jq -e ".exercises[] | select(.id == \"04_monte_carlo_pi\") | $2" "$1" >/dev/null || {
    jq '.exercises[].checks[] | {name, status, message}' "$1" >&2
    fail "$3"
  }
}

# The kit build of 04 (shared with the other golden tests), then no recipes.
"$grader" prepare --kit "$kit" 04 >/dev/null
recipes() { find "$kit/.parlab/kit-build" -path '*/submission-recipes/04_monte_carlo_pi-*.json' | wc -l; }
find "$kit/.parlab/kit-build" -path '*/submission-recipes/04_monte_carlo_pi-*.json' -delete

# 1. CMake, then the recipes.
grade "$work/first" "$kit/solutions"
check "$work/first.json" '.checks | map(.status) == ["pass","pass","pass","skipped"]' "the first solution (CMake) does not pass"
[[ -f "$work/first/04_monte_carlo_pi/build-release/build.ninja" ]] || fail "the first build did not go through CMake"
[[ $(recipes) -eq 2 ]] || fail "expected a recipe per configuration (release, tsan), found $(recipes)"

# 2. From the recipes, cold and warm.
grade "$work/second" "$kit/solutions"
check "$work/second.json" '.checks | map(.status) == ["pass","pass","pass","skipped"]' "the solution built from the recipe does not pass"
for config in release tsan; do
  dir="$work/second/04_monte_carlo_pi/build-$config"
  [[ ! -e "$dir/build.ninja" ]] || fail "the $config build was configured by CMake, not built from the recipe"
  for program in public_tests hidden_tests timer; do
    [[ -x "$dir/bin/04_monte_carlo_pi/exercise/$program" ]] || fail "the recipe made no $config $program"
  done
done
grade "$work/second" "$kit/solutions"
check "$work/second.json" '.checks[0].status == "pass"' "a warm re-grade from the recipe does not pass"

# 3. A compile error, from the recipe: located at the student's line.
grade "$work/broken" "$golden/fixtures/not_compiling"
[[ ! -e "$work/broken/04_monte_carlo_pi/build-release/build.ninja" ]] || fail "the broken build went through CMake"
check "$work/broken.json" '.checks[0].status == "error" and (.checks[0].message | contains("hitz"))' \
  "the compile error from the recipe is not the compiler's"
check "$work/broken.json" '.checks[0].location.file | endswith("not_compiling/04_monte_carlo_pi/monte_carlo_pi.cpp")' \
  "the compile error is not located in the student's file"
check "$work/broken.json" '.checks[0].location.line == 13' "the compile error is not at line 13"

# 4. Work folders that build commands or TSan's options cannot carry: one
#    with spaces (TSan's log_path ends there), one named to run a command
#    (CMake's compile commands would carry it into sh as $(...)). Both are
#    refused with a message, and nothing in them runs.
refused() {  # WORK
  set +e
  "$grader" --kit "$kit" "$kit/solutions" 04 --no-speedup --work "$1" >"$work/refused.log" 2>&1
  local status=$?
  set -e
  [[ $status -eq 2 ]] || fail "the work folder '$1' was not refused (exit $status)"
  grep -q "must have a plain path" "$work/refused.log" || fail "no message for '$1': $(cat "$work/refused.log")"
}
refused "$work/a folder with spaces"
refused "$work/x\$(touch $work/pwned)"
[[ ! -e "$work/pwned" ]] || fail "a folder name ran as a shell command"
echo "PASS: CMake for the first submission, its recipe for the others; errors located; work folders that are not plain refused"
