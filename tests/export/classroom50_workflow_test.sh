#!/usr/bin/env bash
# shellcheck disable=SC2016  # ${{ }} below is literal text, not a shell expansion
# The Classroom 50 recipe (tools/export/classroom50-files): the caller that
# accepting writes into each student repository, and the reusable workflow
# it calls. The workflow's steps are cut out and run here, in order, in a
# repository shaped like an accepted one (a bare "origin" beside it), with
# stand-ins for ./grade and gh: what the steps hand the grader must make a
# result.json the gradebook accepts, and the Release must carry it.
. "$(dirname "${BASH_SOURCE[0]}")/common.sh"
files="$kit/tools/export/classroom50-files"
wf="$files/parlab-autograde.yaml"
caller="$files/autograde.yaml"

# ---- shape --------------------------------------------------------------
grep -q '^  workflow_call:' "$wf" || fail "parlab-autograde.yaml is not a reusable workflow (on: workflow_call)"
grep -qF 'uses: YOUR-ORG/classroom50/.github/workflows/parlab-autograde.yaml@main' "$caller" ||
  fail "the caller does not call the reusable workflow in the organisation's classroom50 repository"
grep -qF 'tags: ["submit/*"]' "$caller" || fail "the caller is not triggered by submit/* tags"
for needle in 'contents: write' 'sudo sysctl -w vm.mmap_rnd_bits=28' \
              'sudo sysctl -w kernel.apparmor_restrict_unprivileged_userns=0' '--format classroom50' \
              'gh release create "$SUBMISSION_TAG" result.json'; do
  grep -qF -- "$needle" "$wf" || fail "the workflow lacks: $needle"
done
pass "a reusable workflow and its caller: contents write, TSan and user-namespace sysctls, classroom50 result, a Release"

# ---- the steps, run ---------------------------------------------------------
step() {  # NAME: the step's `run: |` block, dedented
  awk -v name="      - name: $1" '$0 == name {found = 1; next}
       found && /^        run: \|$/ {body = 1; next}
       body && /^          / {print substr($0, 11); next}
       body && /^$/ {print ""; next}
       body {exit}' "$wf"
}
for name in "Name the submission" "Tag the submission" "Grade" "Publish the Release"; do
  step "$name" >"$work/$name.sh"
  [[ -s "$work/$name.sh" ]] || fail "could not cut the step '$name' out of the workflow"
done

# An accepted repository: the template's commit, the accept commit, a submission.
repo="$work/pp-2026-parlab-student1"
git init -q --bare "$work/origin.git"
git init -q -b main "$repo"
git() { command git -c user.name=test -c user.email=test@localhost "$@"; }
(cd "$kit" && find exercises -name manifest.json -print0 | tar --null -T - -cf -) | tar -xf - -C "$repo"
git -C "$repo" add -A && git -C "$repo" commit -q -m "template"
printf 'schema: "classroom50/repo-config/v1"\nclassroom: "pp-2026"\nassignment: "parlab"\nowner:\n  username: "student1"\n' \
  >"$repo/.classroom50.yaml"
mkdir -p "$repo/.github/workflows" && cp "$caller" "$repo/.github/workflows/autograde.yaml"
git -C "$repo" add -A && git -C "$repo" commit -q -m "accept"
accept=$(git -C "$repo" rev-parse HEAD)
echo 'solution' >"$repo/exercises/answer.txt"
git -C "$repo" add -A && GIT_COMMITTER_DATE="2026-10-01T14:32:01Z" git -C "$repo" commit -q -m "my work"
sha=$(git -C "$repo" rev-parse HEAD)
git -C "$repo" remote add origin "$work/origin.git"

# Stand-ins: ./grade writes the result the real one would, from the same
# environment (the identity fields; the points are the unit tests' business).
cat >"$repo/grade" <<'EOF'
#!/usr/bin/env bash
while (($#)); do [[ $1 == --out ]] && out=$2; shift; done
jq -n --arg c "$CLASSROOM" --arg a "$ASSIGNMENT" --arg t "$ASSIGNMENT_TYPE" --arg o "$OWNER" --arg s "$SUBMISSION_TAG" \
  --arg cu "$COMMIT_URL" --arg ru "$RELEASE_URL" --arg rv "$REVIEW_URL" --arg d "$SUBMISSION_DATETIME" \
  '{schema: "classroom50/result/v1", classroom: $c, assignment: $a, assignment_type: $t, owner: $o, submission: $s,
    commit: $cu, release: $ru, review: $rv, datetime: $d, score: 5, "max-score": 20,
    tests: [{"test-name": "03_race_counter · tests", passed: true, score: 5, "max-score": 10, status: "pass",
             message: "6 tests passed", "unscaled-score": 2.5, "unscaled-max-score": 5},
            {"test-name": "03_race_counter · race", passed: false, score: 0, "max-score": 10, status: "fail",
             message: "data race | on counter", "unscaled-score": 0, "unscaled-max-score": 5}]}' >"$out"
EOF
chmod +x "$repo/grade"
mkdir -p "$work/bin"
cat >"$work/bin/gh" <<EOF
#!/usr/bin/env bash
echo "gh \$*" >>"$work/gh.log"
[[ "\$1 \$2" == "release view" ]] && exit 1
exit 0
EOF
chmod +x "$work/bin/gh"

run_step() {  # NAME [VAR=VALUE...]: as Actions runs it (bash -e), with the GITHUB_ENV so far
  local name=$1; shift
  (cd "$repo" && set -a && if [[ -f "$work/env" ]]; then . "$work/env"; fi && set +a &&
    env PATH="$work/bin:$PATH" GITHUB_OUTPUT="$work/output" GITHUB_ENV="$work/env" GITHUB_STEP_SUMMARY="$work/summary" \
      SERVER=https://github.com REPO=course-org/pp-2026-parlab-student1 REPO_NAME=pp-2026-parlab-student1 \
      ACTOR=student1 TYPE=individual REF_TYPE=branch REF_NAME=main "$@" bash -e "$work/$name.sh") >>"$work/log" 2>&1
}
output() { sed -n "s/^$1=//p" "$work/output" | tail -n 1; }
envvar() { sed -n "s/^$1=//p" "$work/env" | tail -n 1; }

# The accept commit: nothing to grade.
run_step "Name the submission" SHA="$accept" || { cat "$work/log"; fail "naming failed on the accept commit"; }
[[ "$(output skip)" == true ]] || { cat "$work/log"; fail "the accept commit was not skipped"; }
[[ ! -s "$work/env" ]] || fail "the accept commit set grading variables"
pass "the accept commit is not graded (as Classroom 50's runner does)"

# A submission pushed to main.
rm -f "$work/output"
run_step "Name the submission" SHA="$sha" || { cat "$work/log"; fail "naming failed on a submission"; }
[[ "$(output skip)" == false ]] || fail "a submission was skipped"
tag=$(envvar SUBMISSION_TAG)
[[ "$tag" =~ ^submit/[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}-[0-9]{2}-[0-9]{2}Z-${sha:0:7}$ ]] ||
  fail "the tag '$tag' is not submit/<UTC timestamp>-<short sha>"
[[ "$(envvar CLASSROOM) $(envvar ASSIGNMENT) $(envvar OWNER) $(envvar ASSIGNMENT_TYPE)" == "pp-2026 parlab student1 individual" ]] ||
  { cat "$work/env"; fail "classroom, assignment, owner or type are wrong"; }
[[ "$(envvar RELEASE_URL)" == "https://github.com/course-org/pp-2026-parlab-student1/releases/tag/submit%2F"* ]] ||
  fail "the release link does not encode the tag"
[[ "$(envvar REVIEW_URL)" == "https://github.com/course-org/pp-2026-parlab-student1/compare/$accept...$sha" ]] ||
  fail "the review link is not the diff from the accept commit: $(envvar REVIEW_URL)"
[[ "$(envvar SUBMISSION_DATETIME)" == "2026-10-01T14:32:01Z" ]] || fail "the submission time is not the commit's: $(envvar SUBMISSION_DATETIME)"
pass "the submission is named as Classroom 50 names it: $tag, owner from the repository name, review from the accept commit"

run_step "Tag the submission" SHA="$sha" || { cat "$work/log"; fail "tagging failed"; }
git -C "$work/origin.git" rev-parse -q --verify "refs/tags/$tag" >/dev/null || fail "the tag was not pushed"
pass "the tag is pushed"

run_step "Grade" EXERCISES="03" || { cat "$work/log"; fail "the Grade step failed although the grader ran"; }
"$(schema_python)" "$kit/tests/export/validate_formats.py" "$kit/docs/grader-output.md" classroom50 --ours "$repo/result.json" \
  >"$work/schema.log" 2>&1 || { cat "$work/schema.log"; fail "the result from the workflow's variables is not valid classroom50"; }
grep -qx '::notice title=Points::Points 5/20' "$work/log" || fail "no Points annotation"
pass "the grader's result from these variables is valid classroom50/result/v1, and the points are annotated"

run_step "Publish the Release" || { cat "$work/log"; fail "publishing failed"; }
grep -qxF "gh release create $tag result.json --title Submission ${tag#submit/} --notes-file release-body.md --latest" "$work/gh.log" ||
  { cat "$work/gh.log"; fail "no Release created on the tag with result.json"; }
grep -qF '### parlab: 5/20 points' "$repo/release-body.md" || fail "the Release notes lack the points"
grep -qF '03_race_counter · race | fail | 0 / 10 |' "$repo/release-body.md" || { cat "$repo/release-body.md"; fail "the Release notes lack the table"; }
pass "the Release on $tag carries result.json, its notes the points and one row per check"

# A submit/* tag pushed by hand is reused, not re-tagged.
rm -f "$work/env" "$work/output"
run_step "Name the submission" SHA="$sha" REF_TYPE=tag REF_NAME=submit/by-hand || { cat "$work/log"; fail "naming failed on a tag"; }
[[ "$(envvar SUBMISSION_TAG)" == submit/by-hand ]] || fail "a pushed submit/ tag was not reused"
pass "a pushed submit/* tag is the submission"

# A grader that could not run: the step fails, and nothing is published.
printf '#!/usr/bin/env bash\necho "grade: could not build the grader" >&2\nexit 2\n' >"$repo/grade"
rm -f "$repo/result.json"
if run_step "Grade" EXERCISES=""; then fail "the Grade step passed although the grader did not run"; fi
grep -q '^::error title=Grader::' "$work/log" || fail "no error annotation when the grader did not run"
pass "when the grader does not run, the step fails with an annotation (no Release, the gradebook keeps the last one)"
