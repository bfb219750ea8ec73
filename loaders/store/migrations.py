"""Named, idempotent schema migrations.

Each migration is a name and a function of a connection; ``migrate`` applies, in
order, those not yet recorded in ``schema_migrations`` and records them, each in
its own transaction. Running it again changes nothing.

Many processes migrating at once (eight ``eim add`` on a new file) is safe: each migration
runs under the database's write lock, taken before anything is read (SQLite: ``BEGIN
IMMEDIATE``, which waits up to the busy timeout; PostgreSQL: a transaction-scoped advisory
lock, ``pg_advisory_xact_lock``), and under it ``schema_migrations`` is created if missing
and read again, so the process that waited finds the migration recorded and moves on. A
store whose migrations are all recorded is only read (no lock), so opening it never waits
for a writer and works on a read-only store.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from datetime import UTC, datetime

from sqlalchemy import Connection, Engine, insert, inspect, select
from sqlalchemy.exc import DBAPIError

from loaders.store.tables import bulletins, metadata, observations, schema_migrations

Migration = tuple[str, Callable[[Connection], None]]
#: ``Connection.info`` flag of a connection about to open a write transaction: the SQLite
#: engine then begins with ``BEGIN IMMEDIATE`` (see ``loaders.store.store``).
WRITE = "eim_write"
#: The key of the PostgreSQL advisory lock migrations run under (any constant bigint; this
#: one is "eim" in ASCII, 0x65696d, so that another application's lock is unlikely to clash).
ADVISORY_LOCK_KEY = 0x65696D


def _create_bulletins_and_observations(connection: Connection) -> None:
    metadata.create_all(connection, tables=[bulletins, observations], checkfirst=True)


def _add_bulletin_source_url(connection: Connection) -> None:
    """``bulletins.source_url`` (nullable TEXT: the publisher's page). A database created
    after the column joined the schema has it from 0001 already; then nothing is done."""
    column = bulletins.c.source_url
    present = {found["name"] for found in inspect(connection).get_columns(bulletins.name)}
    if column.name in present:
        return
    kind = column.type.compile(dialect=connection.dialect)
    connection.exec_driver_sql(f"ALTER TABLE {bulletins.name} ADD COLUMN {column.name} {kind}")


def _create_login_state(connection: Connection) -> None:
    """The web editor's failed sign-ins and sessions (``loaders.store.logins``)."""
    from loaders.store import logins  # it imports WRITE from here

    logins.create_tables(connection)


MIGRATIONS: tuple[Migration, ...] = (
    ("0001_create_bulletins_and_observations", _create_bulletins_and_observations),
    ("0002_add_bulletin_source_url", _add_bulletin_source_url),
    ("0003_login_state", _create_login_state),
)


@contextlib.contextmanager
def _write(connection: Connection) -> Iterator[None]:
    """Mark the connection's next transaction as a write (SQLite: BEGIN IMMEDIATE)."""
    connection.info[WRITE] = True
    try:
        yield
    finally:
        connection.info.pop(WRITE, None)


def applied(engine: Engine) -> set[str]:
    """The names of the migrations recorded in the database."""
    with engine.connect() as connection:
        return set(connection.scalars(select(schema_migrations.c.name)))


def _all_applied(engine: Engine) -> bool:
    """True when every migration is recorded (read only; False when the table is missing)."""
    try:
        done = applied(engine)
    except DBAPIError:  # no schema_migrations yet (a new store)
        return False
    return all(name in done for name, _ in MIGRATIONS)


@contextlib.contextmanager
def _locked(engine: Engine) -> Iterator[Connection]:
    """A transaction holding the migrations' lock (see the module doc), committed at the end
    and rolled back on error."""
    with engine.connect() as connection, _write(connection), connection.begin():
        if connection.dialect.name == "postgresql":
            connection.exec_driver_sql(f"SELECT pg_advisory_xact_lock({ADVISORY_LOCK_KEY})")
        # On SQLite, BEGIN IMMEDIATE (the WRITE flag) already holds the write lock.
        yield connection


def migrate(engine: Engine) -> list[str]:
    """Apply the migrations not yet applied; return their names."""
    if _all_applied(engine):
        return []
    newly: list[str] = []
    for name, step in MIGRATIONS:
        with _locked(engine) as connection:
            metadata.create_all(connection, tables=[schema_migrations], checkfirst=True)
            done = set(connection.scalars(select(schema_migrations.c.name)))
            if name in done:
                continue
            step(connection)
            connection.execute(
                insert(schema_migrations).values(
                    name=name, applied_at=datetime.now(UTC).replace(tzinfo=None)
                )
            )
        newly.append(name)
    return newly
