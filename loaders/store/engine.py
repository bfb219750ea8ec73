"""Opening a store's database: a SQLAlchemy engine for a URL.

In: a SQLAlchemy URL (``sqlite:///path``, ``postgresql://…``; ``postgres``/``postgresql``
run through psycopg 3). Out: an ``Engine``. On SQLite the file's folder is created, the
database runs in WAL mode with a 30 s busy timeout and foreign keys on, and a transaction
opened on a connection marked ``WRITE`` (``loaders.store.migrations``) begins with
``BEGIN IMMEDIATE``: a plain ``BEGIN`` that reads then writes loses commits to ``database is
locked``. Readers never wait for a writer under WAL.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.engine import make_url

from loaders.extras import require
from loaders.store.migrations import WRITE


def _sqlite_pragmas(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None  # let "begin" below issue BEGIN itself
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA busy_timeout=30000")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Connection) -> None:
        # Writers take the write lock at once (a deferred BEGIN that reads, then writes, loses
        # commits to "database is locked"); readers never wait for a writer under WAL.
        connection.exec_driver_sql("BEGIN IMMEDIATE" if connection.info.get(WRITE) else "BEGIN")


def make_engine(url: str) -> Engine:
    """An engine for ``url``: SQLite (its folder created) or PostgreSQL through psycopg 3."""
    parsed = make_url(url)
    if parsed.drivername in ("postgresql", "postgres"):
        parsed = parsed.set(drivername="postgresql+psycopg")
    if parsed.get_driver_name() == "psycopg":
        require("postgres", "a PostgreSQL store")
    if parsed.get_backend_name() == "sqlite":
        if parsed.database and parsed.database != ":memory:":
            Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(parsed, connect_args={"timeout": 30})
        _sqlite_pragmas(engine)
        return engine
    return create_engine(parsed, pool_pre_ping=True)
