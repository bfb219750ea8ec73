"""The store of bulletins and their facts, with vintages.

Shape: ``Store.add`` takes one parsed ``Bulletin`` and its source text and keeps
both, in one transaction; ``Store.facts`` gives one row per fact — the value of
the latest bulletin (vintage) that printed it, or of the latest added up to
``as_of`` — with the bulletin it comes from.

Vintages, never overwrites: a text already stored (same sha256) changes nothing;
another text for a stored period is a new vintage, and ``add`` reports every value
that it changes (old -> new, from which bulletin to which). Nothing is updated or
deleted.

Concurrency: SQLite runs in WAL mode and every write transaction starts with
``BEGIN IMMEDIATE`` (a plain ``BEGIN`` that reads then writes loses commits to
``database is locked``); on PostgreSQL the unique sha256 makes a bulletin added
twice at the same moment land once.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from datetime import UTC, datetime
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any, Literal

from sqlalchemy import Connection, Engine, create_engine, event, func, insert, select
from sqlalchemy.engine import make_url
from sqlalchemy.exc import IntegrityError

from loaders import settings as configuration
from loaders.bulletin.checks import cross_checks
from loaders.bulletin.models import Bulletin, Issue
from loaders.errors import EimError
from loaders.schema import KEY_COLUMNS, FactKey, fact_key
from loaders.settings import Settings
from loaders.store.migrations import WRITE, migrate
from loaders.store.tables import bulletins, observations

PUBLISHER = "工业和信息化部运行监测协调局 (MIIT)"
_VERSION_SQL = "SELECT coalesce(max(id), 0) FROM bulletins"
Status = Literal["added", "revised", "unchanged"]


def utc_naive(moment: datetime) -> datetime:
    """A time as the store keeps it: UTC without a zone. A time with a zone is converted;
    one without is taken as UTC already."""
    if moment.tzinfo is None:
        return moment
    return moment.astimezone(UTC).replace(tzinfo=None)


def parser_version() -> str:
    """The installed loader's version, recorded with every bulletin."""
    try:
        return version("eim-monitor")
    except PackageNotFoundError:  # pragma: no cover - running from a source tree
        return "0+unknown"


@dataclass(frozen=True)
class Change:
    """A value a new vintage changes: ``key`` as ``Observation.key()``, old -> new."""

    key: FactKey
    old: float
    new: float
    old_bulletin: str
    new_bulletin: str

    def describe(self) -> str:
        period, indicator, region, segment, basis, measure, ref = self.key
        where = " ".join(p for p in (region, segment, basis, measure, ref) if p)
        return (
            f"{period} {indicator} ({where}): {self.old:g} -> {self.new:g} "
            f"(was {self.old_bulletin[:12]}, now {self.new_bulletin[:12]})"
        )


@dataclass(frozen=True)
class AddResult:
    """What adding one bulletin did."""

    source: str
    period: str
    sha256: str
    status: Status
    vintage: int
    facts: int
    changes: list[Change] = field(default_factory=list)
    warnings: list[Issue] = field(default_factory=list)
    dry_run: bool = False
    #: The keys of the facts no stored bulletin had (``Observation.key()``), in its order.
    new: list[FactKey] = field(default_factory=list)


class StoreChanged(EimError, RuntimeError):
    """The store changed since the version a caller previewed: nothing was stored."""

    def __init__(self, expected: int, found: int) -> None:
        self.expected = expected
        self.found = found
        super().__init__(
            f"the store changed since the preview (data version {expected}, now {found}): "
            "another bulletin was added meanwhile; nothing was stored"
        )


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
    if parsed.get_backend_name() == "sqlite":
        if parsed.database and parsed.database != ":memory:":
            Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(parsed, connect_args={"timeout": 30})
        _sqlite_pragmas(engine)
        return engine
    return create_engine(parsed, pool_pre_ping=True)


class Store:
    """Bulletins and facts in one database; see the module docstring."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.engine = make_engine(url)
        migrate(self.engine)
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
        columns = [c for c in bulletins.c if c.name != "text"]
        query = select(*columns).order_by(bulletins.c.id)
        if as_of is not None:
            query = query.where(bulletins.c.added_at <= utc_naive(as_of))
        with self.engine.connect() as connection:
            rows = [dict(row._mapping) for row in connection.execute(query)]
        counts: dict[str, int] = {}
        for row in rows:
            counts[row["period"]] = counts.get(row["period"], 0) + 1
            row["vintage"] = counts[row["period"]]
        return rows

    def text_of(self, sha256: str) -> str | None:
        """The source text of a stored bulletin (empty when it was imported without one)."""
        with self.engine.connect() as connection:
            return connection.scalar(select(bulletins.c.text).where(bulletins.c.sha256 == sha256))

    def facts(self, as_of: datetime | None = None) -> list[dict[str, Any]]:
        """One dict per fact: the latest vintage of each, printed figures only.

        Keys: the tidy columns (``derived`` False), ``bulletin`` (sha256), ``printed``,
        ``added_at``. Ordered by period, then indicator.
        """
        with self.engine.connect() as connection:
            return _latest(_fact_rows(connection, as_of))

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
    ) -> AddResult:
        """Store ``bulletin`` and its source ``text`` in one transaction (see the module
        docstring); ``dry_run`` does everything but commit. With ``expected_version`` (the
        ``version()`` a preview was made at), raises ``StoreChanged`` and stores nothing
        when another add committed since: what was previewed is what is stored."""
        try:
            return self._add(bulletin, text, source, added_by, dry_run, added_at, expected_version)
        except IntegrityError:
            # the same text was committed by another process since this one looked
            with self.engine.connect() as connection:
                stored = connection.execute(
                    select(bulletins.c.id).where(bulletins.c.sha256 == bulletin.sha256)
                ).first()
            if stored is None:
                raise
            return AddResult(
                source, bulletin.period, bulletin.sha256, "unchanged", 0, 0, dry_run=dry_run
            )

    def _add(
        self,
        bulletin: Bulletin,
        text: str,
        source: str,
        added_by: str,
        dry_run: bool,
        added_at: datetime | None,
        expected_version: int | None = None,
    ) -> AddResult:
        with self.write(commit=not dry_run) as connection:
            if expected_version is not None:
                found = int(
                    connection.scalar(select(func.coalesce(func.max(bulletins.c.id), 0))) or 0
                )
                if found != expected_version:
                    raise StoreChanged(expected_version, found)
            stored = connection.execute(
                select(bulletins.c.id).where(bulletins.c.sha256 == bulletin.sha256)
            ).first()
            if stored is not None:
                return AddResult(
                    source, bulletin.period, bulletin.sha256, "unchanged", 0, 0, dry_run=dry_run
                )
            same_period = connection.scalar(
                select(func.count()).where(bulletins.c.period == bulletin.period)
            )
            previous = {fact_key(row): row for row in _latest(_fact_rows(connection, None))}
            insert_bulletin(
                connection,
                bulletin,
                text=text,
                source=source or bulletin.source,
                parser_version=parser_version(),
                added_at=utc_naive(added_at or datetime.now(UTC)),
                added_by=added_by,
                publisher=PUBLISHER,
            )
            _pause_for_tests()
        changes = [
            Change(
                o.key(),
                previous[o.key()]["value"],
                o.value,
                previous[o.key()]["bulletin"],
                bulletin.sha256,
            )
            for o in bulletin.observations
            if o.key() in previous and previous[o.key()]["value"] != o.value
        ]
        warnings = cross_checks(bulletin.observations, previous.values(), bulletin.sha256)
        return AddResult(
            source,
            bulletin.period,
            bulletin.sha256,
            "revised" if same_period else "added",
            int(same_period or 0) + 1,
            len(bulletin.observations),
            changes,
            warnings,
            dry_run,
            [o.key() for o in bulletin.observations if o.key() not in previous],
        )

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


def insert_bulletin(
    connection: Connection,
    bulletin: Bulletin,
    *,
    text: str,
    source: str,
    parser_version: str,
    added_at: datetime,
    added_by: str,
    publisher: str,
) -> int:
    """Insert one bulletin and its printed facts in the caller's transaction; its new id."""
    inserted = connection.execute(
        insert(bulletins).values(
            sha256=bulletin.sha256,
            period=bulletin.period,
            title=bulletin.title,
            source=source,
            text=text,
            parser_version=parser_version,
            added_at=added_at,
            added_by=added_by,
            publisher=publisher,
        )
    ).inserted_primary_key
    new_id = int(inserted[0]) if inserted else 0
    rows = [
        {
            "bulletin_id": new_id,
            **{c: getattr(o, c) for c in (*KEY_COLUMNS, "value", "unit")},
            "printed": o.printed,
            "text": o.text,
        }
        for o in bulletin.observations
    ]
    if rows:
        connection.execute(insert(observations), rows)
    return new_id


def _pause_for_tests() -> None:
    """Hold the open transaction for ``EIM_TEST_PAUSE_BEFORE_COMMIT`` seconds: lets the
    kill test stop a process in the middle of an add. Unset, it does nothing."""
    seconds = configuration.current().test_pause_before_commit
    if seconds:
        print("eim: paused before commit", flush=True)
        time.sleep(seconds)


def _fact_rows(connection: Connection, as_of: datetime | None) -> Iterable[dict[str, Any]]:
    query = (
        select(
            *(observations.c[c] for c in (*KEY_COLUMNS, "value", "unit", "printed", "text")),
            bulletins.c.sha256.label("bulletin"),
            bulletins.c.added_at,
            bulletins.c.id.label("bulletin_id"),
        )
        .join(bulletins, observations.c.bulletin_id == bulletins.c.id)
        .order_by(bulletins.c.id)
    )
    if as_of is not None:
        query = query.where(bulletins.c.added_at <= utc_naive(as_of))
    return (dict(row._mapping) for row in connection.execute(query))


def _latest(rows: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """The row of the latest bulletin for each key (rows come oldest bulletin first)."""
    latest: dict[FactKey, dict[str, Any]] = {}
    for row in rows:
        latest[fact_key(row)] = {**row, "derived": False}
    return sorted(latest.values(), key=lambda r: (r["period"], r["indicator"], fact_key(r)))
