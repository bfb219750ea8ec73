"""``eim add`` on a store that refuses writes: read-only, or with no room left.

Every file of the batch gets one line saying what happened (no SQLAlchemy traceback), the
others are still tried, nothing of a failing file is stored, and the status is 1. The store
is made to refuse for real, by the database itself:

- read-only: on PostgreSQL, the database is set ``default_transaction_read_only`` (every new
  session is read-only, as on a standby); on SQLite, every connection is opened with
  ``PRAGMA query_only`` (file modes do not stop root, which the tests may run as);
- full: SQLite's ``PRAGMA max_page_count`` lets the file grow by one page, so the first
  bulletins fit and the next ones fail with SQLITE_FULL, the error a full disk gives.

The pragmas are set on every new connection (``tests/support/sqlite_pragmas.py``); the
command runs in this process (``loaders.cli.main``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import ExitStack
from pathlib import Path
from typing import Any

import psycopg
import pytest
from sqlalchemy import func, select
from sqlalchemy.engine import make_url
from sqlite_pragmas import every_connection
from store_data import snapshot

from loaders.cli import main
from loaders.store import Store
from loaders.store.tables import bulletins, observations

Pragma = Callable[[str], None]


@pytest.fixture
def environment(store_url: str, monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setenv("EIM_DATABASE_URL", store_url)
    monkeypatch.setenv("EIM_ADDED_BY", "failure-test")
    monkeypatch.setenv("EIM_SHIPPED_DATA", "false")  # only the test's bulletins
    monkeypatch.delenv("EIM_TEST_PAUSE_BEFORE_COMMIT", raising=False)
    return store_url


@pytest.fixture
def sqlite_pragma() -> Iterator[Pragma]:
    """``pragma("query_only=ON")``: run that pragma on every SQLite connection opened from
    now on, until the test ends (``sqlite_pragmas.every_connection``)."""
    with ExitStack() as stack:
        yield lambda setting: stack.enter_context(every_connection(setting))


def _add(capsys: pytest.CaptureFixture[str], files: list[Path]) -> tuple[int, str]:
    capsys.readouterr()
    status = main(["add", *map(str, files)])
    captured = capsys.readouterr()
    return status, captured.out + captured.err


def _snapshot(url: str) -> dict[str, Any]:
    store = Store(url)
    try:
        return snapshot(store)
    finally:
        store.close()


def _whole(url: str) -> list[tuple[str, int]]:
    """(source, stored facts) of every stored bulletin: a bulletin stored in part would show
    fewer facts than it has."""
    store = Store(url)
    try:
        with store.engine.connect() as connection:
            rows = connection.execute(
                select(bulletins.c.source, func.count(observations.c.id))
                .select_from(bulletins.outerjoin(observations))
                .group_by(bulletins.c.id, bulletins.c.source)
                .order_by(bulletins.c.id)
            )
            return [(str(source), int(count)) for source, count in rows]
    finally:
        store.close()


def _make_read_only(url: str, pragma: Pragma) -> None:
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        pragma("query_only=ON")
        return
    connect = {"host": parsed.host, "port": parsed.port, "user": parsed.username}
    with psycopg.connect(**connect, dbname="postgres", autocommit=True) as admin:
        admin.execute(f'ALTER DATABASE "{parsed.database}" SET default_transaction_read_only = on')


def test_a_read_only_store_fails_every_file_with_one_line_each(
    environment: str,
    bulletin_files: dict[str, Path],
    sqlite_pragma: Pragma,
    capsys: pytest.CaptureFixture[str],
) -> None:
    files = list(bulletin_files.values())
    status, _ = _add(capsys, files[:1])
    assert status == 0
    before = _snapshot(environment)

    _make_read_only(environment, sqlite_pragma)
    status, out = _add(capsys, files[1:])

    assert status == 1, out
    assert "Traceback" not in out and "sqlalchemy" not in out.lower(), out
    failed = [line for line in out.splitlines() if ": failed — " in line]
    assert [line.split(": failed — ")[0] for line in failed] == [str(f) for f in files[1:]], out
    for line in failed:
        assert "the store is read-only" in line and "nothing was stored" in line, line
    assert out.splitlines()[-1].startswith("summary: 0 added"), out
    assert _snapshot(environment) == before


@pytest.mark.parametrize("store_url", ["sqlite"], indirect=True)
def test_a_full_store_fails_the_files_that_do_not_fit_and_stores_nothing_partial(
    environment: str,
    bulletin_files: dict[str, Path],
    sqlite_pragma: Pragma,
    capsys: pytest.CaptureFixture[str],
) -> None:
    store = Store(environment)
    with store.engine.connect() as connection:
        pages = int(connection.exec_driver_sql("PRAGMA page_count").scalar() or 0)
    store.close()
    sqlite_pragma(f"max_page_count={pages + 1}")
    files = list(bulletin_files.values())

    status, out = _add(capsys, files)

    assert status == 1, out
    assert "Traceback" not in out and "sqlalchemy" not in out.lower(), out
    failed = [line for line in out.splitlines() if ": failed — " in line]
    assert failed, f"the limit of {pages + 1} pages stopped nothing:\n{out}"
    for line in failed:
        assert "the store has no room left" in line and "nothing was stored" in line, line
    stored = _whole(environment)
    assert stored, f"nothing fitted in {pages + 1} pages:\n{out}"
    added = {line.split(":")[0] for line in out.splitlines() if ": added" in line}
    assert {source for source, _ in stored} == added
    assert len(stored) + len(failed) == len(files), out  # every file was tried
    facts = dict(line.split(": added")[0:2] for line in out.splitlines() if ": added" in line)
    for source, count in stored:
        assert f"{count} facts" in facts[source], (source, count, out)
