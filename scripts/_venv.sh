# shellcheck shell=bash
# Sourced (not run) by scripts/test.sh, scripts/run.sh and scripts/bench.sh.
#
# Makes sure .venv exists and holds exactly the versions of requirements/dev.lock (the project's
# dev install: every extra and the test tools, hash-checked) plus the project itself, editable,
# then puts .venv/bin first on PATH. pip installs uv from requirements/bootstrap.lock, uv
# installs dev.lock, then the project with --no-deps. That runs only when pyproject.toml or a
# lock changed since the last good install: their sha256 is kept in .venv/.install.sha256.
# Then builds the partial plotly.js (scripts/plotly_bundle.sh) when missing or out of date.
# scripts/lock.sh regenerates the locks.
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
            # -o DPkg::Lock::Timeout: scripts/chromium.sh may be installing beside it
            apt-get -o DPkg::Lock::Timeout=300 update -qq >&2 || return 1
            DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=300 \
                install -y -qq python3-venv >&2 || return 1
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

# The files an install is made from; a change to any of them reinstalls.
EIM_INSTALL_INPUTS=(pyproject.toml requirements/bootstrap.lock requirements/dev.lock)

_eim_venv_install() {
    local python="$EIM_VENV/bin/python" uv="$EIM_VENV/bin/uv"
    echo "==> installing requirements/dev.lock and the project (new venv, or pyproject.toml" \
        "or a lock changed)" >&2
    "$python" -m pip install --quiet --disable-pip-version-check --require-hashes --no-deps \
        -r "$EIM_ROOT/requirements/bootstrap.lock" >&2 || return 1
    # hardlink: the venv's files are links into uv's cache, not copies of it (measured with
    # a warm cache: 14 s instead of 45 s on these machines' disks); where the cache is on
    # another file system than .venv, uv says so and copies. --compile-bytecode: uv writes
    # no .pyc by default, and every process (a gunicorn worker, the CLI in a test) would then
    # compile pandas, Dash … from source: 3.6 s instead of 1.3 s an import.
    UV_LINK_MODE=hardlink "$uv" pip install --quiet --python "$python" --require-hashes \
        --compile-bytecode -r "$EIM_ROOT/requirements/dev.lock" >&2 || return 1
    UV_LINK_MODE=hardlink "$uv" pip install --quiet --python "$python" --no-deps \
        -e "$EIM_ROOT" >&2 || return 1
}

_eim_venv_sync() {
    local stamp="$EIM_VENV/.install.sha256" want
    if ! "$EIM_VENV/bin/python" -c '' 2>/dev/null; then
        _eim_venv_create || return 1
    fi
    want="$(cd "$EIM_ROOT" && sha256sum "${EIM_INSTALL_INPUTS[@]}" | sha256sum | cut -d' ' -f1)" ||
        return 1
    if [[ -f "$stamp" && "$(cat "$stamp")" == "$want" ]] && ! _eim_install_sane; then
        echo "==> the editable install does not see loaders/ as a package; reinstalling" >&2
        rm -f "$stamp"
    fi
    if [[ ! -f "$stamp" || "$(cat "$stamp")" != "$want" ]]; then
        rm -f "$stamp" "$EIM_VENV/.pyproject.sha256"  # the latter: the stamp of older scripts
        _eim_venv_install || return 1
        if ! _eim_install_sane; then
            echo "error: after installing, loaders/ does not import as a package from $EIM_VENV" >&2
            return 1
        fi
        echo "$want" >"$stamp"
    fi
}

_eim_venv_sync
# The partial plotly.js in dashboard/assets/, built with npm when missing or out of date
# (scripts/plotly_bundle.sh). If that fails it says why, and the dashboard uses the full one.
EIM_VENV="$EIM_VENV" bash "$EIM_ROOT/scripts/plotly_bundle.sh" || true
export VIRTUAL_ENV="$EIM_VENV"
export PATH="$EIM_VENV/bin:$PATH"
