#!/usr/bin/env bash
# Quick start: set up, then run everything in one process on the embedded defaults with the demo data.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
. scripts/toolchain.sh
exec pnpm --silent netra demo "$@"
