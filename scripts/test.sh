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
    local status=$1
    printf '==> scripts/test.sh took %d s (wall), exit status %d\n' "$((SECONDS - started))" "$status"
}

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# The tests start many Python processes (gunicorn workers, the CLI): let them cache the
# project's bytecode (in git-ignored __pycache__ folders) even where the environment says not to.
unset PYTHONDONTWRITEBYTECODE

# Headless Chromium, chromedriver and CJK fonts for the browser tests (those marked
# `browser`): scripts/chromium.sh installs the Debian packages chromium, chromium-driver and
# fonts-noto-cjk with apt-get (as root) when missing. It runs in the background, beside the
# Python environment's install, the linters and, when it takes longer, the tests themselves:
# its exit status is written to the file EIM_CHROMIUM_STATUS_FILE names, and each browser
# test first waits for that file (tests/conftest.py), failing if the install failed. While it
# is still running when pytest starts, the browser tests run after the other slow ones
# (EIM_BROWSER_TESTS_LATER). The run fails if the install failed.
chromium_status="$(mktemp -u "${TMPDIR:-/tmp}/eim-chromium-status.XXXXXX")"
(
    status=0
    bash "$ROOT/scripts/chromium.sh" || status=$?
    echo "$status" >"$chromium_status.part" && mv "$chromium_status.part" "$chromium_status"
    exit "$status"
) &
chromium_pid=$!
export EIM_CHROMIUM_STATUS_FILE="$chromium_status"
# plotly.js's npm packages, also while the venv installs (scripts/_venv.sh then builds the
# partial bundle from them: scripts/plotly_bundle.sh).
bash "$ROOT/scripts/plotly_bundle.sh" --prepare &

# A temporary PostgreSQL 15 for the store tests (scripts/postgres.sh): started just before
# pytest, stopped (and its folder removed) by the EXIT trap. The store tests run on it and on
# SQLite; if it cannot start, the run fails. An EIM_TEST_POSTGRES_URL already set is used as is.
# shellcheck source=scripts/postgres.sh
source "$ROOT/scripts/postgres.sh"
trap 'exit_status=$?; eim_postgres_stop; rm -f "$chromium_status"; report_time "$exit_status"' EXIT

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

if [[ ! -e "$chromium_status" ]]; then
    export EIM_BROWSER_TESTS_LATER=1
    step "Chromium is still installing: the browser tests will wait for it, after the other slow tests"
fi

step "[4/4] pytest $*"
status=0
pytest -n 3 --dist loadfile --no-loadscope-reorder "$@" || status=$?
if [[ $status -eq 5 ]]; then
    echo "error: pytest collected no tests; a run without tests is a failure" >&2
fi
if ! wait "$chromium_pid"; then
    echo "error: could not install Chromium (see above): the browser tests need it" >&2
    [[ $status -ne 0 ]] || status=1
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
