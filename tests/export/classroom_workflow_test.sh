#!/usr/bin/env bash
# shellcheck disable=SC2016  # ${{ }} and $1 below are literal text, not shell expansions
# The student template's grading workflow keeps the GitHub Classroom shape
# the reporter and organisations expect, and its grading step's script does
# what it claims: it is run here, cut out of the workflow, with a stand-in
# for ./grade (the real grader's classroom format has its own unit tests).
. "$(dirname "${BASH_SOURCE[0]}")/common.sh"
wf="$kit/tools/export/template-files/.github/workflows/classroom.yml"

# ---- shape --------------------------------------------------------------
grep -qx 'name: Autograding Tests' "$wf" || fail "the workflow is not named 'Autograding Tests'"
jobs=$(awk '/^jobs:/ {in_jobs = 1; next} /^[^ #]/ {in_jobs = 0} in_jobs && /^  [A-Za-z0-9_-]+:/ {print $1}' "$wf")
[[ "$jobs" == "run-autograding-tests:" ]] || fail "jobs must be exactly run-autograding-tests, found: $jobs"
pass "workflow 'Autograding Tests' with the single job run-autograding-tests"
for needle in 'uses: classroom-resources/autograding-grading-reporter@v1' 'runners: parlab' \
              'PARLAB_RESULTS: "${{ steps.parlab.outputs.result }}"' 'id: parlab' '--format classroom' \
              'checks: write' 'sudo sysctl -w vm.mmap_rnd_bits=28' \
              'sudo sysctl -w kernel.apparmor_restrict_unprivileged_userns=0' \
              'token: ${{ secrets.PARLAB_HIDDEN_TESTS_TOKEN }}'; do
  grep -qF -- "$needle" "$wf" || fail "the workflow lacks: $needle"
done
pass "reporter step, parlab runner, TSan and user-namespace sysctls, optional hidden tests"

# The template ships exactly this workflow, and not the kit's CI.
"$kit/grade" export-template "$work/template" --no-git >/dev/null 2>&1
[[ "$(cd "$work/template/.github/workflows" && ls)" == "classroom.yml" ]] || fail "the template's workflows are not just classroom.yml"
cmp -s "$wf" "$work/template/.github/workflows/classroom.yml" || fail "the template's workflow differs from the kit's"
pass "the template holds this workflow and no other"

# ---- the grading step, run --------------------------------------------------
# Its `run: |` block, dedented.
awk '/^      - name: Grade$/ {found = 1; next}
     found && /^        run: \|$/ {body = 1; next}
     body && /^          / {print substr($0, 11); next}
     body && /^$/ {print ""; next}
     body {exit}' "$wf" >"$work/grade_step.sh"
grep -q -- '--format classroom' "$work/grade_step.sh" || fail "could not cut the Grade step's script out of the workflow"

run_step() {  # DIR: runs the step in DIR as Actions would (bash -e), output files inside
  (cd "$1" && GITHUB_OUTPUT="$1/output" GITHUB_STEP_SUMMARY="$1/summary" bash -e "$work/grade_step.sh") >"$1/log" 2>&1
}
new_repo() {  # DIR FAKE_GRADE_BODY: a repository with the kit's manifests and a stand-in ./grade
  mkdir -p "$1"
  (cd "$kit" && find exercises -name manifest.json -print0 | tar --null -T - -cf -) | tar -xf - -C "$1"
  printf '#!/usr/bin/env bash\nwhile (($#)); do [[ $1 == --out ]] && out=$2; shift; done\n%s\n' "$2" >"$1/grade"
  chmod +x "$1/grade"
}
decoded() { sed -n 's/^result=//p' "$1/output" | base64 -d; }

# A grader that reports 7.5 + 2.5 of 20 points.
result='{"version":1,"status":"fail","max_score":20,"tests":[{"name":"03_race_counter · tests","status":"pass","score":7.5,"message":"","test_code":"","filename":"","line_no":0,"duration":1},{"name":"03_race_counter · race","status":"fail","score":2.5,"message":"data race","test_code":"","filename":"","line_no":0,"duration":1}]}'
new_repo "$work/ran" "printf '%s' '$result' >\"\$out\""
run_step "$work/ran" || { cat "$work/ran/log"; fail "the Grade step failed although the grader ran"; }
[[ "$(decoded "$work/ran")" == "$result" ]] || fail "result= in \$GITHUB_OUTPUT is not the base64 of the grader's result"
pass "the step writes result=<base64 of the grader's v1 result> to \$GITHUB_OUTPUT"
grep -qx '::notice title=Points::Points 10/20' "$work/ran/log" || { cat "$work/ran/log"; fail "no Points annotation"; }
grep -qF '**Points: 10/20**' "$work/ran/summary" || fail "no Points line in the job summary"
pass "it annotates 'Points 10/20' (partial credit) and adds it to the job summary"

# A grader that could not even start.
new_repo "$work/broken" 'echo "grade: could not build the grader" >&2; exit 2'
if run_step "$work/broken"; then fail "the Grade step passed although the grader did not run"; fi
max=$(jq -s 'map(.points) | add' "$kit"/exercises/*/manifest.json)
decoded "$work/broken" | jq -e --argjson max "$max" '.version == 1 and .status == "error" and .max_score == $max
  and .tests[0].status == "error"' >/dev/null || fail "no error result for the reporter when the grader did not run"
grep -q '^::error title=Grader::' "$work/broken/log" || fail "no error annotation when the grader did not run"
pass "when the grader does not run: the step fails, with an error result out of $max points and an annotation"
