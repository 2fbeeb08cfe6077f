#!/usr/bin/env bash
# The student template holds what students need (stubs, public tests, the
# grader, the docs, the grading workflow, the devcontainer) and no solution
# or hidden test, in its files or in its git history; and the leak check
# itself catches the leaks it claims to (a solution pasted into a doc; a
# hidden test only in an old commit).
. "$(dirname "${BASH_SOURCE[0]}")/common.sh"
check="$kit/tests/export/leak_check.sh"

"$kit/grade" export-template "$work/template"
[[ -d "$work/template/.git" ]] || fail "export-template wrote no git repository"
[[ $(git -C "$work/template" rev-list --all | wc -l) -eq 1 ]] || fail "the template has more than one commit"
t="$work/template"
for f in grade CMakeLists.txt CMakePresets.json tools/setup grader/CMakeLists.txt grader/src/main.cpp \
         .devcontainer/devcontainer.json .github/workflows/classroom.yml \
         docs/student-guide.md docs/troubleshooting.md docs/grading-policy.md; do
  [[ -f "$t/$f" ]] || fail "the template lacks $f"
done
for m in "$kit"/exercises/*/manifest.json; do
  id=$(basename "$(dirname "$m")")
  for f in manifest.json README.md $(jq -r '.student_files[]' "$m"); do
    [[ -f "$t/exercises/$id/$f" ]] || fail "the template lacks exercises/$id/$f"
  done
  ls "$t/exercises/$id/tests/"*.cpp >/dev/null 2>&1 || fail "the template lacks the public tests of $id"
done
for f in solutions tests/export .github/workflows/ci.yml docs/performance.md run-tests; do
  [[ ! -e "$t/$f" ]] || fail "the template holds $f, which is the kit's own"
done
if ! grep -q 'docs/student-guide.md' "$t/README.md" || grep -qi 'solution' "$t/README.md"; then
  fail "the template's README is not the student README"
fi
pass "the template holds the stubs, public tests, grader, docs, workflow and devcontainer"
"$check" "$kit" "$t" || fail "the exported template leaks"
pass "the exported template leaks nothing"

# Negative controls on copies.
cp -a "$work/template" "$work/pasted"
cp "$(find "$kit/solutions" -name '*.cpp' | sort | head -n1)" "$work/pasted/docs/notes.md"
if "$check" "$kit" "$work/pasted" >/dev/null 2>&1; then fail "the leak check missed a solution pasted into docs/"; fi
pass "a solution pasted into docs/ is caught"

cp -a "$work/template" "$work/history"
hidden=$(cd "$kit" && find exercises/*/hidden -name '*.cpp' | sort | head -n1)
mkdir -p "$work/history/$(dirname "$hidden")" && cp "$kit/$hidden" "$work/history/$hidden"
g=(git -C "$work/history" -c user.name=test -c user.email=test@localhost)
"${g[@]}" add -A && "${g[@]}" commit -qm "add hidden" && "${g[@]}" rm -rq "$(dirname "$hidden")" && "${g[@]}" commit -qm "remove"
[[ ! -e "$work/history/$hidden" ]] || fail "control setup: the hidden test is still in the files"
if "$check" "$kit" "$work/history" >/dev/null 2>&1; then fail "the leak check missed a hidden test left in the git history"; fi
pass "a hidden test left only in the git history is caught"

# --no-git writes a plain folder, as leak-free.
"$kit/grade" export-template "$work/plain" --no-git
[[ ! -e "$work/plain/.git" ]] || fail "--no-git wrote a git repository"
"$check" "$kit" "$work/plain" || fail "the --no-git template leaks"
pass "--no-git writes a plain, leak-free folder"
