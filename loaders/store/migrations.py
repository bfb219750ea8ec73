"""Named, idempotent schema migrations.

Each migration is a name and a function of a connection; ``migrate`` applies, in
order, those not yet recorded in ``schema_migrations`` and records them, each in
its own transaction. Running it again changes nothing. Two processes migrating at
once is safe: the loser of the race finds the migration recorded and moves on.
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


def migrate(engine: Engine) -> list[str]:
    """Apply the migrations not yet applied; return their names."""
    with contextlib.suppress(DBAPIError):  # another process may create it first
        metadata.create_all(engine, tables=[schema_migrations], checkfirst=True)
    done = applied(engine)
    newly: list[str] = []
    for name, step in MIGRATIONS:
        if name in done:
            continue
        try:
            with engine.connect() as connection, _write(connection), connection.begin():
                step(connection)
                connection.execute(
                    insert(schema_migrations).values(
                        name=name, applied_at=datetime.now(UTC).replace(tzinfo=None)
                    )
                )
            newly.append(name)
        except DBAPIError:
            if name not in applied(engine):
                raise
    return newly
