#!/usr/bin/env bash
# The Classroom 50 and PrairieLearn formats against their JSON Schemas in
# docs/grader-output.md (the blocks marked <!-- json-schema: ... -->):
#   - what the grader writes (the unit tests' sample reports, rendered by the
#     real writers: PlatformSamples.WritesSamplesForTheSchemaTest), with the
#     rules a schema cannot express;
#   - the platforms' own example files (data/platform-examples, README there);
#   - and the check has teeth: results the platforms would refuse fail it.
# Usage: platform_formats_test.sh KIT WORK GRADER_UNIT_TESTS
. "$(dirname "${BASH_SOURCE[0]}")/common.sh"
unit_tests=$3
validate() { "$(schema_python)" "$kit/tests/export/validate_formats.py" "$kit/docs/grader-output.md" "$@"; }

samples="$work/samples"
PARLAB_FORMAT_SAMPLES="$samples" "$unit_tests" --gtest_filter='PlatformSamples.*' >"$work/samples.log" 2>&1 ||
  { cat "$work/samples.log"; fail "the unit tests could not write the sample results"; }
ls "$samples"/*.classroom50.json "$samples"/*.prairielearn.json >/dev/null 2>&1 || fail "no sample results in $samples"

examples="$kit/tests/export/data/platform-examples"
for format in classroom50 prairielearn; do
  validate "$format" --ours "$samples"/*."$format".json --examples "$examples/$format"/*.json ||
    fail "$format: a result does not match the documented schema (above)"
  pass "$format: the grader's results and the platform's own examples match the schema in docs/grader-output.md"
done

# Results the platforms would refuse must fail.
refused() {  # FORMAT JQ_EDIT WHAT
  jq "$2" "$samples/mixed.$1.json" >"$work/refused.json"
  if validate "$1" --ours "$work/refused.json" >"$work/refused.log" 2>&1; then
    cat "$work/refused.log"; fail "$1: accepted $3"
  fi
}
refused classroom50 '.score = 2.5' "a fractional score (Classroom 50 counts whole points)"
refused classroom50 '.tests[0]["max-score"] = -1' "a negative max-score"
refused classroom50 '.score = .score + 1' "a total that is not the sum of the tests"
refused classroom50 '.submission = "v1.0"' "a submission that is not a submit/ tag"
refused classroom50 '. + {extra: 1}' "a top-level key Classroom 50 does not know"
refused classroom50 'del(.owner)' "a result without its owner"
refused prairielearn '.score = 1.5' "a score above 1"
refused prairielearn 'del(.score)' "a gradable result without a score"
refused prairielearn '.output = ("x" * 1000001)' "a results file over 1 MB"
pass "results the platforms would refuse fail the check"
