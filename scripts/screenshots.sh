#!/usr/bin/env bash
# Screenshots of every dashboard page in Chinese and English, in headless Chromium:
#   scripts/screenshots.sh [OUT_DIR] [--phone]   (default: screenshots/, relative to your directory)
# saves OUT_DIR/<page>-<lang>.png (overview-zh.png, growth-en.png, ...) at full page height and
# prints each file. The app runs under gunicorn on a free port of 127.0.0.1 with a fresh
# SQLite store filled from the shipped datasets/; it and the browser are stopped at the end.
# Installs chromium, chromium-driver and fonts-noto-cjk first when missing (root, apt-get).
# Exit status 1 when a page did not render in time (its screenshot is still saved).
set -euo pipefail

# shellcheck source=scripts/_venv.sh
source "$(dirname "${BASH_SOURCE[0]}")/_venv.sh"
bash "$EIM_ROOT/scripts/chromium.sh"

exec "$EIM_VENV/bin/python" -m dashboard.tools.screenshots "$@"
