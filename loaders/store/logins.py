"""The web editor's sign-ins, kept in the store's database so every gunicorn worker and every
machine sharing the database sees the same state: failed sign-ins (rate limit and lockout)
and open sessions (server-side revocation).

    login_failures(key PRIMARY KEY, failures, window_start, locked_until NULL)
        one row per thing that failed to sign in: ``user:<name>`` or ``address:<ip>``;
        ``failures`` (sign-ins counted, before their password is checked) since
        ``window_start`` (a window as long as the lockout), ``locked_until`` set when
        they reach the limit (then counting starts again)
    editor_sessions(token_sha256 PRIMARY KEY, user, credential, created_at, expires_at,
                    revoked_at NULL)
        one row per sign-in: the SHA-256 of the random token the cookie carries (a stolen
        database gives no live cookie), who, a keyed digest of the password setting it was
        opened under (``credential``: another password ends it), when it ends

Times are naive UTC datetimes; durations are in seconds. Every write is one short
transaction (SQLite: ``BEGIN IMMEDIATE``; PostgreSQL: the row locked ``FOR UPDATE``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import (
    Column,
    Connection,
    DateTime,
    Engine,
    Integer,
    String,
    Table,
    delete,
    select,
    update,
)
from sqlalchemy.dialects import postgresql, sqlite

from loaders.store.migrations import WRITE
from loaders.store.tables import metadata

login_failures = Table(
    "login_failures",
    metadata,
    Column("key", String(300), primary_key=True),
    Column("failures", Integer, nullable=False),
    Column("window_start", DateTime(timezone=False), nullable=False),
    Column("locked_until", DateTime(timezone=False), nullable=True),
)

editor_sessions = Table(
    "editor_sessions",
    metadata,
    Column("token_sha256", String(64), primary_key=True),
    Column("user", String(300), nullable=False),
    Column("credential", String(64), nullable=False),
    Column("created_at", DateTime(timezone=False), nullable=False),
    Column("expires_at", DateTime(timezone=False), nullable=False),
    Column("revoked_at", DateTime(timezone=False), nullable=True),
)

TABLES = (login_failures, editor_sessions)


def create_tables(connection: Connection) -> None:
    """Make both tables (nothing when they exist): the migration ``0003_login_state``."""
    metadata.create_all(connection, tables=list(TABLES), checkfirst=True)


@dataclass(frozen=True)
class Policy:
    """``limit`` failed sign-ins within ``lockout_s`` seconds lock the key for ``lockout_s``."""

    limit: int
    lockout_s: float


class Logins:
    """Sign-in state on ``engine`` (the store's), failures counted under ``policy`` (5 in
    900 s by default); see the module docstring."""

    def __init__(self, engine: Engine, policy: Policy | None = None) -> None:
        self.engine = engine
        self.policy = policy or Policy(limit=5, lockout_s=900.0)

    def _write(self) -> Any:
        connection = self.engine.connect()
        connection.info[WRITE] = True
        return connection

    def _insert(self, connection: Connection, table: Table, values: dict[str, Any]) -> None:
        """Insert a row unless its key is there (both dialects)."""
        dialect = postgresql if connection.dialect.name == "postgresql" else sqlite
        connection.execute(dialect.insert(table).values(**values).on_conflict_do_nothing())

    # -- failed sign-ins -------------------------------------------------------------------

    def locked_until(self, keys: Sequence[str], now: datetime) -> datetime | None:
        """The latest end of a lockout among ``keys`` still running at ``now``, or None."""
        with self.engine.connect() as connection:
            found = connection.scalar(
                select(login_failures.c.locked_until)
                .where(login_failures.c.key.in_(list(keys)))
                .where(login_failures.c.locked_until > now)
                .order_by(login_failures.c.locked_until.desc())
                .limit(1)
            )
        return found if isinstance(found, datetime) else None

    def _rows(self, connection: Connection, keys: Sequence[str], now: datetime) -> list[Any]:
        """The keys' rows, made when missing and locked for this transaction."""
        for key in keys:
            self._insert(
                connection,
                login_failures,
                {"key": key, "failures": 0, "window_start": now, "locked_until": None},
            )
        return list(
            connection.execute(
                select(login_failures)
                .where(login_failures.c.key.in_(list(keys)))
                .order_by(login_failures.c.key)
                .with_for_update()
            )
        )

    def _set(self, connection: Connection, key: str, **values: Any) -> None:
        connection.execute(
            update(login_failures).where(login_failures.c.key == key).values(**values)
        )

    def attempt(self, keys: Sequence[str], now: datetime) -> datetime | None:
        """Count a sign-in about to be checked against each key, before its password is
        (so concurrent guesses get at most ``policy.limit`` checks): the end of the lockout
        that refuses it, or None when it may be checked."""
        policy = self.policy
        window = timedelta(seconds=policy.lockout_s)
        with self._write() as connection, connection.begin():
            rows = self._rows(connection, keys, now)
            running: list[datetime] = [
                row.locked_until for row in rows if row.locked_until and row.locked_until > now
            ]
            if running:
                return max(running)
            ends: list[datetime] = []
            for row in rows:
                failures, start = row.failures, row.window_start
                if start + window <= now:  # an old window: count anew
                    failures, start = 0, now
                if failures >= policy.limit:
                    ends.append(now + window)
                    self._set(
                        connection, row.key, failures=0, window_start=now, locked_until=ends[-1]
                    )
                else:
                    self._set(connection, row.key, failures=failures + 1, window_start=start)
        return max(ends) if ends else None

    def failed(self, keys: Sequence[str], now: datetime) -> datetime | None:
        """The password of a counted attempt was wrong: the keys that reached the limit are
        locked; the end of that lockout, or None."""
        policy = self.policy
        window = timedelta(seconds=policy.lockout_s)
        ends: list[datetime] = []
        with self._write() as connection, connection.begin():
            for row in self._rows(connection, keys, now):
                if row.failures >= policy.limit:
                    ends.append(now + window)
                    self._set(
                        connection, row.key, failures=0, window_start=now, locked_until=ends[-1]
                    )
        return max(ends) if ends else None

    def succeeded(self, keys: Sequence[str]) -> None:
        """Forget the failures of ``keys`` (a right password)."""
        with self._write() as connection, connection.begin():
            connection.execute(delete(login_failures).where(login_failures.c.key.in_(list(keys))))

    # -- sessions --------------------------------------------------------------------------

    def open_session(
        self, token_sha256: str, user: str, credential: str, now: datetime, expires: datetime
    ) -> None:
        """Record a new session (and drop those that ended over a day ago)."""
        with self._write() as connection, connection.begin():
            connection.execute(
                delete(editor_sessions).where(
                    editor_sessions.c.expires_at < now - timedelta(days=1)
                )
            )
            connection.execute(
                editor_sessions.insert().values(
                    token_sha256=token_sha256,
                    user=user,
                    credential=credential,
                    created_at=now,
                    expires_at=expires,
                    revoked_at=None,
                )
            )

    def session_user(self, token_sha256: str, credential: str, now: datetime) -> str | None:
        """Who holds the session, when it is open at ``now`` under ``credential``; else None."""
        with self.engine.connect() as connection:
            row = connection.execute(
                select(editor_sessions.c.user)
                .where(editor_sessions.c.token_sha256 == token_sha256)
                .where(editor_sessions.c.credential == credential)
                .where(editor_sessions.c.revoked_at.is_(None))
                .where(editor_sessions.c.expires_at > now)
            ).first()
        return str(row.user) if row is not None else None

    def revoke(self, token_sha256: str, now: datetime) -> None:
        """End one session, in every worker at once."""
        with self._write() as connection, connection.begin():
            connection.execute(
                update(editor_sessions)
                .where(editor_sessions.c.token_sha256 == token_sha256)
                .where(editor_sessions.c.revoked_at.is_(None))
                .values(revoked_at=now)
            )
