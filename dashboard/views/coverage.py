"""The Data page's coverage heat map: which months the main series have a figure for.

In: one series frame per key (``data.series``: period YYYY-MM, value, unit, derived,
bulletin, …) and the keys whose figure is in conflict. Out: ``Cell`` rows, one per series
and month (no January: no bulletin reports it alone) from ``first`` to ``last``: its state
(``printed``, ``derived``, ``conflict``, ``missing``, as ``loaders.tables.coverage`` says
them), the value and unit, and the bulletin a click opens.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from typing import Any, Final, cast

import pandas as pd

from loaders.tables.coverage import months_between

#: The heat map's rows, top to bottom: (indicator, basis, measure, region).
MAIN_SERIES: Final[tuple[tuple[str, str, str, str], ...]] = (
    ("value_added", "ytd", "yoy_pct", "national"),
    ("value_added", "month", "yoy_pct", "national"),
    ("export_delivery_value", "ytd", "yoy_pct", "national"),
    ("export_delivery_value", "month", "yoy_pct", "national"),
    ("revenue", "ytd", "level", "national"),
    ("revenue", "ytd", "yoy_pct", "national"),
    ("operating_cost", "ytd", "yoy_pct", "national"),
    ("total_profit", "ytd", "level", "national"),
    ("total_profit", "ytd", "yoy_pct", "national"),
    ("profit_margin", "ytd", "level", "national"),
    ("fixed_asset_investment", "ytd", "yoy_pct", "national"),
    ("output_mobile_phones", "ytd", "yoy_pct", "national"),
    ("output_smartphones", "ytd", "yoy_pct", "national"),
    ("output_microcomputers", "ytd", "yoy_pct", "national"),
    ("output_integrated_circuits", "ytd", "yoy_pct", "national"),
    ("customs_export_mobile_phones", "ytd", "yoy_pct", "national"),
    ("customs_export_laptops", "ytd", "yoy_pct", "national"),
    ("customs_export_integrated_circuits", "ytd", "yoy_pct", "national"),
    ("revenue", "ytd", "yoy_pct", "east"),
    ("revenue", "ytd", "yoy_pct", "central"),
    ("revenue", "ytd", "yoy_pct", "west"),
    ("revenue", "ytd", "yoy_pct", "northeast"),
    ("revenue", "ytd", "yoy_pct", "jing_jin_ji"),
    ("revenue", "ytd", "yoy_pct", "yangtze_delta"),
)


@dataclass(frozen=True)
class Cell:
    """One series in one month: its ``state``, the figure (None when missing or in
    conflict) and the bulletin (sha256) it comes from."""

    series: tuple[str, str, str, str]
    period: str
    state: str
    value: float | None = None
    unit: str = ""
    bulletin: str = ""


def cells(
    frames: Mapping[tuple[str, str, str, str], pd.DataFrame],
    conflicts: Collection[tuple[tuple[str, str, str, str], str]] = (),
    first: str = "",
    last: str = "",
) -> list[Cell]:
    """Every series of ``frames`` (in their order) in every month from ``first`` to
    ``last`` (default: the span of all the frames): a printed figure over a derived one of
    the same month; a month with neither is ``conflict`` when ``conflicts`` lists it
    (series, period), else ``missing``."""
    periods = [str(p) for frame in frames.values() for p in frame["period"]]
    if not periods:
        return []
    months = months_between(first or min(periods), last or max(periods))
    found: list[Cell] = []
    for key, frame in frames.items():
        by_period = _best(cast("list[dict[str, Any]]", frame.to_dict("records")))
        for month in months:
            row = by_period.get(month)
            if row is None:
                state = "conflict" if (key, month) in conflicts else "missing"
                found.append(Cell(key, month, state))
                continue
            found.append(
                Cell(
                    key,
                    month,
                    "derived" if row["derived"] else "printed",
                    float(row["value"]),
                    str(row.get("unit") or ""),
                    str(row.get("bulletin") or ""),
                )
            )
    return found


def _best(rows: Iterable[Mapping[str, Any]]) -> dict[str, Mapping[str, Any]]:
    """Period -> its row with a value, a printed one over a derived one."""
    best: dict[str, Mapping[str, Any]] = {}
    for row in rows:
        value = row.get("value")
        if value is None or pd.isna(value):
            continue
        period = str(row["period"])
        if period not in best or (best[period]["derived"] and not row["derived"]):
            best[period] = row
    return best
