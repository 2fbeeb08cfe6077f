#!/usr/bin/env bash
# shellcheck disable=SC2016  # ${{ }} and $1 below are literal text, not shell expansions
# .devcontainer/devcontainer.json is valid JSON with comments, installs the
# kit (tools/setup), asks for CMake Tools and clangd, and lets `setarch -R`
# work in the container (the student guide explains why).
. "$(dirname "${BASH_SOURCE[0]}")/common.sh"
dc="$kit/.devcontainer/devcontainer.json"
# JSONC to JSON: drop // and /* */ comments outside strings, then trailing commas.
node -e '
  const text = require("fs").readFileSync(process.argv[1], "utf8");
  let out = "", i = 0, inString = false;
  while (i < text.length) {
    const c = text[i], next = text[i + 1];
    if (inString) { out += c; if (c === "\\") { out += next; i += 2; continue; } if (c === "\"") inString = false; i++; continue; }
    if (c === "\"") { inString = true; out += c; i++; continue; }
    if (c === "/" && next === "/") { while (i < text.length && text[i] !== "\n") i++; continue; }
    if (c === "/" && next === "*") { i = text.indexOf("*/", i + 2) + 2; continue; }
    out += c; i++;
  }
  process.stdout.write(JSON.stringify(JSON.parse(out.replace(/,(\s*[}\]])/g, "$1"))));
' "$dc" >"$work/devcontainer.json" || fail "$dc is not valid JSON with comments"
pass "devcontainer.json parses"
j="$work/devcontainer.json"
expect_jq "$j" 'has("image") or has("build")' "it names an image or a Dockerfile"
expect_jq "$j" '.postCreateCommand | test("tools/setup")' "it runs tools/setup after creation"
expect_jq "$j" '.customizations.vscode.extensions | contains(["ms-vscode.cmake-tools", "llvm-vs-code-extensions.vscode-clangd"])' \
  "it installs CMake Tools and clangd"
expect_jq "$j" '.runArgs | index("seccomp=unconfined") != null' "it allows setarch -R (seccomp) for ThreadSanitizer"
grep -q 'setarch' "$kit/docs/student-guide.md" || fail "the student guide does not explain setarch -R in a container"
pass "the student guide explains setarch -R"
