"""One selection of facts, and the one function that applies it to a table.

    Filters(indicator=("revenue",), region=("east",), start="2023-01", end="2023-12")
    select(observations, filters)     the rows of an observations table it keeps
    select_bulletins(bulletins, filters)   the bulletins of its periods

Shapes: ``select`` takes the observations table of ``loaders.tables.frames`` (or any frame
with its columns) and gives the rows kept, in their order, index 0..n-1; codes are catalog
codes, periods ``YYYY-MM`` inclusive. ``as_of`` is not applied here: it chooses which
table to read (the store as it was then), see ``loaders.api`` and the dashboard's data.
``query()`` is the same selection as a URL query, as the dashboard's pages and download
links write it.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import Any, Final

import pandas as pd

#: The filters holding catalog codes, in the order a query lists them.
CODE_FILTERS: Final[tuple[str, ...]] = ("indicator", "region", "segment", "basis", "measure")
#: Every filter, in the order a query lists them.
FILTER_NAMES: Final[tuple[str, ...]] = (*CODE_FILTERS, "start", "end", "derived", "as_of")


@dataclass(frozen=True)
class Filters:
    """A selection of observations; an empty tuple or string selects everything."""

    indicator: tuple[str, ...] = ()
    region: tuple[str, ...] = ()
    segment: tuple[str, ...] = ()
    basis: tuple[str, ...] = ()
    measure: tuple[str, ...] = ()
    start: str = ""
    end: str = ""
    derived: bool | None = None
    #: ``YYYY-MM-DDTHH:MM:SS[.ffffff]Z`` (UTC), or "" for the latest data.
    as_of: str = ""

    def query(self) -> dict[str, str]:
        """The URL query that stands for these filters (only those set; codes joined with
        commas)."""
        query: dict[str, str] = {}
        for name in FILTER_NAMES:
            value = getattr(self, name)
            if isinstance(value, tuple):
                text = ",".join(value)
            elif isinstance(value, bool):
                text = "true" if value else "false"
            else:
                text = value or ""
            if text:
                query[name] = text
        return query

    def keywords(self) -> dict[str, Any]:
        """The same filters as keyword arguments of ``loaders.api.observations``."""
        found: dict[str, Any] = {}
        for item in fields(self):
            value = getattr(self, item.name)
            if isinstance(value, tuple):
                value = list(value) if value else None
            found[item.name] = value if value not in ("", None) else None
        return found


def _in_periods(frame: pd.DataFrame, filters: Filters) -> pd.Series:
    keep = pd.Series(True, index=frame.index)
    if filters.start:
        keep &= frame["period"] >= filters.start
    if filters.end:
        keep &= frame["period"] <= filters.end
    return keep


def select(frame: pd.DataFrame, filters: Filters) -> pd.DataFrame:
    """The rows of an observations table that ``filters`` keep (same order, index 0..n-1)."""
    keep = _in_periods(frame, filters)
    for name in CODE_FILTERS:
        codes = getattr(filters, name)
        if codes:
            keep &= frame[name].isin(codes)
    if filters.derived is not None:
        keep &= frame["derived"] == filters.derived
    return frame[keep].reset_index(drop=True)


def select_bulletins(frame: pd.DataFrame, filters: Filters) -> pd.DataFrame:
    """The rows of a bulletins table whose period is within ``filters``' start..end."""
    return frame[_in_periods(frame, filters)].reset_index(drop=True)
