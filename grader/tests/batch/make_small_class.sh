# Sourced by the batch tests: make_small_class KIT DIR writes a class of five
# entries graded on exercise 03 (a solution, an untouched stub, an empty
# folder, a folder without exercises/, a stray file).
make_small_class() {
  local kit=$1 dir=$2 id=03_race_counter
  rm -rf "$dir" && mkdir -p "$dir"
  for student in solution stub; do
    mkdir -p "$dir/$student/exercises"
    cp -r "$kit/exercises/$id" "$dir/$student/exercises/$id"
    rm -rf "$dir/$student/exercises/$id/hidden"
  done
  cp "$kit/solutions/$id/"* "$dir/solution/exercises/$id/"
  mkdir "$dir/empty"
  mkdir "$dir/no-exercises" && echo "notes" >"$dir/no-exercises/README.md"
  echo "not a student" >"$dir/stray.txt"
}

# csv_row FILE NAME: the gradebook row of NAME (first field), CR removed.
csv_row() { grep "^$2," "$1" | tr -d '\r'; }

fail() { echo "FAIL: $*" >&2; exit 1; }
