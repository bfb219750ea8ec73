"""The test harness's own rules (``tests/support/ci.py``): the order files run in, and the
wait for a Chromium that ``scripts/test.sh`` installs beside the tests."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from ci import run_group, wait_for_chromium_install


def test_slow_tests_run_first_and_browser_ones_wait_only_while_chromium_installs() -> None:
    assert run_group(slow=True, browser=True, browser_later=False) == 0
    assert run_group(slow=True, browser=False, browser_later=True) == 0
    assert run_group(slow=True, browser=True, browser_later=True) == 1
    assert run_group(slow=False, browser=True, browser_later=True) == 2
    assert run_group(slow=False, browser=False, browser_later=False) == 2


def test_without_a_status_file_named_nothing_is_awaited(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("EIM_CHROMIUM_STATUS_FILE", raising=False)
    began = time.monotonic()
    wait_for_chromium_install(timeout=5)
    assert time.monotonic() - began < 1


def test_a_finished_install_lets_the_test_go_on(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    status = tmp_path / "status"
    status.write_text("0\n")
    monkeypatch.setenv("EIM_CHROMIUM_STATUS_FILE", str(status))
    wait_for_chromium_install(timeout=5)


def test_a_failed_install_fails_the_test_with_its_status(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    status = tmp_path / "status"
    status.write_text("100\n")
    monkeypatch.setenv("EIM_CHROMIUM_STATUS_FILE", str(status))
    with pytest.raises(pytest.fail.Exception, match="exit status 100"):
        wait_for_chromium_install(timeout=5)


def test_an_install_that_never_ends_fails_after_the_timeout(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("EIM_CHROMIUM_STATUS_FILE", str(tmp_path / "never-written"))
    began = time.monotonic()
    with pytest.raises(pytest.fail.Exception, match="did not finish within 1 s"):
        wait_for_chromium_install(timeout=1)
    assert time.monotonic() - began >= 1
