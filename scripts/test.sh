#!/usr/bin/env bash
# The one command that runs every check: lint, format, types, tests. CI runs exactly this
# (.ci/run). Works from any directory on a fresh Debian 12 machine with Python 3.11.
# Extra arguments go to pytest, e.g. `scripts/test.sh -k cli -x`.
set -euo pipefail

# shellcheck source=scripts/_venv.sh
source "$(dirname "${BASH_SOURCE[0]}")/_venv.sh"
cd "$EIM_ROOT"

step() { printf '==> %s\n' "$*"; }

# HOOK (browser-test issue): install the browser for dash_duo tests here, as root:
#   apt-get update && apt-get install -y chromium chromium-driver
# (see ../shared/PITFALLS.md for the flags Chromium needs as root).

# HOOK (PostgreSQL issue): start a temporary PostgreSQL 15 here: initdb a temp folder owned by
# `postgres`, `runuser -u postgres -- pg_ctl ... start` on a free port, export its URL for the
# tests, and stop it in an EXIT trap. PostgreSQL refuses to run as root; CI starts with none.

step "[1/4] ruff check ."
ruff check .

step "[2/4] ruff format --check ."
ruff format --check .

step "[3/4] mypy loaders (strict)"
mypy loaders

step "[4/4] pytest $*"
status=0
pytest "$@" || status=$?
if [[ $status -eq 5 ]]; then
    echo "error: pytest collected no tests; a run without tests is a failure" >&2
fi
exit "$status"
