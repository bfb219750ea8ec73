"""The points a chart draws, as rows: what a chart's CSV, XLSX and table view hold.

    chart_rows(figure)        every point of the figure's data traces inside the x range
                              it shows, as ``ChartRow``s, in the traces' order
    in_range(period, bounds)  whether a period (YYYY-MM) lies inside an x range

A data trace is one whose ``meta`` is a dict with a ``unit`` (``data_meta`` makes it): the
markers of a curve, a region's bars. Gap lines, the gaps' hover points and legend keys carry
a string ``meta`` and are left out, as are the breaks of a line (no period). Each point's
``customdata`` is [figure text, bulletin key, period, reported/derived, bulletin title] (the
last two may be missing: a bar of the Regions page); the value is the point's y (its x on a
horizontal bar), in the trace's unit, exactly as drawn.

Figures are the plain dicts of ``dashboard.figures.base``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from dashboard.i18n import t

#: The key of a data trace's ``meta`` that names the unit of its values.
UNIT = "unit"


def data_meta(unit: str) -> dict[str, str]:
    """The ``meta`` of a trace whose points are figures in ``unit`` (``亿元``, ``%``)."""
    return {UNIT: unit}


def is_data_trace(trace: dict[str, Any]) -> bool:
    """Whether ``trace`` draws figures (its ``meta`` names their unit), not a gap's line,
    a gap's hover point or a legend key."""
    meta = trace.get("meta")
    return isinstance(meta, dict) and UNIT in meta


@dataclass(frozen=True)
class ChartRow:
    """One drawn point: the trace's ``series`` name, the ``period`` (YYYY-MM), ``value``
    in ``unit`` as drawn, ``text`` the figure as the chart shows it (a printed figure as
    printed), ``derived`` (None when the chart does not say), the ``bulletin`` key (a prefix
    of its sha256) and ``source``, the bulletin's title as the hover names it."""

    series: str
    period: str
    value: float
    unit: str
    text: str
    derived: bool | None
    bulletin: str
    source: str


def _kind(text: str) -> bool | None:
    """reported/derived as a hover says it, in either language -> derived?"""
    if text in (t("derived", "zh"), t("derived", "en")):
        return True
    if text in (t("reported", "zh"), t("reported", "en")):
        return False
    return None


def _cell(custom: Sequence[Any], index: int) -> str:
    return str(custom[index]) if len(custom) > index and custom[index] is not None else ""


def in_range(period: str, bounds: Sequence[Any] | None) -> bool:
    """Whether ``period`` (YYYY-MM, drawn on its first day) lies inside ``bounds`` (an x
    range of dates ``YYYY-MM-DD…``); no bounds: every period does."""
    if not bounds or len(bounds) != 2:
        return True
    day = f"{period}-01"
    low, high = (str(bound)[:10] for bound in bounds)
    return low <= day <= high


def _trace_rows(trace: dict[str, Any], bounds: Sequence[Any] | None) -> list[ChartRow]:
    if not is_data_trace(trace):
        return []
    meta = trace["meta"]
    horizontal = trace.get("orientation") == "h"
    values = trace.get("x" if horizontal else "y") or []
    rows: list[ChartRow] = []
    for value, custom in zip(values, trace.get("customdata") or [], strict=False):
        period = _cell(custom, 2)
        if value is None or not period or not in_range(period, bounds):
            continue
        rows.append(
            ChartRow(
                series=str(trace.get("name") or ""),
                period=period,
                value=float(value),
                unit=str(meta[UNIT]),
                text=_cell(custom, 0),
                derived=_kind(_cell(custom, 3)),
                bulletin=_cell(custom, 1),
                source=_cell(custom, 4),
            )
        )
    return rows


def chart_rows(figure: dict[str, Any]) -> list[ChartRow]:
    """The points ``figure`` draws inside the x range it shows (its date axis's ``range``
    when set), trace by trace, point by point."""
    xaxis = figure.get("layout", {}).get("xaxis", {})
    bounds = xaxis.get("range") if xaxis.get("type") == "date" else None
    return [row for trace in figure.get("data", []) for row in _trace_rows(trace, bounds)]
