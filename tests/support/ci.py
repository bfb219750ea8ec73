"""Whether the tests run under CI (``CI`` set to anything but empty, 0, false, no): there a
missing service or browser fails the run instead of skipping its tests. And the wait for a
Chromium that ``scripts/test.sh`` is still installing beside the tests."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

#: Seconds a browser test waits for scripts/chromium.sh to finish.
CHROMIUM_INSTALL_TIMEOUT = 900.0


def running_under_ci() -> bool:
    """True under CI."""
    return os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no")


def browser_tests_later() -> bool:
    """True when ``scripts/test.sh`` started pytest while Chromium was still installing
    (``EIM_BROWSER_TESTS_LATER``): the browser tests then run after the other slow ones."""
    return bool(os.environ.get("EIM_BROWSER_TESTS_LATER"))


def run_group(*, slow: bool, browser: bool, browser_later: bool) -> int:
    """Where a test runs in the session: 0 the slow tests (first, so the long files start
    early), 1 the slow browser tests while Chromium is still installing (``browser_later``),
    2 the rest; the order within a group is kept."""
    if not slow:
        return 2
    return 1 if browser and browser_later else 0


def wait_for_chromium_install(timeout: float = CHROMIUM_INSTALL_TIMEOUT) -> None:
    """Under ``scripts/test.sh``, which installs Chromium beside the tests and writes the
    install's exit status to the file ``EIM_CHROMIUM_STATUS_FILE`` names when it ends: wait
    (bounded) for that file, and fail the test if the install failed. Elsewhere, return."""
    named = os.environ.get("EIM_CHROMIUM_STATUS_FILE")
    if not named:
        return
    path, deadline = Path(named), time.monotonic() + timeout
    while not path.exists():
        if time.monotonic() > deadline:
            pytest.fail(f"scripts/chromium.sh did not finish within {timeout:.0f} s")
        time.sleep(0.5)
    status = path.read_text().strip()
    if status != "0":
        pytest.fail(
            f"scripts/chromium.sh failed (exit status {status}; its messages are above "
            "pytest's output): the browser tests need Chromium"
        )
