#!/usr/bin/env bash
# The whole test suite: lint, typecheck, then every test against real PostgreSQL, Redis and Chromium
# (DATABASE_URL / REDIS_URL when set, otherwise throwaway servers started from the system's binaries).
set -uo pipefail
cd "$(dirname "$0")/.."
. scripts/toolchain.sh
[ -d node_modules ] || bash scripts/setup.sh || exit 1
results="$(mktemp -t netra-test-XXXXXX.json)"
pnpm lint && pnpm build && pnpm audit:deps && pnpm exec vitest run --reporter=default --reporter=json --outputFile.json="$results" "$@"
status=$?
# One plain closing line any CI can read: "N passed, N failed[, N skipped]".
if [ -s "$results" ]; then
  node -e '
    const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
    const skipped = (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0);
    console.log(`${r.numPassedTests} passed, ${r.numFailedTests} failed` + (skipped ? `, ${skipped} skipped` : ""));
  ' "$results"
fi
rm -f "$results"
exit $status
