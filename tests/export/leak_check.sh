#!/usr/bin/env bash
# leak_check.sh KIT TEMPLATE — fails if the student template holds anything
# of the kit's secrets: the reference solutions (solutions/**) and the hidden
# tests (exercises/*/hidden/**). It looks in the files AND in every object
# of the template's git history, three ways:
#   1. by path: no solutions/, exercises/*/hidden/ or grader/tests/ entry;
#   2. by content: no file or blob identical to a secret file;
#   3. by line: no distinctive line of a secret file anywhere, so a solution
#      pasted into a doc or a renamed file is caught too. A line is
#      distinctive when the code the kit publishes anyway (the public
#      exercise files, kit/, cmake/, the grader's sources) does not hold it:
#      `std::random_device device;` is in the grader too and proves nothing.
set -euo pipefail
kit=$1 template=$2
fail() { echo "LEAK: $*" >&2; exit 1; }

secrets=()
while IFS= read -r -d '' f; do secrets+=("$f"); done < <(
  cd "$kit" && find solutions exercises/*/hidden -type f -print0 2>/dev/null)
((${#secrets[@]} > 0)) || { echo "leak_check: the kit at $kit has no solutions or hidden tests to look for" >&2; exit 2; }

has_git=0
[[ -d "$template/.git" ]] && has_git=1

# ---- 1. paths ---------------------------------------------------------------
secret_path='(^|/)(solutions/|exercises/[^/]+/hidden/|grader/tests/)'
bad=$(find "$template" -path "$template/.git" -prune -o -type f -print | sed "s|^$template/||" | { grep -E "$secret_path" || true; })
[[ -z "$bad" ]] || fail "secret paths in the files: $bad"
if ((has_git)); then
  bad=$(git -C "$template" rev-list --all --objects | cut -d' ' -f2- | grep -E "$secret_path" || true)
  [[ -z "$bad" ]] || fail "secret paths in the git history: $bad"
fi

# ---- 2. identical content ---------------------------------------------------
secret_ids=$(cd "$kit" && git hash-object -- "${secrets[@]}" | sort -u)
file_ids=$(cd "$template" && find . -path ./.git -prune -o -type f -print0 | xargs -0 -r git hash-object -- | sort -u)
common=$(comm -12 <(echo "$secret_ids") <(echo "$file_ids"))
[[ -z "$common" ]] || fail "a file of the template is identical to a secret file (blob $common)"
if ((has_git)); then
  object_ids=$(git -C "$template" rev-list --all --objects | cut -d' ' -f1 | sort -u)
  common=$(comm -12 <(echo "$secret_ids") <(echo "$object_ids"))
  [[ -z "$common" ]] || fail "the git history holds a secret file (blob $common)"
fi

# ---- 3. distinctive lines ---------------------------------------------------
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
trim() { sed -e 's/^[[:space:]]*//' -e 's/[[:space:]]*$//'; }
(cd "$kit" && cat -- "${secrets[@]}") | trim | awk 'length($0) >= 24' | sort -u >"$scratch/secret"
(cd "$kit" && find exercises kit cmake grader/src grader/canary -path 'exercises/*/hidden' -prune -o -type f -print0 |
  xargs -0 cat) |
  trim | sort -u >"$scratch/public"
comm -23 "$scratch/secret" "$scratch/public" >"$scratch/distinctive"
[[ -s "$scratch/distinctive" ]] || { echo "leak_check: no distinctive secret line to look for" >&2; exit 2; }

# Everything the template holds: its files, then every blob in its history.
(cd "$template" && find . -path ./.git -prune -o -type f -print0 | xargs -0 -r cat) >"$scratch/everything"
if ((has_git)); then
  git -C "$template" rev-list --all --objects | cut -d' ' -f1 |
    git -C "$template" cat-file --batch-check='%(objectname) %(objecttype)' | awk '$2 == "blob" {print $1}' |
    while read -r blob; do git -C "$template" cat-file blob "$blob"; echo; done >>"$scratch/everything"
fi
trim <"$scratch/everything" | sort -u >"$scratch/held"
found=$(comm -12 "$scratch/distinctive" "$scratch/held" | head -5)
[[ -z "$found" ]] || fail "lines of a solution or hidden test appear in the template:
$found"

echo "leak_check: no leak (${#secrets[@]} secret files, $(wc -l <"$scratch/distinctive") distinctive lines checked)"
