"""The store's read queries, run on a connection the caller holds (SQLAlchemy Core).

Out: plain dicts, one per row. ``bulletin_rows``: one per stored bulletin, oldest first,
without its text, with its ``vintage`` in its period (1, 2, …). ``has_bulletin`` and
``text_of``: whether a text (by its sha256) is stored, and that text. ``fact_rows``: every
stored fact with the bulletin it comes from (``bulletin`` sha256, ``added_at``,
``bulletin_id``), oldest bulletin first; ``latest`` keeps the latest bulletin's row for each
fact key (``derived`` False), ordered by period, then indicator. ``as_of`` limits them to the
bulletins added up to that time (``utc_naive``: the store keeps UTC without a zone).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, select

from loaders.schema import KEY_COLUMNS, FactKey, fact_key
from loaders.store.tables import bulletins, observations


def utc_naive(moment: datetime) -> datetime:
    """A time as the store keeps it: UTC without a zone. A time with a zone is converted;
    one without is taken as UTC already."""
    if moment.tzinfo is None:
        return moment
    return moment.astimezone(UTC).replace(tzinfo=None)


def bulletin_rows(connection: Connection, as_of: datetime | None) -> list[dict[str, Any]]:
    """One dict per stored bulletin, oldest first, with its ``vintage`` in its period
    (1, 2, …) and without its text."""
    columns = [c for c in bulletins.c if c.name != "text"]
    query = select(*columns).order_by(bulletins.c.id)
    if as_of is not None:
        query = query.where(bulletins.c.added_at <= utc_naive(as_of))
    rows = [dict(row._mapping) for row in connection.execute(query)]
    counts: dict[str, int] = {}
    for row in rows:
        counts[row["period"]] = counts.get(row["period"], 0) + 1
        row["vintage"] = counts[row["period"]]
    return rows


def has_bulletin(connection: Connection, sha256: str) -> bool:
    """Whether a bulletin with this text (its sha256) is stored."""
    found = connection.execute(select(bulletins.c.id).where(bulletins.c.sha256 == sha256))
    return found.first() is not None


def text_of(connection: Connection, sha256: str) -> str | None:
    """The source text of a stored bulletin (empty when it was imported without one; None
    when no bulletin has that sha256)."""
    return connection.scalar(select(bulletins.c.text).where(bulletins.c.sha256 == sha256))


def fact_rows(connection: Connection, as_of: datetime | None) -> Iterable[dict[str, Any]]:
    """Every stored fact with its bulletin, oldest bulletin first."""
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


def latest(rows: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """The row of the latest bulletin for each key (rows come oldest bulletin first)."""
    found: dict[FactKey, dict[str, Any]] = {}
    for row in rows:
        found[fact_key(row)] = {**row, "derived": False}
    return sorted(found.values(), key=lambda r: (r["period"], r["indicator"], fact_key(r)))
