#!/usr/bin/env bash
# The performance benchmark, in the project's venv: `scripts/bench.sh [--quick] [--json FILE]
# [--rounds N] [--seconds S] [--years N]`. See benchmarks/bench_dashboard.py: the real app
# against a bare-Dash floor app under the same gunicorn command line, a cold page load in
# headless Chromium, a synthetic 30-year store, and the loader. Not part of the tests (they
# run it once with --quick). The parse benchmark alone: python benchmarks/bench_parse.py.
set -euo pipefail

# shellcheck source=scripts/_venv.sh
source "$(dirname "${BASH_SOURCE[0]}")/_venv.sh"

if ! bash "$EIM_ROOT/scripts/chromium.sh"; then
    echo "error: could not install Chromium (see above): the page-load figures need it" >&2
    exit 1
fi
cd "$EIM_ROOT"
exec "$EIM_VENV/bin/python" "$EIM_ROOT/benchmarks/bench_dashboard.py" "$@"
