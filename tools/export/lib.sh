# shellcheck shell=bash
# Shared by tools/export/template, gradescope and prairielearn (sourced).
#
# The exports copy "the kit minus what students must not see". What that is
# lives here, in one place, so they can never disagree about it.

# Never leaves the instructor's kit: reference solutions, the grader's golden
# fixtures (some are solution-like), the export tests (they need solutions),
# the maintainer tools built on the solutions (timing them, a practice class
# for batch grading), and local build state.
# shellcheck disable=SC2034  # used by the scripts that source this file
export_never=(
  '^solutions/'
  '^grader/tests/'
  '^tests/export/'
  '^tools/fidelity'
  '^tools/measure-performance'
  '^tools/make-class$'
  '^\.parlab/'
  '^build/'
  '^\.cache/'
  '^\.git/'
  '\.zip$'                  # an exported autograder zip (hidden tests inside) left in the kit
)

# Also left out of the student template: hidden tests, the performance
# record (it describes how the solutions get their speed), and the kit's own
# CI and README, which the template replaces with its own.
# shellcheck disable=SC2034
export_not_for_students=(
  '^exercises/[^/]+/hidden/'
  '^docs/performance\.md$'
  '^README\.md$'
  '^\.github/'
  '^\.ci/'
  '^run-tests$'
)

export_say() { printf '%s: %s\n' "${export_name:-export}" "$*" >&2; }
export_die() { export_say "$*"; exit 1; }

# Prints the kit's files (relative paths, NUL-separated), minus those matching
# any of the given extended regular expressions. In a git checkout the list is
# what git tracks plus untracked files it does not ignore (so a fresh clone and
# a working copy give the same answer); otherwise every file but build state.
export_list_files() {
  local kit=$1; shift
  local pattern
  pattern=$(IFS='|'; echo "$*")
  if git -C "$kit" rev-parse --is-inside-work-tree >/dev/null 2>&1; then
    git -C "$kit" ls-files -z --cached --others --exclude-standard
  else
    (cd "$kit" && find . -path ./.git -prune -o -type f -printf '%P\0')
  fi | grep -z -v -E "$pattern" | sort -z -u |
    # git ls-files still lists a tracked file deleted in the working copy.
    while IFS= read -r -d '' f; do [[ -f "$kit/$f" ]] && printf '%s\0' "$f"; done
}

# Copies the listed files (NUL-separated on stdin) from kit to dest, keeping
# modes (the launcher and scripts stay executable).
export_copy_files() {
  local kit=$1 dest=$2
  (cd "$kit" && tar --null --files-from=- -cf -) | tar -xf - -C "$dest"
}

# OUT (absolute) may be inside the kit only in a folder git ignores (build/):
# anywhere else the next export would copy it, hidden tests and all.
export_check_outside_kit() {
  local kit=$1 out=$2
  case "$out/" in
    "$kit/"*) git -C "$kit" check-ignore -q "$out" 2>/dev/null ||
                export_die "write outside the kit, or in a folder git ignores such as build/" ;;
  esac
}

# An output folder must be new or empty: an export never mixes with old files.
export_prepare_dir() {
  local dir=$1
  if [[ -e "$dir" ]]; then
    [[ -d "$dir" ]] || export_die "$dir exists and is not a folder; pick a new path"
    [[ -z "$(ls -A "$dir")" ]] || export_die "$dir is not empty; pick a new folder or empty it first"
  fi
  mkdir -p "$dir"
}

# The exercise ids of a kit (folders holding a manifest.json), sorted.
export_exercise_ids() {
  local kit=$1 m
  for m in "$kit"/exercises/*/manifest.json; do
    [[ -f "$m" ]] && basename "$(dirname "$m")"
  done
}
