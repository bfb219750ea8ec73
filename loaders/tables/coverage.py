"""Which months each series has a figure for: the period × series coverage of a table.

In: rows of the tidy table (mappings with ``indicator``, ``region``, ``segment``, ``basis``,
``measure``, ``period`` "YYYY-MM" and ``derived``), e.g. ``loaders.api.observations()``.
Out: one ``SeriesCoverage`` per series (``KEY_COLUMNS`` without period and reference period),
sorted by key, whose ``states`` give each month from the series' first to its last figure
as ``printed`` (a bulletin prints it), ``derived`` (only computed figures), ``conflict``
(copies print different figures and none is kept: ``conflicts``, from
``loaders.tables.reconcile``) or ``missing``. ``coverage_rows`` gives the shipped
``coverage`` table's rows (``loaders.schema.COVERAGE``).

January has no bulletin (MIIT reports January with February, as 1—2月份), so January months
are never counted as missing, nor as months a series could cover.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Final, Literal

from loaders.bulletin.periods import Month
from loaders.schema import SERIES_COLUMNS

State = Literal["printed", "derived", "conflict", "missing"]
#: The order of a series key's parts, as ``SeriesCoverage.key`` writes them.
SERIES_KEY_PARTS: Final = SERIES_COLUMNS
#: The states, in the order tables list them.
STATES: Final[tuple[State, ...]] = ("printed", "derived", "conflict", "missing")


@dataclass(frozen=True)
class SeriesCoverage:
    """One series: its codes, and the state of every month (not January) from its first
    figure to its last, oldest first."""

    codes: tuple[str, ...]
    states: tuple[tuple[str, State], ...]

    @property
    def key(self) -> str:
        """``indicator.region.segment.basis.measure``, such as
        ``value_added.national.all.ytd.yoy_pct``."""
        return ".".join(self.codes)

    @property
    def first(self) -> str:
        return self.states[0][0]

    @property
    def last(self) -> str:
        return self.states[-1][0]

    @property
    def months(self) -> int:
        """Months from the first figure to the last, Januaries left out."""
        return len(self.states)

    def count(self, state: State) -> int:
        return sum(1 for _, found in self.states if found == state)

    @property
    def covered(self) -> int:
        """Months with a figure, printed or derived."""
        return self.count("printed") + self.count("derived")

    @property
    def share(self) -> float:
        """``covered / months``, between 0 and 1."""
        return self.covered / self.months

    def since(self, start: str) -> SeriesCoverage:
        """The same series over the months from ``start`` (YYYY-MM, not January) to its last
        figure: months before its first figure count as missing."""
        known = dict(self.states)
        months = months_between(start, self.last)
        return SeriesCoverage(self.codes, tuple((m, known.get(m, "missing")) for m in months))


def coverage(
    rows: Iterable[Mapping[str, object]], conflicts: Iterable[Mapping[str, object]] = ()
) -> list[SeriesCoverage]:
    """The coverage of every series the rows hold, sorted by series key; a month with no
    figure but a row of ``conflicts`` (key columns, ``resolution`` ``none``) is ``conflict``."""
    found: dict[tuple[str, ...], dict[str, State]] = {}
    for conflict in conflicts:
        if conflict["resolution"] == "none":
            codes = tuple(str(conflict[part]) for part in SERIES_KEY_PARTS)
            found.setdefault(codes, {})[str(conflict["period"])] = "conflict"
    for row in rows:
        codes = tuple(str(row[part]) for part in SERIES_KEY_PARTS)
        period = str(row["period"])
        months = found.setdefault(codes, {})
        if not row["derived"]:
            months[period] = "printed"
        elif months.get(period) != "printed":
            months[period] = "derived"
    result = []
    for codes in sorted(found):
        months = found[codes]
        span = months_between(min(months), max(months))
        result.append(SeriesCoverage(codes, tuple((m, months.get(m, "missing")) for m in span)))
    return result


def coverage_rows(found: Iterable[SeriesCoverage]) -> list[dict[str, str]]:
    """The long form: one row per series and month (``loaders.schema.COVERAGE`` columns)."""
    return [
        {
            "series": series.key,
            **dict(zip(SERIES_KEY_PARTS, series.codes, strict=True)),
            "period": period,
            "state": state,
        }
        for series in found
        for period, state in series.states
    ]


def parse_series_key(text: str) -> tuple[str, ...]:
    """``"value_added.national.all.ytd.yoy_pct"`` -> its five codes; ValueError otherwise."""
    codes = tuple(text.strip().split("."))
    if len(codes) != len(SERIES_KEY_PARTS) or not all(codes):
        raise ValueError(
            f"{text!r} is not a series key: write {'.'.join(SERIES_KEY_PARTS)}, "
            "e.g. value_added.national.all.ytd.yoy_pct"
        )
    return codes


def months_between(first: str, last: str) -> list[str]:
    """Every month from ``first`` to ``last`` (YYYY-MM) inclusive, Januaries left out: the
    months a bulletin can report (January is reported with February)."""
    months, current, end = [], Month.parse(first), Month.parse(last)
    while current <= end:
        if current.month != 1:
            months.append(str(current))
        current = current.shifted(1)
    return months
