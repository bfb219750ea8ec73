#!/usr/bin/env bash
# Make sure headless Chromium, its WebDriver and CJK fonts are installed (Debian 12), for the
# browser tests (tests/dashboard/browser/test_browser.py) and the screenshots (scripts/screenshots.sh).
#
#   /usr/bin/chromium      Debian package chromium
#   /usr/bin/chromedriver  Debian package chromium-driver
#   fonts-noto-cjk         Chinese glyphs in pages and screenshots (else they render as boxes)
#
# Does nothing when all three are there. Otherwise, as root, runs
# `apt-get update && apt-get install -y <the missing ones>`; exits non-zero with a message
# when that is impossible (not root, no apt-get) or fails. Called by scripts/test.sh (in the
# background: the browser tests wait for it) and by scripts/screenshots.sh.
set -euo pipefail

say() { printf '==> %s\n' "$*" >&2; }
err() { printf 'error: %s\n' "$*" >&2; }

missing=()
[[ -x /usr/bin/chromium ]] || missing+=(chromium)
[[ -x /usr/bin/chromedriver ]] || missing+=(chromium-driver)
if [[ "$(dpkg-query -W -f='${Status}' fonts-noto-cjk 2>/dev/null || true)" != *"ok installed"* ]]
then
    missing+=(fonts-noto-cjk)
fi

if [[ ${#missing[@]} -eq 0 ]]; then
    exit 0
fi

if [[ $EUID -ne 0 ]] || ! command -v apt-get >/dev/null; then
    err "missing Debian packages: ${missing[*]}; the browser tests need them. As root run:"
    err "  apt-get update && apt-get install -y ${missing[*]}"
    exit 1
fi

say "installing Debian packages: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
# Wait for a dpkg lock another installer holds (scripts/test.sh runs this beside pip).
lock=(-o DPkg::Lock::Timeout=300)
if ! apt-get "${lock[@]}" update -qq >&2 || ! apt-get "${lock[@]}" install -y -qq "${missing[@]}" >&2
then
    err "could not install ${missing[*]} with apt-get (see above); the browser tests need them"
    exit 1
fi

for binary in /usr/bin/chromium /usr/bin/chromedriver; do
    if [[ ! -x "$binary" ]]; then
        err "$binary is still missing after installing ${missing[*]}"
        exit 1
    fi
done
say "$(/usr/bin/chromium --version 2>/dev/null || echo chromium), $(/usr/bin/chromedriver --version 2>/dev/null | cut -d' ' -f1-2)"
