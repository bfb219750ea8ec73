"""The store of bulletins and their facts, with vintages.

Shape: ``Store.add`` takes one parsed ``Bulletin`` and its source text and keeps
both, in one transaction; ``Store.facts`` gives one row per fact — the value of
the latest bulletin (vintage) that printed it, or of the latest added up to
``as_of`` — with the bulletin it comes from.

Vintages, never overwrites: a text already stored (same sha256) changes nothing;
another text for a stored period is a new vintage, and ``add`` reports every value
that it changes (old -> new, from which bulletin to which). Nothing is updated or
deleted. What an add writes and reports is in ``loaders.store.adding``, the read
queries in ``loaders.store.queries``, the engine (SQLite or PostgreSQL) in
``loaders.store.engine``.

Concurrency: SQLite runs in WAL mode and every write transaction starts with
``BEGIN IMMEDIATE`` (a plain ``BEGIN`` that reads then writes loses commits to
``database is locked``); on PostgreSQL the unique sha256 makes a bulletin added
twice at the same moment land once.

Failures: a database that cannot be reached when the store is opened, or that refuses an
add (read-only, disk full, gone), raises ``loaders.errors.StoreFailure`` with one sentence
saying so (``loaders.store.failures``); the add's transaction is rolled back, so nothing of
the bulletin is stored. Any other database error is a bug and stays as it is.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from datetime import datetime
from typing import Any

from sqlalchemy import Connection
from sqlalchemy.exc import DBAPIError, IntegrityError

from loaders import settings as configuration
from loaders.bulletin.models import Bulletin
from loaders.errors import StoreFailure
from loaders.settings import Settings
from loaders.source_url import source_url as source_url_of
from loaders.store import queries
from loaders.store.adding import AddResult, report, unchanged, write_bulletin
from loaders.store.engine import make_engine
from loaders.store.failures import failure_of
from loaders.store.migrations import WRITE, migrate

_VERSION_SQL = "SELECT coalesce(max(id), 0) FROM bulletins"


class Store:
    """Bulletins and facts in one database; see the module docstring."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.engine = make_engine(url)
        try:
            migrate(self.engine)
        except DBAPIError as error:
            self.engine.dispose()
            failure = failure_of(error)
            if failure is None:
                raise
            raise failure from error
        # one plain DB-API connection per thread for ``version`` (see there)
        self._version_connections = threading.local()
        self._opened: list[Any] = []
        self._opened_lock = threading.Lock()

    @classmethod
    def from_settings(cls, settings: Settings | None = None) -> Store:
        """The store the environment names (``EIM_DATABASE_URL`` or the SQLite file)."""
        return cls((settings or configuration.current()).url())

    def close(self) -> None:
        with self._opened_lock:
            opened, self._opened = self._opened, []
        for raw in opened:
            with suppress(Exception):  # closing what may already be gone
                raw.close()
        self.engine.dispose()

    # -- reading -------------------------------------------------------------------------

    def version(self) -> int:
        """A number that grows with every add: the newest bulletin's id (0 when empty).
        Caches of anything read from the store are keyed on it, so it is asked on every
        request: it runs on a DB-API connection this thread keeps (about 10 µs on SQLite,
        against 250 µs through a pooled SQLAlchemy connection), in a transaction of its
        own, so it always sees the latest commit."""
        try:
            return self._version_on(self._version_connection())
        except Exception:  # a broken kept connection: drop it, ask on a fresh one
            self._drop_version_connection()
            return self._version_on(self._version_connection())

    def _version_on(self, raw: Any) -> int:
        cursor = raw.cursor()
        try:
            cursor.execute(_VERSION_SQL)
            row = cursor.fetchone()
        finally:
            cursor.close()
        raw.rollback()
        return int(row[0] or 0) if row else 0

    def _version_connection(self) -> Any:
        raw = getattr(self._version_connections, "raw", None)
        if raw is None:
            raw = self.engine.raw_connection()
            self._version_connections.raw = raw
            with self._opened_lock:
                self._opened.append(raw)
        return raw

    def _drop_version_connection(self) -> None:
        raw = getattr(self._version_connections, "raw", None)
        self._version_connections.raw = None
        if raw is not None:
            with suppress(Exception):
                raw.invalidate()

    def bulletins(self, as_of: datetime | None = None) -> list[dict[str, Any]]:
        """One dict per stored bulletin, oldest first, with its ``vintage`` in its period
        (1, 2, …) and without its text."""
        with self.engine.connect() as connection:
            return queries.bulletin_rows(connection, as_of)

    def text_of(self, sha256: str) -> str | None:
        """The source text of a stored bulletin (empty when it was imported without one)."""
        with self.engine.connect() as connection:
            return queries.text_of(connection, sha256)

    def facts(self, as_of: datetime | None = None) -> list[dict[str, Any]]:
        """One dict per fact: the latest vintage of each, printed figures only.

        Keys: the tidy columns (``derived`` False), ``bulletin`` (sha256), ``printed``,
        ``added_at``. Ordered by period, then indicator.
        """
        with self.engine.connect() as connection:
            return queries.latest(queries.fact_rows(connection, as_of))

    # -- writing -------------------------------------------------------------------------

    def add(
        self,
        bulletin: Bulletin,
        text: str,
        *,
        source: str = "",
        added_by: str = "",
        dry_run: bool = False,
        added_at: datetime | None = None,
        expected_version: int | None = None,
        source_url: str | None = None,
    ) -> AddResult:
        """Store ``bulletin`` and its source ``text`` in one transaction (see the module
        docstring); ``dry_run`` does everything but commit. With ``expected_version`` (the
        ``version()`` a preview was made at), raises ``StoreChanged`` and stores nothing
        when another add committed since: what was previewed is what is stored.
        ``source_url``: the publisher's page, kept with the bulletin (an http or https URL,
        else ``loaders.source_url.SourceUrlError`` before anything is written)."""
        source_url = source_url_of(source_url)
        try:
            return self._add(
                bulletin, text, source, added_by, dry_run, added_at, expected_version, source_url
            )
        except IntegrityError:
            # the same text was committed by another process since this one looked
            with self.engine.connect() as connection:
                stored = queries.has_bulletin(connection, bulletin.sha256)
            if not stored:
                raise
            return unchanged(source, bulletin, dry_run)
        except DBAPIError as error:  # read-only, disk full, gone: rolled back, say so
            failure = failure_of(error)
            if failure is None:
                raise
            raise StoreFailure(failure.kind, f"{failure}; nothing was stored") from error

    def _add(
        self,
        bulletin: Bulletin,
        text: str,
        source: str,
        added_by: str,
        dry_run: bool,
        added_at: datetime | None,
        expected_version: int | None = None,
        source_url: str | None = None,
    ) -> AddResult:
        with self.write(commit=not dry_run) as connection:
            prior = write_bulletin(
                connection,
                bulletin,
                text,
                source=source,
                added_by=added_by,
                added_at=added_at,
                expected_version=expected_version,
                source_url=source_url,
            )
        if prior is None:
            return unchanged(source, bulletin, dry_run)
        return report(source, bulletin, prior, dry_run)

    @contextmanager
    def write(self, commit: bool = True) -> Iterator[Connection]:
        """A write transaction, one writer at a time: ``BEGIN IMMEDIATE`` on SQLite, an
        EXCLUSIVE lock on ``bulletins`` on PostgreSQL (readers go on). Serial writers keep
        vintage numbers right and make ids grow in commit order, so ``version`` grows
        with every commit. Rolled back on error, or when ``commit`` is False."""
        with self.engine.connect() as connection:
            connection.info[WRITE] = True
            try:
                transaction = connection.begin()
                try:
                    if connection.dialect.name == "postgresql":
                        connection.exec_driver_sql("LOCK TABLE bulletins IN EXCLUSIVE MODE")
                    yield connection
                except BaseException:
                    transaction.rollback()
                    raise
                if commit:
                    transaction.commit()
                else:
                    transaction.rollback()
            finally:
                connection.info.pop(WRITE, None)
