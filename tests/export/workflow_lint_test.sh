#!/usr/bin/env bash
# Every GitHub workflow of the kit, of the student template and of the
# Classroom 50 recipe lints clean with actionlint (offline, tools/setup
# installs it), and the linter really catches a broken workflow (a step id
# that does not exist).
. "$(dirname "${BASH_SOURCE[0]}")/common.sh"
command -v node >/dev/null || fail "node is missing: run tools/setup"
lint=(node "$kit/tests/export/lint_workflows.cjs" "$kit/.cache/actionlint")

# The kit's CI, the template's grading workflow, and the Classroom 50 recipe
# (a reusable workflow and its caller, .yaml as Classroom 50 names them).
workflows=()
while IFS= read -r -d '' f; do workflows+=("$f"); done < <(
  find "$kit/.github/workflows" "$kit/tools/export/template-files/.github/workflows" "$kit/tools/export/classroom50-files" \
    \( -name '*.yml' -o -name '*.yaml' \) -print0 | sort -z)
((${#workflows[@]} >= 4)) ||
  fail "found ${#workflows[@]} workflows; expected the kit's CI, the template's grading workflow and the Classroom 50 pair"
"${lint[@]}" "${workflows[@]}" || fail "a workflow does not lint clean (problems above)"
pass "${#workflows[@]} workflows lint clean"

sed 's/steps\.parlab\.outputs/steps.parlab_typo.outputs/' "$kit/tools/export/template-files/.github/workflows/classroom.yml" \
  >"$work/broken.yml"
if "${lint[@]}" "$work/broken.yml" >"$work/broken.log" 2>&1; then fail "the linter accepted a reference to a missing step"; fi
grep -q 'parlab_typo' "$work/broken.log" || { cat "$work/broken.log"; fail "the linter failed, but not on the broken line"; }
pass "the linter catches a reference to a step that does not exist"
