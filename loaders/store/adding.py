"""What adding a bulletin does to the store and what it reports.

In: a parsed ``Bulletin`` and its source text, written on a connection that holds the write
lock (``Store.write``). ``write_bulletin`` checks that the store is still at the version a
preview was made at (else ``StoreChanged``), does nothing for a text already stored (same
sha256: ``None``), and otherwise inserts the bulletin and its printed facts
(``insert_bulletin``) and gives what was stored before it (``Prior``). ``report`` compares the
bulletin with that: an ``AddResult`` with its status (``added``: a new period; ``revised``: a
new vintage of a stored period; ``unchanged``), its vintage number, every value it changes
(``Change``: old -> new, from which bulletin to which), the keys of the facts new to the store
and the cross-checks' warnings.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from importlib.metadata import PackageNotFoundError, version
from typing import Any, Literal

from sqlalchemy import Connection, func, insert, select

from loaders import settings as configuration
from loaders.bulletin.checks import cross_checks
from loaders.bulletin.models import Bulletin, Issue
from loaders.errors import EimError
from loaders.number_text import full
from loaders.schema import KEY_COLUMNS, FactKey, fact_key
from loaders.source_url import source_url as source_url_of
from loaders.store.queries import fact_rows, has_bulletin, latest, utc_naive
from loaders.store.tables import bulletins, observations

PUBLISHER = "工业和信息化部运行监测协调局 (MIIT)"
Status = Literal["added", "revised", "unchanged"]


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
            f"{period} {indicator} ({where}): {full(self.old)} -> {full(self.new)} "
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


@dataclass(frozen=True)
class Prior:
    """What the store held before a bulletin was written: the latest row of each fact (by
    ``fact_key``) and how many bulletins of its period."""

    facts: dict[FactKey, dict[str, Any]]
    same_period: int


def unchanged(source: str, bulletin: Bulletin, dry_run: bool) -> AddResult:
    """The report on a bulletin whose text was stored already."""
    return AddResult(source, bulletin.period, bulletin.sha256, "unchanged", 0, 0, dry_run=dry_run)


def write_bulletin(
    connection: Connection,
    bulletin: Bulletin,
    text: str,
    *,
    source: str,
    added_by: str,
    added_at: datetime | None,
    expected_version: int | None,
    source_url: str | None = None,
) -> Prior | None:
    """Insert ``bulletin`` on ``connection`` (which holds the write lock) unless its text is
    stored already (then None); raises ``StoreChanged`` when ``expected_version`` is given
    and another add committed since. ``added_at`` None: now, taken under the lock (so added
    times grow with ids)."""
    if expected_version is not None:
        found = int(connection.scalar(select(func.coalesce(func.max(bulletins.c.id), 0))) or 0)
        if found != expected_version:
            raise StoreChanged(expected_version, found)
    if has_bulletin(connection, bulletin.sha256):
        return None
    same_period = connection.scalar(
        select(func.count()).where(bulletins.c.period == bulletin.period)
    )
    previous = {fact_key(row): row for row in latest(fact_rows(connection, None))}
    insert_bulletin(
        connection,
        bulletin,
        text=text,
        source=source or bulletin.source,
        source_url=source_url,
        parser_version=parser_version(),
        added_at=utc_naive(added_at or datetime.now(UTC)),
        added_by=added_by,
        publisher=PUBLISHER,
    )
    _pause_for_tests()
    return Prior(previous, int(same_period or 0))


def report(source: str, bulletin: Bulletin, prior: Prior, dry_run: bool) -> AddResult:
    """What writing ``bulletin`` over ``prior`` did: its status, vintage, changes, new facts
    and warnings."""
    previous = prior.facts
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
        "revised" if prior.same_period else "added",
        prior.same_period + 1,
        len(bulletin.observations),
        changes,
        warnings,
        dry_run,
        [o.key() for o in bulletin.observations if o.key() not in previous],
    )


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
    source_url: str | None = None,
) -> int:
    """Insert one bulletin and its printed facts in the caller's transaction; its new id.
    ``source_url``: the publisher's page (checked by ``loaders.source_url``), None when not
    known."""
    inserted = connection.execute(
        insert(bulletins).values(
            sha256=bulletin.sha256,
            period=bulletin.period,
            title=bulletin.title,
            source=source,
            source_url=source_url_of(source_url),
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
