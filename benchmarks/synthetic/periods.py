"""The sequence of synthetic bulletin periods and the keys of their facts.

MIIT publishes no January bulletin: a year's bulletins are YYYY-02 (1—2月) .. YYYY-12, 11 a
year, numbered in one sequence (``bulletin_index``: 2023-02, 2023-03 … 2023-12, 2024-02 …).
A ``Key`` is a fact's identity (``loaders.schema.KEY_COLUMNS``); a ``Series`` the same without
its periods. ``title_of``, ``published`` and ``text_of`` give a synthetic bulletin's title,
when it is added (UTC) and its stored text.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import NamedTuple

from loaders.bulletin.periods import Month

#: (indicator, region, segment, basis, measure): a series, whatever its period.
Series = tuple[str, str, str, str, str]

#: MIIT publishes no January bulletin: the first of a year covers 1—2月.
FIRST_MONTH = 2
BULLETINS_PER_YEAR = 13 - FIRST_MONTH
TITLE_MARK = "[synthetic]"


class Key(NamedTuple):
    """A fact's identity, in ``loaders.schema.KEY_COLUMNS`` order."""

    period: str
    indicator: str
    region: str
    segment: str
    basis: str
    measure: str
    ref_period: str

    @property
    def series(self) -> Series:
        return (self.indicator, self.region, self.segment, self.basis, self.measure)

    @property
    def month(self) -> Month:
        return Month.parse(self.period)


def bulletin_index(month: Month) -> int:
    """The place of a bulletin period in the sequence 2023-02, 2023-03 … 2023-12, 2024-02 …"""
    if month.month < FIRST_MONTH:
        raise ValueError(f"{month} is a January: no bulletin covers it alone (1—2月 is YYYY-02)")
    return month.year * BULLETINS_PER_YEAR + month.month - FIRST_MONTH


def bulletin_period(index: int) -> Month:
    """The bulletin period at ``index`` of that sequence (inverse of ``bulletin_index``)."""
    return Month(index // BULLETINS_PER_YEAR, index % BULLETINS_PER_YEAR + FIRST_MONTH)


def bulletin_periods(first_year: int, last_year: int) -> list[Month]:
    """Every bulletin period of the years, in order: 11 a year."""
    return [
        Month(year, month)
        for year in range(first_year, last_year + 1)
        for month in range(FIRST_MONTH, 13)
    ]


def title_of(period: Month) -> str:
    """``[synthetic] 2023年1—11月份电子信息制造业运行情况`` (the year alone for December)."""
    span = "" if period.month == 12 else f"1—{period.month}月份"
    return f"{TITLE_MARK} {period.year}年{span}电子信息制造业运行情况"


def published(period: Month) -> datetime:
    """When a synthetic bulletin is added: the 1st of the month after its period (UTC)."""
    after = period.shifted(1)
    return datetime(after.year, after.month, 1, tzinfo=UTC)


def text_of(period: Month, seed: int) -> str:
    """The stored text of a synthetic bulletin: one line saying what it is."""
    return (
        f"Synthetic bulletin for {period} made by benchmarks/synthetic_store.py with seed "
        f"{seed}: not real data, never shipped.\n"
    )
