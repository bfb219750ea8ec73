#!/usr/bin/env bash
# The one command that runs every check: lint, format, types, tests. CI runs exactly this
# (.ci/run). Works from any directory on a fresh Debian 12 machine with Python 3.11.
# Extra arguments go to pytest, e.g. `scripts/test.sh -k cli -x`.
set -euo pipefail

# shellcheck source=scripts/_venv.sh
source "$(dirname "${BASH_SOURCE[0]}")/_venv.sh"
cd "$EIM_ROOT"

step() { printf '==> %s\n' "$*"; }

# Headless Chromium, chromedriver and CJK fonts for the browser tests (tests/dashboard/browser/test_browser.py):
# scripts/chromium.sh installs the Debian packages chromium, chromium-driver and
# fonts-noto-cjk with apt-get (as root) when missing. If it cannot, the run fails here.
if ! bash "$EIM_ROOT/scripts/chromium.sh"; then
    echo "error: could not install Chromium (see above): the browser tests need it" >&2
    exit 1
fi

# A temporary PostgreSQL 15 for the store tests (scripts/postgres.sh): started just before
# pytest, stopped (and its folder removed) by the EXIT trap. The store tests run on it and on
# SQLite; if it cannot start, the run fails. An EIM_TEST_POSTGRES_URL already set is used as is.
# shellcheck source=scripts/postgres.sh
source "$EIM_ROOT/scripts/postgres.sh"
trap eim_postgres_stop EXIT

step "[1/4] ruff check ."
ruff check .

step "[2/4] ruff format --check ."
ruff format --check .

step "[3/4] mypy loaders (strict) dashboard"
mypy loaders dashboard

if [[ -z "${EIM_TEST_POSTGRES_URL:-}" ]] && ! eim_postgres_start; then
    echo "error: could not start PostgreSQL 15 (see above): the store tests need it" >&2
    exit 1
fi

step "[4/4] pytest $*"
status=0
pytest "$@" || status=$?
if [[ $status -eq 5 ]]; then
    echo "error: pytest collected no tests; a run without tests is a failure" >&2
fi
exit "$status"
