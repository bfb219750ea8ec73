"""Concurrent first use of a new store: eight ``eim add`` at once on a store nobody opened.

Each round starts eight processes at the same instant on a new store (a SQLite file that
does not exist yet; a PostgreSQL database just created, empty) and every one runs the
migrations before adding the same small test bulletin. Without a lock around the
migrations, some processes crashed with ``no such table: schema_migrations``. The
processes are forked by ``tests/support/concurrent_adds.py`` from a parent that has
imported the command line, so a round takes a fraction of a second, not an interpreter
start per process.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest
from sqlalchemy.engine import make_url
from store_data import B2024_04

from loaders.store import Store

pytestmark = pytest.mark.slow

PROCESSES = 8
SQLITE_ROUNDS = 20
POSTGRES_ROUNDS = 3
HELPER = Path(__file__).parents[1] / "support" / "concurrent_adds.py"


def _rounds(bulletin: Path, urls: list[str], cwd: Path) -> list[list[dict[str, object]]]:
    """Run one round per URL (see the module doc); the processes' statuses and outputs."""
    env = {**os.environ, "EIM_ADDED_BY": "first-use-test", "PYTHONIOENCODING": "utf-8"}
    # Only the migrations race here: filling a new store from datasets/ (which eim add does
    # first) would make each round seconds long.
    env["EIM_SHIPPED_DATA"] = "false"
    env.pop("EIM_DATABASE_URL", None)
    env.pop("EIM_TEST_PAUSE_BEFORE_COMMIT", None)
    command = [sys.executable, str(HELPER), "--processes", str(PROCESSES)]
    done = subprocess.run(
        [*command, "--file", str(bulletin), *urls],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=30 + 10 * len(urls),
        check=False,
    )
    assert done.returncode == 0, done.stderr
    rounds: list[list[dict[str, object]]] = json.loads(done.stdout)
    return rounds


def _check(rounds: list[list[dict[str, object]]], urls: list[str]) -> None:
    crashed = [
        f"round {number}: status {process['status']}\n{process['output']}"
        for number, processes in enumerate(rounds, start=1)
        for process in processes
        if process["status"] != 0
    ]
    assert not crashed, f"{len(crashed)} of {PROCESSES * len(rounds)} crashed:\n" + "\n".join(
        crashed[:2]
    )
    for url in urls:
        store = Store(url)
        try:
            stored = store.bulletins()
        finally:
            store.close()
        ours = [row for row in stored if row["source"] == "2024-04.txt"]
        assert len(ours) == 1, f"{url}: the bulletin is stored {len(ours)} times"


@pytest.fixture
def bulletin(tmp_path: Path) -> Path:
    path = tmp_path / "2024-04.txt"
    path.write_text(B2024_04, encoding="utf-8")
    return path


def test_eight_adds_on_a_new_sqlite_file_never_crash(tmp_path: Path, bulletin: Path) -> None:
    urls = [f"sqlite:///{tmp_path / f'round-{n}' / 'eim.sqlite'}" for n in range(SQLITE_ROUNDS)]
    rounds = _rounds(bulletin, urls, tmp_path)
    _check(rounds, urls)


@pytest.fixture
def new_postgres_databases(postgres_url: str) -> Iterator[list[str]]:
    """``POSTGRES_ROUNDS`` new, empty databases in the test cluster, dropped afterwards."""
    base = make_url(postgres_url)
    names = [f"eim_first_{uuid.uuid4().hex[:12]}" for _ in range(POSTGRES_ROUNDS)]
    connect = {"host": base.host, "port": base.port, "user": base.username}
    with psycopg.connect(**connect, dbname=base.database, autocommit=True) as admin:
        for name in names:
            admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield [base.set(database=name).render_as_string(hide_password=False) for name in names]
    finally:
        with psycopg.connect(**connect, dbname=base.database, autocommit=True) as admin:
            for name in names:
                admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def test_eight_adds_on_a_new_postgres_database_never_crash(
    tmp_path: Path, bulletin: Path, new_postgres_databases: list[str]
) -> None:
    rounds = _rounds(bulletin, new_postgres_databases, tmp_path)
    _check(rounds, new_postgres_databases)
