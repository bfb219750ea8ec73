#!/usr/bin/env bash
# Build dashboard/assets/plotly-partial.min.js: plotly.js with only the trace types the
# dashboard draws (see dashboard/plotly_bundle/plotly-partial.js), one minified script that
# sets window.Plotly. Dash serves it in every page, so dcc.Graph does not load the full
# plotly.min.js (4.8 MB). Run by scripts/_venv.sh, hence by scripts/run.sh and scripts/test.sh.
#
#   inputs   dashboard/plotly_bundle/{package.json,package-lock.json,plotly-partial.js}, this
#            script, and the plotly.js version of the venv's Python plotly package (the
#            header of plotly/package_data/plotly.min.js), which package.json must pin
#   work     .cache/plotly-bundle/ (git-ignored): `npm ci` there, only when the lock changed
#   output   dashboard/assets/plotly-partial.min.js (git-ignored); its first line names the
#            sha256 of the inputs, so a second run with the same inputs does nothing (~20 ms)
#
# Needs Node.js and npm, and the npm registry the first time. Nothing is fetched at run time.
# On any failure it removes the bundle, so the dashboard falls back to the full plotly.js,
# says so on stderr and exits 1. Prints one line: what it built and its size.
# Uses $EIM_VENV (set by scripts/_venv.sh), else .venv of the repository.
#
#   scripts/plotly_bundle.sh --prepare   only the `npm ci` (no venv needed), so that
#                                        scripts/test.sh can run it while the venv installs;
#                                        the build that follows waits for it (a lock).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SRC="$ROOT/dashboard/plotly_bundle"
ENTRY="$SRC/plotly-partial.js"
OUT="$ROOT/dashboard/assets/plotly-partial.min.js"
WORK="$ROOT/.cache/plotly-bundle"
VENV="${EIM_VENV:-$ROOT/.venv}"

fail() {
    rm -f "$OUT"
    printf 'error: plotly bundle not built: %s\n' "$1" >&2
    printf 'error: the dashboard falls back to the full plotly.js (4.8 MB a first page)\n' >&2
    exit 1
}
trap 'fail "a command failed at line $LINENO of scripts/plotly_bundle.sh (see above)"' ERR

# npm ci into $WORK when package-lock.json changed since the last one (under the lock).
npm_ci() {
    cp "$SRC/package.json" "$SRC/package-lock.json" "$ENTRY" "$WORK/"
    local lock
    lock="$(sha256sum "$SRC/package-lock.json" | cut -d' ' -f1)"
    if [[ "$(cat "$WORK/node_modules/.eim-lock.sha256" 2>/dev/null || true)" != "$lock" ]]; then
        echo "==> npm ci in $WORK (plotly.js $(sed -n 's/^ *"plotly\.js": *"\([^"]*\)".*/\1/p' \
            "$SRC/package.json"), esbuild)" >&2
        # --ignore-scripts: nothing runs at install; esbuild finds its binary without its script.
        (cd "$WORK" && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error >&2) ||
            fail "npm ci failed in $WORK (see above)"
        echo "$lock" >"$WORK/node_modules/.eim-lock.sha256"
    fi
}

if [[ "${1:-}" == "--prepare" ]]; then
    command -v npm >/dev/null || exit 0  # the build says what is missing
    mkdir -p "$WORK"
    exec 9>"$WORK/.lock"
    flock 9
    npm_ci
    exit 0
fi

# The plotly.js version Dash will expect: the one the Python plotly package ships.
shopt -s nullglob
shipped=("$VENV"/lib/python3*/site-packages/plotly/package_data/plotly.min.js)
shopt -u nullglob
[[ ${#shipped[@]} -eq 1 ]] || fail "no plotly/package_data/plotly.min.js in $VENV (install the project first)"
want="$(head -c 300 "${shipped[0]}" | sed -n 's/^\* plotly\.js v\([0-9][0-9.]*\)$/\1/p')"
[[ -n "$want" ]] || fail "no 'plotly.js vX.Y.Z' line at the top of ${shipped[0]}"
pinned="$(sed -n 's/^ *"plotly\.js": *"\([^"]*\)".*/\1/p' "$SRC/package.json")"
if [[ "$pinned" != "$want" ]]; then
    fail "the Python plotly package ships plotly.js $want but $SRC/package.json pins '$pinned':
  set \"plotly.js\": \"$want\" there, then run in that folder:
  npm install --package-lock-only --ignore-scripts"
fi

# Up to date when the bundle's first line names the hash of every input.
inputs="$(
    cd "$SRC" && sha256sum package.json package-lock.json plotly-partial.js \
        "$ROOT/scripts/plotly_bundle.sh" | cut -d' ' -f1
    echo "plotly.js $want"
)"
stamp="$(printf '%s\n' "$inputs" | sha256sum | cut -d' ' -f1)"
if [[ -f "$OUT" ]] && head -n 1 "$OUT" | grep -q "inputs $stamp"; then
    exit 0
fi

command -v node >/dev/null && command -v npm >/dev/null ||
    fail "node and npm are not on PATH (Debian: apt-get install nodejs npm)"

start=$EPOCHREALTIME
mkdir -p "$WORK"
# One build at a time (scripts/run.sh and scripts/test.sh may start together); the one that
# waited finds the bundle built.
exec 9>"$WORK/.lock"
flock 9
if [[ -f "$OUT" ]] && head -n 1 "$OUT" | grep -q "inputs $stamp"; then
    exit 0
fi
npm_ci
got="$(sed -n 's/^  "version": "\([^"]*\)".*/\1/p' "$WORK/node_modules/plotly.js/package.json")"
[[ "$got" == "$want" ]] || fail "npm installed plotly.js '$got', not $want: update package-lock.json"

traces="scatter$(sed -n "s|.*require('plotly\.js/lib/\([a-z0-9]*\)').*|,\1|p" "$ENTRY" |
    { grep -v '^,core$' || true; } | tr -d '\n')"
banner="/* plotly.js v$want, partial: $traces; built by scripts/plotly_bundle.sh from dashboard/plotly_bundle/, inputs $stamp. plotly.js: MIT license, Copyright Plotly, Inc. */"
# As plotly.js builds itself (its esbuild-config.js): `global` is window; .css imports are
# only maplibre's, for map traces, which are not in this bundle.
(cd "$WORK" && ./node_modules/.bin/esbuild plotly-partial.js --bundle --minify \
    --format=iife --target=es2016 --define:global=window --define:define.amd=false \
    --loader:.css=empty --legal-comments=eof --log-level=error \
    "--banner:js=$banner" --outfile="$WORK/plotly-partial.min.js") ||
    fail "esbuild failed (see above)"
grep -q 'window.Plotly' "$WORK/plotly-partial.min.js" || fail "the bundle does not set window.Plotly"
mv -f "$WORK/plotly-partial.min.js" "$OUT"

size() { numfmt --to=si --suffix=B --format=%.2f "$1"; }
raw="$(wc -c <"$OUT")"
zipped="$(gzip -9 -c "$OUT" | wc -c)"
seconds="$(awk -v a="$start" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.1f", b - a }')"
printf '==> built %s: plotly.js %s (%s), %s, %s gzipped, in %s s\n' \
    "${OUT#"$ROOT"/}" "$want" "$traces" "$(size "$raw")" "$(size "$zipped")" "$seconds" >&2
