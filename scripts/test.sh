#!/usr/bin/env bash
# The whole test suite: lint, typecheck, then every test against real PostgreSQL, Redis and Chromium
# (DATABASE_URL / REDIS_URL when set, otherwise throwaway servers started from the system's binaries).
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/toolchain.sh
[ -d node_modules ] || bash scripts/setup.sh
exec pnpm test "$@"
