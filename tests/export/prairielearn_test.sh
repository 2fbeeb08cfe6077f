#!/usr/bin/env bash
# The PrairieLearn grader image, run the way PrairieLearn runs it, without
# Docker: the image's /parlab is a copy of the export's parlab/, its build
# step (prairielearn/setup, the Dockerfile's RUN) runs here, and the entry
# script runs in the /grade layout relocated to a scratch root (GRADE_ROOT):
#   export: the Dockerfile builds and starts what it should; the hidden tests
#       in the image, the solutions out; --hidden-tests question moves them
#       to question-tests/;
#   setup: installs nothing new here (packages present, the TSan oneTBB
#       copied from the kit's cache) and builds the grader;
#   run, on each submission, must leave a results.json that matches the
#   documented schema, and exit 0:
#     A. the reference solutions as loose files, on ONE core (speedups "not
#        judged", not failed);
#     B. a repository layout with 04 not compiling: partial credit;
#     C. an empty submission: not gradable (no attempt used), saying why;
#     Q. hidden tests brought by the question's tests/ folder, exercise
#        chosen by the entrypoint's argument;
#     T. grading past PARLAB_TIME_LIMIT_S: not gradable, saying so;
#     D. a grader that does not build: not gradable, saying why.
# Exercises 01 (latency speedup) and 04 (CPU speedup) keep it to minutes.
. "$(dirname "${BASH_SOURCE[0]}")/common.sh"
out="$work/export"
"$kit/grade" export-prairielearn "$out" --exercises "01 04" >/dev/null 2>&1 || fail "export-prairielearn failed"

dockerfile="$out/Dockerfile"
for line in 'FROM ubuntu:24.04' 'COPY parlab /parlab' 'RUN /parlab/prairielearn/setup' \
            'ENTRYPOINT ["/parlab/prairielearn/run"]'; do
  grep -qxF "$line" "$dockerfile" || fail "the Dockerfile lacks: $line"
done
pass "the Dockerfile copies the kit, builds it with prairielearn/setup and starts prairielearn/run"
[[ -x "$out/parlab/prairielearn/run" && -x "$out/parlab/prairielearn/setup" ]] || fail "run and setup are not executable"
[[ -e "$out/parlab/solutions" ]] && fail "the image holds solutions/"
compgen -G "$out/parlab/exercises/04_monte_carlo_pi/hidden/*.cpp" >/dev/null || fail "the image lacks the hidden tests"
[[ -e "$out/question-tests" ]] && fail "question-tests/ was written without --hidden-tests question"
pass "the image holds the hidden tests and no solutions"

"$kit/grade" export-prairielearn "$work/by-question" --hidden-tests question >/dev/null 2>&1 || fail "--hidden-tests question failed"
compgen -G "$work/by-question/parlab/exercises/*/hidden" >/dev/null && fail "--hidden-tests question left hidden tests in the image"
compgen -G "$work/by-question/question-tests/exercises/04_monte_carlo_pi/hidden/*.cpp" >/dev/null ||
  fail "--hidden-tests question did not write them to question-tests/"
pass "--hidden-tests question keeps them out of the image, in question-tests/ for the questions' tests/ folders"
if "$kit/grade" export-prairielearn "$work/x" --hidden-tests nowhere 2>/dev/null; then fail "an unknown --hidden-tests was accepted"; fi
pass "export-prairielearn refuses an unknown --hidden-tests"

# The image's file system: /parlab, built as the Dockerfile builds it.
image="$work/image/parlab"
mkdir -p "$work/image" && cp -a "$out/parlab" "$image"
reuse_tbb_cache "$image"
"$image/prairielearn/setup" >"$work/setup.log" 2>&1 || { cat "$work/setup.log"; fail "prairielearn/setup failed"; }
pass "prairielearn/setup builds the grader in the image"

root="$work/grade"
results="$root/results/results.json"
new_job() {  # a fresh /grade: PrairieLearn gives every job its own
  rm -rf "$root" && mkdir -p "$root/student" "$root/tests" "$root/data"
  echo '{}' >"$root/data/data.json"
}
run() {  # LOG [env/command prefix...] -- [entrypoint arguments...]
  local log=$1 prefix=() args=()
  shift
  while (($#)) && [[ $1 != -- ]]; do prefix+=("$1"); shift; done
  (($#)) && shift
  args=("$@")
  rm -f "$results"
  env GRADE_ROOT="$root" "${prefix[@]}" "$image/prairielearn/run" "${args[@]}" >"$work/$log" 2>&1 ||
    { cat "$work/$log"; fail "run exited non-zero: PrairieLearn would read no results"; }
  [[ -s "$results" ]] || { cat "$work/$log"; fail "run wrote no results.json"; }
  "$(schema_python)" "$kit/tests/export/validate_formats.py" "$kit/docs/grader-output.md" prairielearn \
    --ours "$results" >"$work/$log.schema" 2>&1 || { cat "$work/$log.schema"; fail "$log: results.json does not match the schema"; }
}
check() { expect_jq "$results" "$1" "$2"; }
test_of() { echo ".tests[] | select(.name == \"$1 · $2\")"; }

# A. Solutions as loose files, one core.
new_job
cp "$kit"/solutions/01_*/*.cpp "$kit"/solutions/04_*/*.cpp "$root/student/"
run solutions.log taskset -c 0 --
check '.gradable == true and (.tests | length == 8)' "A: gradable, one test per check of the two exercises"
check '[.tests[] | select(.name | test("· (build|tests|race)$")) | .points == .max_points] | all' \
  "A: the solutions earn every build, tests and race point (hidden tests included)"
check '.message | test("hidden tests included")' "A: the hidden tests ran"
check "$(test_of 04_monte_carlo_pi speedup) | .points == 0 and (.message | test(\"inconclusive|not judged|one usable core\"))" \
  "A: on one core the CPU speedup earns nothing and says why"
check '.message | test("Fewer than 2 usable cores")' "A: the message tells staff the cores were too few"
check '.score > 0.5 and .score < 1' "A: the score is the fraction of the points"

# B. Repository layout: 04 does not compile, 01 is right.
new_job
mkdir -p "$root/student/exercises/04_monte_carlo_pi" "$root/student/exercises/01_slow_downloads"
cp "$kit"/solutions/01_*/*.cpp "$root/student/exercises/01_slow_downloads/"
printf 'this is not C++\n' >"$root/student/exercises/04_monte_carlo_pi/monte_carlo_pi.cpp"
run broken.log taskset -c 0 --
check '.gradable == true and .score > 0 and .score < 1' "B: one exercise that builds: gradable, partial credit"
check "$(test_of 04_monte_carlo_pi build) | .output | test(\"monte_carlo_pi.cpp:1\")" \
  "B: the compile error is located at its line"

# C. Nothing submitted.
new_job
run empty.log taskset -c 0 --
check '.gradable == false and (has("score") | not)' "C: an empty submission is not gradable (no attempt used)"
check '(.format_errors | length == 2) and ([.format_errors[] | test("was not submitted: upload it")] | all)' \
  "C: ... and says which files to upload"

# Q. Hidden tests from the question's tests/ folder, the exercise from the entrypoint.
new_job
cp "$kit"/solutions/04_*/*.cpp "$root/student/"
mkdir -p "$root/tests/exercises/04_monte_carlo_pi"
cp -R "$kit/exercises/04_monte_carlo_pi/hidden" "$root/tests/exercises/04_monte_carlo_pi/"
rm -rf "$image/exercises/04_monte_carlo_pi/hidden"
run question.log taskset -c 0 -- 04
check '(.tests | length == 4) and ([.tests[].name | startswith("04_")] | all)' "Q: the entrypoint's argument picks the exercise"
check '.message | test("hidden tests included")' "Q: hidden tests brought by the question ran"
grep -q 'hidden tests from the question' "$work/question.log" || fail "Q: run did not say where the hidden tests came from"

# T. Over the time limit. A real submission (it compiles, so it takes
# seconds): an empty one is now rejected in under a second.
new_job
cp "$kit"/solutions/04_*/*.cpp "$root/student/"
run slow.log PARLAB_TIME_LIMIT_S=1 -- 04
check '.gradable == false and (.message | test("longer than 1 s"))' "T: past PARLAB_TIME_LIMIT_S, not gradable, saying so"

# D. The grader itself cannot build.
new_job
echo 'this breaks the build' >>"$image/grader/src/main.cpp"
run no-grader.log --
check '.gradable == false and (.message | test("grader does not build")) and (.message | test("error"))' \
  "D: when the grader cannot build, results.json says so, with the compiler's error"
