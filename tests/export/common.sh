# shellcheck shell=bash
# Sourced by the export tests: arguments, scratch folder and assertions.
#   <test>.sh KIT WORK    KIT = the kit's root, WORK = a scratch folder of this test
set -euo pipefail
kit=$(cd "$1" && pwd)
work=$2
rm -rf "$work" && mkdir -p "$work"
work=$(cd "$work" && pwd)

fail() { echo "FAIL: $*" >&2; exit 1; }
pass() { echo "ok: $*"; }

# expect_jq FILE FILTER WHAT: FILTER (jq, -e) must hold on FILE.
expect_jq() {
  local file=$1 filter=$2 what=$3
  jq -e "$filter" "$file" >/dev/null || { echo "--- $file:" >&2; head -c 4000 "$file" >&2; fail "$what"; }
  pass "$what"
}

# The TSan-instrumented oneTBB takes minutes to rebuild from source; a copy of
# a kit (a template, an unzipped autograder) reuses the kit's cached build.
reuse_tbb_cache() {
  local dest=$1
  [[ -f "$kit/.cache/tbb-tsan/install/.parlab-stamp" ]] || fail "run tools/setup first: $kit/.cache/tbb-tsan is missing"
  mkdir -p "$dest/.cache"
  cp -a "$kit/.cache/tbb-tsan" "$dest/.cache/"
}

# The Python that has Debian's python3-jsonschema (tools/setup installs it):
# /usr/bin/python3 first, since a python3 earlier on PATH (pyenv, a venv)
# may lack it.
schema_python() {
  local python
  for python in /usr/bin/python3 python3; do
    if "$python" -c 'import jsonschema' 2>/dev/null; then echo "$python"; return 0; fi
  done
  fail "no python3 with jsonschema: run tools/setup (it installs python3-jsonschema)"
}

# Graders run here must not write annotations or job summaries into the CI
# run of the kit itself.
unset GITHUB_ACTIONS GITHUB_STEP_SUMMARY GITHUB_OUTPUT
