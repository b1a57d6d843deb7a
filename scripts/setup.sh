#!/usr/bin/env bash
# Installs what Netra needs on a fresh Debian/Ubuntu machine, then its dependencies. Safe to run again.
# - Node 24 LTS and pnpm 10 from the npm registry, when the machine's Node is older
# - Chromium (for the collectors), redis-server and PostgreSQL binaries (for the zero-setup path and tests)
# - kubectl (Debian's kubernetes-client) to render and validate the Kubernetes manifests in tests
# - Chromium (for the collectors and the dossier PDF), poppler-utils (pdftotext, dossier test), redis-server and PostgreSQL binaries (for the zero-setup path and tests)
# - Tesseract OCR with its Indonesian and English data (text in post images, issue 12) and the DejaVu and
#   Liberation fonts (the OCR test set and the demo posters are drawn with them)
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/toolchain.sh

say() { printf '\033[1m[setup]\033[0m %s\n' "$*" >&2; }
node_major() { node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0; }
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else return 1; fi; }

if [ "$(node_major)" -lt 24 ]; then
  command -v npm >/dev/null || { say "npm not found: install Node.js (any version) first"; exit 1; }
  say "Node $(node --version 2>/dev/null || echo none) is older than 24: installing node@24 into $NETRA_TOOLS"
  npm install --global --prefix "$NETRA_TOOLS" --no-audit --no-fund node@24 >&2
  hash -r
  [ "$(node_major)" -ge 24 ] || { say "could not install Node 24 (node is $(command -v node))"; exit 1; }
fi
if ! command -v pnpm >/dev/null || [ "$(pnpm --version | cut -d. -f1)" -lt 10 ]; then
  say "installing pnpm 10 into $NETRA_TOOLS"
  npm install --global --prefix "$NETRA_TOOLS" --no-audit --no-fund pnpm@10 >&2
  hash -r
fi

missing=()
if [ -z "${CHROMIUM_PATH:-}" ] && ! command -v chromium >/dev/null && ! command -v chromium-browser >/dev/null \
   && ! command -v google-chrome >/dev/null; then missing+=(chromium); fi
command -v redis-server >/dev/null || [ -n "${REDIS_URL:-}" ] || missing+=(redis-server)
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || [ -n "${DATABASE_URL:-}" ] || missing+=(postgresql)
# kubectl renders infra/k8s with its built-in kustomize for the manifests test (no cluster is contacted).
command -v kubectl >/dev/null || missing+=(kubernetes-client)
# pdftotext: the dossier end-to-end test reads the generated Form A PDF back as text.
command -v pdftotext >/dev/null || missing+=(poppler-utils)
# OCR reads with the Debian packages' data only: nothing is downloaded at run time.
command -v tesseract >/dev/null || missing+=(tesseract-ocr)
langs="$(tesseract --list-langs 2>/dev/null || true)"
grep -qx ind <<<"$langs" || missing+=(tesseract-ocr-ind)
grep -qx eng <<<"$langs" || missing+=(tesseract-ocr-eng)
fc-list 2>/dev/null | grep -q 'DejaVu Sans' || missing+=(fonts-dejavu-core)
fc-list 2>/dev/null | grep -q 'Liberation Sans' || missing+=(fonts-liberation)
if [ "${#missing[@]}" -gt 0 ]; then
  if command -v apt-get >/dev/null && as_root true 2>/dev/null; then
    say "installing Debian packages: ${missing[*]}"
    as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
  else
    say "please install: ${missing[*]} (or set CHROMIUM_PATH / REDIS_URL / DATABASE_URL)"; exit 1
  fi
fi

say "installing dependencies (pnpm install --frozen-lockfile)"
pnpm install --frozen-lockfile >&2
say "ready: node $(node --version), pnpm $(pnpm --version)"
