#!/usr/bin/env bash
# Run the product: `scripts/run.sh parse FILE...` is `eim parse FILE...` in the project's venv,
# creating or updating the venv first. Paths are read relative to your current directory.
# HOOK (dashboard issue): with no arguments this will start the dashboard.
set -euo pipefail

# shellcheck source=scripts/_venv.sh
source "$(dirname "${BASH_SOURCE[0]}")/_venv.sh"

exec "$EIM_VENV/bin/eim" "$@"
