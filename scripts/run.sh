#!/usr/bin/env bash
# Run the product in the project's venv, creating or updating the venv first.
#   scripts/run.sh             start the dashboard: `eim serve` (http://127.0.0.1:8050/, the
#                              shipped data on the embedded SQLite store var/eim.sqlite)
#   scripts/run.sh ARGS...     `eim ARGS...`, e.g. `scripts/run.sh parse FILE...`
# Paths are read relative to your current directory.
set -euo pipefail

# shellcheck source=scripts/_venv.sh
source "$(dirname "${BASH_SOURCE[0]}")/_venv.sh"

if [[ $# -eq 0 ]]; then
    set -- serve
fi
exec "$EIM_VENV/bin/eim" "$@"
