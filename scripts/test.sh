#!/usr/bin/env bash
# The one command that runs every check: lint, format, types, tests. CI runs exactly this
# (.ci/run). Works from any directory on a fresh Debian 12 machine with Python 3.11.
# Extra arguments go to pytest, e.g. `scripts/test.sh -k cli -x`; by default pytest runs on
# three processes (pytest-xdist, `-n 3`: the tests wait on servers and browsers as much as
# they compute, so three keep two CPUs busy), each taking whole files, the slow ones first
# (tests/conftest.py orders them; --no-loadscope-reorder keeps that order); `-n 0` runs it in one.
# Ends by printing how long the whole command took (wall time), also when it fails.
set -euo pipefail

started=$SECONDS
step() { printf '==> %s (at %d s)\n' "$*" "$((SECONDS - started))"; }
report_time() {
    local status=$?
    printf '==> scripts/test.sh took %d s (wall), exit status %d\n' "$((SECONDS - started))" "$status"
}

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# The tests start many Python processes (gunicorn workers, the CLI): let them cache the
# project's bytecode (in git-ignored __pycache__ folders) even where the environment says not to.
unset PYTHONDONTWRITEBYTECODE

# Headless Chromium, chromedriver and CJK fonts for the browser tests
# (tests/dashboard/browser/): scripts/chromium.sh installs the Debian packages chromium,
# chromium-driver and fonts-noto-cjk with apt-get (as root) when missing. It runs in the
# background while the Python environment is made and the linters run; pytest waits for it,
# and if it failed, the run fails there.
bash "$ROOT/scripts/chromium.sh" &
chromium_pid=$!
# plotly.js's npm packages, also while the venv installs (scripts/_venv.sh then builds the
# partial bundle from them: scripts/plotly_bundle.sh).
bash "$ROOT/scripts/plotly_bundle.sh" --prepare &

# A temporary PostgreSQL 15 for the store tests (scripts/postgres.sh): started just before
# pytest, stopped (and its folder removed) by the EXIT trap. The store tests run on it and on
# SQLite; if it cannot start, the run fails. An EIM_TEST_POSTGRES_URL already set is used as is.
# shellcheck source=scripts/postgres.sh
source "$ROOT/scripts/postgres.sh"
trap 'eim_postgres_stop; report_time' EXIT

# shellcheck source=scripts/_venv.sh
source "$ROOT/scripts/_venv.sh"
cd "$EIM_ROOT"

step "[1/4] ruff check ."
ruff check .

step "[2/4] ruff format --check ."
ruff format --check .

# mypy runs beside pytest; its report is printed, and judged, when pytest ends.
step "[3/4] mypy loaders (strict) dashboard, in the background"
mypy_log="$(mktemp)"
mypy loaders dashboard >"$mypy_log" 2>&1 &
mypy_pid=$!

if [[ -z "${EIM_TEST_POSTGRES_URL:-}" ]] && ! eim_postgres_start; then
    echo "error: could not start PostgreSQL 15 (see above): the store tests need it" >&2
    exit 1
fi

if ! wait "$chromium_pid"; then
    echo "error: could not install Chromium (see above): the browser tests need it" >&2
    exit 1
fi

step "[4/4] pytest $*"
status=0
pytest -n 3 --dist loadfile --no-loadscope-reorder "$@" || status=$?
if [[ $status -eq 5 ]]; then
    echo "error: pytest collected no tests; a run without tests is a failure" >&2
fi

step "[3/4] mypy's report"
mypy_status=0
wait "$mypy_pid" || mypy_status=$?
cat "$mypy_log"
rm -f "$mypy_log"
if [[ $mypy_status -ne 0 ]]; then
    echo "error: mypy found problems (above)" >&2
    [[ $status -ne 0 ]] || status=$mypy_status
fi
exit "$status"
