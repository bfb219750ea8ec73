"""The months a chart shows, as the URL says them: ``?start=2022-01&end=2024-06``.

    bounds_of(start, end)        the (first day, last day) of a query's range, ISO dates
                                 ``YYYY-MM-DD``, or None when the query names none or a
                                 malformed or reversed one (the chart then shows every month)
    with_bounds(figure, bounds)  a figure whose date x axis shows ``bounds``: a new dict, the
                                 (shared, cached) figure is left as it was

A bound is a month (``2022-01``: its first day) or a day (``2022-01-15``), as the browser
writes it when a chart is zoomed (``dashboard/assets/chart_actions.js``). Only charts on a
date axis take a range; the others come back unchanged.
"""

from __future__ import annotations

import re
from typing import Any

from dashboard.figures.base import Figure

_BOUND = re.compile(r"^(\d{4})-(0[1-9]|1[0-2])(?:-(0[1-9]|[12]\d|3[01]))?$")
#: The query keys of a chart's range.
START, END = "start", "end"


def _day(value: object) -> str | None:
    if not isinstance(value, str):
        return None
    found = _BOUND.match(value.strip())
    if not found:
        return None
    year, month, day = found.groups()
    return f"{year}-{month}-{day or '01'}"


def bounds_of(start: object, end: object) -> tuple[str, str] | None:
    """The range a query names (both bounds, first before last), or None."""
    first, last = _day(start), _day(end)
    if first is None or last is None or first >= last:
        return None
    return first, last


def with_bounds(figure: Figure, bounds: tuple[str, str] | None) -> Figure:
    """``figure`` showing ``bounds`` on its date x axis (a copy; no bounds or no date axis:
    the figure itself)."""
    layout: dict[str, Any] = figure.get("layout", {})
    xaxis = layout.get("xaxis", {})
    if bounds is None or xaxis.get("type") != "date":
        return figure
    shown = {**xaxis, "range": list(bounds), "autorange": False}
    return {**figure, "layout": {**layout, "xaxis": shown}}
