"""Named, idempotent schema migrations.

Each migration is a name and a function of a connection; ``migrate`` applies, in
order, those not yet recorded in ``schema_migrations`` and records them, each in
its own transaction. Running it again changes nothing. Two processes migrating at
once is safe: the loser of the race finds the migration recorded and moves on.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from datetime import UTC, datetime

from sqlalchemy import Connection, Engine, insert, select
from sqlalchemy.exc import DBAPIError

from loaders.store.tables import bulletins, metadata, observations, schema_migrations

Migration = tuple[str, Callable[[Connection], None]]


def _create_bulletins_and_observations(connection: Connection) -> None:
    metadata.create_all(connection, tables=[bulletins, observations], checkfirst=True)


MIGRATIONS: tuple[Migration, ...] = (
    ("0001_create_bulletins_and_observations", _create_bulletins_and_observations),
)


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
            with engine.begin() as connection:
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
