"""What every test folder shares.

- ``--update-golden`` rewrites ``tests/bulletin/golden/*.expected.json``.
- Tests marked ``slow`` (a server, a browser, other processes, or many drawn examples) run
  first: ``scripts/test.sh`` hands whole files to its pytest-xdist workers in the order
  collected, so the long files start early and the short ones fill in around them. Tests
  marked ``browser`` wait for the Chromium ``scripts/test.sh`` may still be installing, and
  run after the other slow tests when it is (``tests/support/ci.py``).
- The settings are read again after each test (``settings_as_the_environment_says``).
- ``shipped_store``: the dashboard reads a store of its own: a copy of one filled from
  ``datasets/`` once a session (by ``loaders.api.default_store``, as on a first visit).
- The store fixtures: ``store_url`` runs a test once per database: ``sqlite`` (a file in
  ``tmp_path``) and ``postgresql`` (a fresh database, dropped afterwards, in the cluster that
  ``scripts/test.sh`` starts and names in ``EIM_TEST_POSTGRES_URL``). Without that variable
  the PostgreSQL runs skip, naming the reason, except under CI (``CI`` set), where they
  fail: CI must never pass without PostgreSQL. ``store`` is a ``Store`` on that URL;
  ``bulletin_files`` writes the small bulletins of ``store_data`` (made up for the tests, in
  the bulletins' style) to a folder.

Helpers that tests import (not fixtures) are in ``tests/support``, on the path by the pytest
configuration (``pythonpath`` in ``pyproject.toml``).
"""

from __future__ import annotations

import os
import sqlite3
import uuid
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path
from typing import Any

import pytest
from ci import browser_tests_later, run_group, running_under_ci, wait_for_chromium_install
from sqlalchemy.engine import URL, make_url
from store_data import write_bulletins

from loaders import settings
from loaders.store import Store


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden",
        action="store_true",
        default=False,
        help="rewrite tests/bulletin/golden/<case>.expected.json from the loader's output "
        "(then read every changed file and check its numbers against the text by hand)",
    )


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Slow tests first, the order within each group kept (see the module doc); while
    Chromium is still installing (``ci.browser_tests_later``), the slow browser tests after
    the other slow ones."""
    later = browser_tests_later()
    items.sort(
        key=lambda item: run_group(
            slow=item.get_closest_marker("slow") is not None,
            browser=item.get_closest_marker("browser") is not None,
            browser_later=later,
        )
    )


def pytest_runtest_setup(item: pytest.Item) -> None:
    """A browser test first waits for the Chromium ``scripts/test.sh`` may be installing."""
    if item.get_closest_marker("browser") is not None:
        wait_for_chromium_install()


@pytest.fixture(autouse=True)
def settings_as_the_environment_says() -> Iterator[None]:
    """After each test (and after its monkeypatch is undone), the settings are read again,
    so no test sees another's environment (``loaders.settings`` keeps what it read)."""
    yield
    settings.reload()


@pytest.fixture
def update_golden(request: pytest.FixtureRequest) -> bool:
    """True when the run was asked to rewrite the golden files."""
    return bool(request.config.getoption("--update-golden"))


@pytest.fixture(scope="session")
def shipped_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A SQLite store filled from ``datasets/`` the way a first visit fills an empty one
    (``loaders.api.default_store``), once a session; ``shipped_store`` copies it."""
    from loaders.api import default_store
    from loaders.settings import Settings

    path = tmp_path_factory.mktemp("shipped") / "eim.sqlite"
    store = default_store(Settings(database_path=path, database_url=None))
    try:
        assert store.version() > 0, "datasets/ filled nothing"
    finally:
        store.close()
    return path


@pytest.fixture()
def shipped_store(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, shipped_template: Path
) -> Iterator[None]:
    """The dashboard reads a store of its own (a copy of ``shipped_template``: the shipped
    datasets), not var/eim.sqlite; its store and every cache are reset before and after."""
    from dashboard import data

    copy = tmp_path / "eim.sqlite"
    with closing(sqlite3.connect(shipped_template)) as source, closing(sqlite3.connect(copy)) as t:
        source.backup(t)
    monkeypatch.setenv("EIM_DATABASE_PATH", str(copy))
    monkeypatch.delenv("EIM_DATABASE_URL", raising=False)
    data.reset()
    yield
    data.reset()


DATABASES = ("sqlite", "postgresql")
NOT_STARTED = "PostgreSQL was not started by scripts/test.sh"


def _admin_connect(url: URL) -> Any:
    import psycopg

    return psycopg.connect(
        host=url.host,
        port=url.port,
        user=url.username,
        password=url.password,
        dbname=url.database,
        autocommit=True,
        connect_timeout=10,
    )


@pytest.fixture
def postgres_url() -> Iterator[str]:
    """A fresh, empty PostgreSQL database for one test, dropped after it."""
    cluster = os.environ.get("EIM_TEST_POSTGRES_URL")
    if not cluster:
        if running_under_ci():
            pytest.fail(f"{NOT_STARTED}: EIM_TEST_POSTGRES_URL is not set under CI")
        pytest.skip(f"{NOT_STARTED} (EIM_TEST_POSTGRES_URL is not set); run scripts/test.sh")
    base = make_url(cluster)
    name = f"eim_t_{uuid.uuid4().hex[:16]}"
    with _admin_connect(base) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield base.set(database=name).render_as_string(hide_password=False)
    finally:
        with _admin_connect(base) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(params=DATABASES)
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """The URL of an empty store: once on SQLite, once on PostgreSQL."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'store' / 'eim.sqlite'}"
    url: str = request.getfixturevalue("postgres_url")
    return url


@pytest.fixture
def store(store_url: str) -> Iterator[Store]:
    """A ``Store`` on ``store_url`` (migrated), closed after the test."""
    opened = Store(store_url)
    try:
        yield opened
    finally:
        opened.close()


@pytest.fixture
def bulletin_files(tmp_path: Path) -> dict[str, Path]:
    """The test bulletins as files in ``tmp_path / 'bulletins'``; name -> path."""
    return write_bulletins(tmp_path / "bulletins")
