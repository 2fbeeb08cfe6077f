#!/usr/bin/env bash
# Gradescope runs this once, as root, when it builds the autograder image
# (the zip is unpacked in /autograder/source). It installs the kit's packages,
# rebuilds the ThreadSanitizer oneTBB and builds the grader, so that grading
# a submission builds only the submission.
set -euo pipefail
source_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
export DEBIAN_FRONTEND=noninteractive

# run_autograder reads the exercises' manifests with jq.
if ! command -v jq >/dev/null; then
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends jq >/dev/null
fi
"$source_dir/tools/setup"
# `./grade --help` builds the grader (once, into the image), then prints its help.
"$source_dir/grade" --help >/dev/null
echo "setup.sh: the parlab autograder is ready"
