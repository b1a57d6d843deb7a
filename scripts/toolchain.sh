# Sourced by the other scripts: puts Netra's Node 24 and pnpm first on PATH when setup.sh installed them.
NETRA_TOOLS="${NETRA_TOOLS:-$( [ "$(id -u)" = 0 ] && echo /usr/local || echo "$HOME/.local" )}"
export PATH="$NETRA_TOOLS/bin:$PATH"
export DOTENV_CONFIG_QUIET=true
hash -r 2>/dev/null || true
