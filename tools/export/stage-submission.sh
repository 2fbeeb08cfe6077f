# shellcheck shell=bash
# Sourced by the autograders' entry scripts (Gradescope's run_autograder,
# PrairieLearn's run): finds a student's files in whatever shape the platform
# delivered them and copies them, exercise by exercise, into the layout the
# grader reads.
#
# The submission may be a repository (files in exercises/NN_slug/), a zip of
# exercises/ (NN_slug/), or loose files: each exercise's student_files (its
# manifest.json) are looked up in that order, and a file found nowhere
# counts as missing for that exercise only. Needs jq.

# Prints where the student's copy of FILE for exercise ID is in SUBMISSION, if anywhere.
find_student_file() {
  local submission=$1 id=$2 file=$3 candidate
  for candidate in "$submission/exercises/$id/$file" "$submission/$id/$file"; do
    if [[ -f "$candidate" && ! -L "$candidate" ]]; then echo "$candidate"; return 0; fi
  done
  # Anywhere else: prefer a copy inside a folder named after the exercise
  # (a repository zipped with its top folder), then the only copy there is.
  local matches
  matches=$(find "$submission" -name .git -prune -o -type f -name "$(basename "$file")" -print | sort)
  [[ -n "$matches" ]] || return 1
  while IFS= read -r candidate; do
    if [[ "$candidate" == */"$id/$file" ]]; then echo "$candidate"; return 0; fi
  done <<<"$matches"
  if [[ $(wc -l <<<"$matches") -eq 1 ]]; then echo "$matches"; return 0; fi
  echo "$LOG_NAME: $id: several files named $(basename "$file"), none in a folder $id/; not graded" >&2
  return 1
}

# stage_submission SUBMISSION KIT STAGED: STAGED/<id>/<file> for every
# exercise of KIT, from SUBMISSION; logs each file on stdout.
stage_submission() {
  local submission=$1 kit=$2 staged=$3 manifest id file found
  rm -rf "$staged" && mkdir -p "$staged"
  for manifest in "$kit"/exercises/*/manifest.json; do
    id=$(basename "$(dirname "$manifest")")
    mkdir -p "$staged/$id"
    while IFS= read -r file; do
      if found=$(find_student_file "$submission" "$id" "$file"); then
        mkdir -p "$(dirname "$staged/$id/$file")"
        cp -- "$found" "$staged/$id/$file"
        echo "$LOG_NAME: $id/$file <- ${found#"$submission"/}"
      else
        echo "$LOG_NAME: $id/$file: not in the submission"
      fi
    done < <(jq -r '.student_files[]' "$manifest")
  done
}
