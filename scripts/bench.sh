#!/usr/bin/env bash
# Run the parse benchmark in the project's venv: `scripts/bench.sh [--quick] [--repeat N]
# [--corpus DIR]`. See benchmarks/bench_parse.py.
set -euo pipefail

# shellcheck source=scripts/_venv.sh
source "$(dirname "${BASH_SOURCE[0]}")/_venv.sh"

exec "$EIM_VENV/bin/python" "$EIM_ROOT/benchmarks/bench_parse.py" "$@"
