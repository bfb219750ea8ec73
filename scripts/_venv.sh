# shellcheck shell=bash
# Sourced (not run) by scripts/test.sh, scripts/run.sh and scripts/bench.sh.
#
# Makes sure .venv exists and holds the project installed with its dev extras, then puts
# .venv/bin first on PATH. pip runs only when pyproject.toml changed since the last good
# install: the sha256 of pyproject.toml is kept in .venv/.pyproject.sha256. Then builds the
# partial plotly.js (scripts/plotly_bundle.sh) when it is missing or out of date.
# Sets EIM_ROOT (the repository root) and EIM_VENV. Leaves the caller's cwd alone.
# Progress goes to stderr, so `scripts/run.sh parse ... > out.json` stays clean.

EIM_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
EIM_VENV="$EIM_ROOT/.venv"
EIM_PYTHON="${EIM_PYTHON:-python3}"  # the interpreter that creates .venv (must be 3.11)

_eim_venv_create() {
    if ! "$EIM_PYTHON" -c 'import sys; sys.exit(sys.version_info[:2] != (3, 11))'; then
        echo "error: $EIM_PYTHON is not Python 3.11; set EIM_PYTHON to a 3.11 interpreter" >&2
        return 1
    fi
    # Debian ships `python3 -m venv` in a separate package (python3-venv).
    if ! "$EIM_PYTHON" -c 'import ensurepip' 2>/dev/null; then
        if [[ $EUID -eq 0 ]] && command -v apt-get >/dev/null; then
            echo "==> installing Debian package python3-venv" >&2
            apt-get update -qq >&2 || return 1
            DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-venv >&2 || return 1
        else
            echo "error: python3 -m venv is unavailable; run: sudo apt-get install python3-venv" >&2
            return 1
        fi
    fi
    echo "==> creating $EIM_VENV" >&2
    "$EIM_PYTHON" -m venv --clear "$EIM_VENV"
}

# True when `eim` is installed and `loaders` imports as a regular package from anywhere.
# An editable install made while loaders/ had no __init__.py maps it as a namespace package
# for good (setuptools records the layout at install time), so check rather than trust.
_eim_install_sane() {
    [[ -x "$EIM_VENV/bin/eim" ]] && "$EIM_VENV/bin/python" -I -c '
import importlib.util, sys
spec = importlib.util.find_spec("loaders")
sys.exit(not (spec and spec.origin and spec.origin.endswith("__init__.py")))'
}

_eim_venv_sync() {
    local stamp="$EIM_VENV/.pyproject.sha256" want
    if ! "$EIM_VENV/bin/python" -c '' 2>/dev/null; then
        _eim_venv_create || return 1
    fi
    want="$(sha256sum "$EIM_ROOT/pyproject.toml" | cut -d' ' -f1)"
    if [[ -f "$stamp" && "$(cat "$stamp")" == "$want" ]] && ! _eim_install_sane; then
        echo "==> the editable install does not see loaders/ as a package; reinstalling" >&2
        rm -f "$stamp"
    fi
    if [[ ! -f "$stamp" || "$(cat "$stamp")" != "$want" ]]; then
        echo "==> pip install -e '.[dev]' (new venv or pyproject.toml changed)" >&2
        rm -f "$stamp"
        "$EIM_VENV/bin/python" -m pip install --quiet --disable-pip-version-check \
            -e "${EIM_ROOT}[dev]" >&2 || return 1
        echo "$want" >"$stamp"
    fi
}

_eim_venv_sync
# The partial plotly.js in dashboard/assets/, built with npm when missing or out of date
# (scripts/plotly_bundle.sh). If that fails it says why, and the dashboard uses the full one.
EIM_VENV="$EIM_VENV" bash "$EIM_ROOT/scripts/plotly_bundle.sh" || true
export VIRTUAL_ENV="$EIM_VENV"
export PATH="$EIM_VENV/bin:$PATH"
