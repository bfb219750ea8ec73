"""The Growth page's ``years`` query: which years its year overlay draws.

    years_of(frame)              the years (ints, oldest first) with a figure in a series frame
                                 (a ``period`` column, YYYY-MM)
    parse_years(value, available)  the years asked for that have figures, else the latest
                                 ``DEFAULT_YEAR_COUNT``
    years_key(value)             the query value as one bounded string (a cache key)

The query value comes as Dash and Flask hand it over: ``"2023,2024"``, a list when the key is
repeated or the years come from the dropdown, a number, or None.
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from dashboard.figures.memo import column, memo

#: How many of the latest years the overlay shows when the query names none.
DEFAULT_YEAR_COUNT = 3
#: At most this many years are read from a query or a control (a hand-made one may hold more).
MAX_YEARS = 40


def _years(frame: pd.DataFrame) -> tuple[int, ...]:
    found = set()
    for period in map(str, column(frame, "period")):
        year, _, month = period.partition("-")
        if year.isdigit() and month.isdigit():
            found.add(int(year))
    return tuple(sorted(found))


def years_of(frame: pd.DataFrame) -> list[int]:
    """The years with any figure in a series frame, oldest first (read once per frame)."""
    return list(memo(frame, "years", _years))


def parse_years(
    value: object, available: Sequence[int], count: int = DEFAULT_YEAR_COUNT
) -> list[int]:
    """The years asked for (``"2023,2024"``; a list when the key is repeated) that have
    figures, oldest first; when none does, the latest ``count`` available years."""
    parts: list[str] = []
    if isinstance(value, str):
        parts = value.split(",")
    elif isinstance(value, list | tuple):
        parts = [piece for item in value for piece in str(item).split(",")]
    elif isinstance(value, int):
        parts = [str(value)]
    chosen = sorted(
        {
            int(p)
            for p in (s.strip() for s in parts)
            if p.isdigit() and len(p) == 4 and int(p) in available
        }
    )
    return chosen or sorted(available)[-count:]


def years_key(value: object) -> str:
    """The ``years`` query as one string (a repeated key gives a list)."""
    if isinstance(value, list | tuple):
        return ",".join(str(item) for item in value[:MAX_YEARS])
    return value[: MAX_YEARS * 5] if isinstance(value, str) else ""
