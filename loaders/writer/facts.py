"""The writer's input: the facts of one period, each with the bulletin it came from.

Shape: ``Fact`` is an ``Observation`` (the tidy row, ``value`` in ``unit``, the figure as
printed, ``derived``) plus ``bulletin``, the sha256 of its source (empty when unknown),
so a page can link each written number to its bulletin. ``period_facts`` picks the facts
of one period from the store's rows, printed and derived.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from loaders.bulletin.models import Observation
from loaders.schema import TIDY_COLUMNS


class Fact(Observation):
    """One number to write: an observation and the sha256 of its source bulletin."""

    bulletin: str = ""

    @classmethod
    def from_observation(cls, observation: Observation, bulletin: str = "") -> Fact:
        """A parsed observation as a fact of the bulletin ``bulletin`` (its sha256)."""
        return cls(**observation.model_dump(), bulletin=bulletin)

    @classmethod
    def from_row(cls, row: Mapping[str, Any]) -> Fact:
        """A store or table row (tidy columns, ``printed``, ``bulletin``) as a fact."""
        fields = {column: row[column] for column in TIDY_COLUMNS if column in row}
        fields["ref_period"] = fields.get("ref_period") or ""
        fields["derived"] = bool(fields.get("derived"))
        return cls(
            **fields,
            printed=str(row.get("printed") or ""),
            bulletin=str(row.get("bulletin") or ""),
        )


def period_facts(rows: Iterable[Mapping[str, Any]], period: str) -> list[Fact]:
    """The facts of ``period`` (YYYY-MM) among store rows: printed ones and, flagged
    ``derived``, the series ``loaders.tables.derive`` computes from all the rows."""
    from loaders.tables.derive import derived_rows

    printed = [dict(row) for row in rows]
    every = printed + derived_rows(printed)
    return [Fact.from_row(row) for row in every if str(row["period"]) == period]
