"""Shared pytest options: ``--update-golden`` rewrites ``tests/golden/*.expected.json``."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden",
        action="store_true",
        default=False,
        help="rewrite tests/golden/<case>.expected.json from the loader's output "
        "(then read every changed file and check its numbers against the text by hand)",
    )


@pytest.fixture
def update_golden(request: pytest.FixtureRequest) -> bool:
    """True when the run was asked to rewrite the golden files."""
    return bool(request.config.getoption("--update-golden"))


@pytest.fixture()
def shipped_store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The dashboard reads a store of its own (filled from datasets/ on first use), not
    var/eim.sqlite; its store and every cache are reset before and after."""
    from dashboard import data

    monkeypatch.setenv("EIM_DATABASE_PATH", str(tmp_path / "eim.sqlite"))
    monkeypatch.delenv("EIM_DATABASE_URL", raising=False)
    data.reset()
    yield
    data.reset()
