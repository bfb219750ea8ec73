"""One series as a curve: the traces a time chart draws for it, and the dated x axis.

In: a series' points by period (``Point``: value, hover text, bulletin key, derived), its
name, colour and whether it is a year-to-date level. Out: plain plotly trace dicts.

- Observed months are markers (printed filled, derived open), and consecutive months are
  joined by a solid line. January is never missing: MIIT reports it with February, so
  December and the next February are consecutive for rates and shares.
- Across missing months the same colour continues as a thin dotted line between the two
  figures around the gap; no value is invented: an invisible hover point in the gap says
  which months have no figure.
- A year-to-date level restarts every January, so it is never joined across one, dotted or
  solid: each year is a line of its own.
- The x axis is a date axis whose ticks plotly spaces by its width (fewer on a phone),
  labelled ``2024`` a year or more apart, ``2024-04`` closer.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from dashboard.i18n import t
from loaders.bulletin.periods import Month
from loaders.tables.coverage import months_between

#: The width of the dotted line across a gap, against 2 for the solid one.
GAP_WIDTH = 1
#: Tick labels by the distance plotly chose between ticks (its ``dtick``, in milliseconds
#: or months): a year or more apart ``2024``, closer ``2024-04`` (never a day: months are
#: the data's grain).
TICK_FORMATS: tuple[dict[str, Any], ...] = (
    {"dtickrange": [None, "M11"], "value": "%Y-%m"},
    {"dtickrange": ["M12", None], "value": "%Y"},
)


@dataclass(frozen=True)
class Point:
    """A month's figure: ``value`` in the line's unit, its ``hover`` text (value and unit),
    the ``bulletin`` key a click opens, whether it is ``derived``, and ``source``, the
    title of that bulletin, which the hover names."""

    value: float
    hover: str
    bulletin: str
    derived: bool
    source: str = ""


def next_month(period: str, per_year: bool) -> str:
    """The month after ``period`` that a line joins to it: February after December for
    rates and shares (January has no bulletin), none across a January for YTD levels
    (``""``: the line breaks)."""
    month = Month.parse(period)
    after = month.shifted(1)
    if after.month == 1:
        return "" if per_year else str(after.shifted(1))
    return str(after)


def missing_months(first: str, last: str) -> list[str]:
    """The months strictly between ``first`` and ``last`` that could have a figure
    (Januaries left out)."""
    return [m for m in months_between(first, last) if m not in (first, last)]


def gap_text(missing: Sequence[str], lang: str) -> str:
    """``无数据：2024-03—2024-05（3个月）`` / ``No figure: 2024-03 to 2024-05 (3 months)``."""
    if len(missing) == 1:
        return t("gap_one", lang, month=missing[0])
    return t("gap_many", lang, first=missing[0], last=missing[-1], count=len(missing))


def curve_traces(
    points: Mapping[str, Point],
    name: str,
    color: str,
    lang: str,
    *,
    per_year: bool = False,
    template: str,
) -> list[dict[str, Any]]:
    """The traces of one series: the solid line with its markers, the dotted lines across
    its gaps, and the gaps' hover points (``template`` is the markers' hovertemplate, their
    ``customdata`` [hover, bulletin key, period, reported/derived, bulletin title]: a click
    reads the bulletin and the period, as from a bar)."""
    periods = sorted(points)
    if not periods:
        return []
    x: list[str | None] = []
    y: list[float | None] = []
    custom: list[list[str]] = []
    symbols: list[str] = []
    gap_x: list[str | None] = []
    gap_y: list[float | None] = []
    hover_x: list[str] = []
    hover_y: list[float] = []
    hover_text: list[list[str]] = []
    for index, period in enumerate(periods):
        point = points[period]
        if index:
            before = periods[index - 1]
            joined = next_month(before, per_year) == period
            if not joined:
                x.append(None)  # a break in the solid line
                y.append(None)
                custom.append(["", "", "", "", ""])
                symbols.append("circle")
            if not joined and (not per_year or before[:4] == period[:4]):
                missing = missing_months(before, period)
                gap_x += [before, period, None]
                gap_y += [points[before].value, point.value, None]
                middle = missing[len(missing) // 2]
                share = (missing.index(middle) + 1) / (len(missing) + 1)
                hover_x.append(middle)
                hover_y.append(points[before].value + share * (point.value - points[before].value))
                hover_text.append([gap_text(missing, lang), "", middle])
        x.append(period)
        y.append(point.value)
        kind = t("derived", lang) if point.derived else t("reported", lang)
        custom.append([point.hover, point.bulletin, period, kind, point.source])
        symbols.append("circle-open" if point.derived else "circle")
    traces: list[dict[str, Any]] = [
        {
            "type": "scatter",
            "x": x,
            "y": y,
            "customdata": custom,
            "name": name,
            "legendgroup": name,
            "mode": "lines+markers",
            "connectgaps": False,
            "line": {"color": color, "dash": "solid", "width": 2},
            "marker": {"symbol": symbols, "size": 6, "color": color},
            "hovertemplate": template,
        }
    ]
    if gap_x:
        traces += gap_traces(gap_x, gap_y, hover_x, hover_y, hover_text, name, color)
    return traces


def gap_traces(
    x: list[Any],
    y: list[float | None],
    hover_x: list[Any],
    hover_y: list[float],
    hover_text: list[list[str]],
    name: str,
    color: str,
) -> list[dict[str, Any]]:
    """A series' gaps: the thin dotted lines (``x``/``y``: pairs of points around each gap,
    None between pairs) and an invisible hover point in each gap whose customdata[0] names
    the missing months; both in the series' legend group, out of the legend."""
    common = {"type": "scatter", "name": name, "legendgroup": name, "showlegend": False}
    return [
        {
            **common,
            "x": x,
            "y": y,
            "mode": "lines",
            "connectgaps": False,
            "line": {"color": color, "dash": "dot", "width": GAP_WIDTH},
            "hoverinfo": "skip",
            "meta": "gap",
        },
        {
            **common,
            "x": hover_x,
            "y": hover_y,
            "customdata": hover_text,
            "mode": "markers",
            "marker": {"color": color, "size": 8, "opacity": 0},
            "hovertemplate": "%{customdata[0]}<extra>%{fullData.name}</extra>",
            "meta": "gap-hover",
        },
    ]


def legend_keys(derived: bool, gaps: bool, lang: str) -> list[dict[str, Any]]:
    """Legend-only entries that say what an open marker and a dotted line mean."""
    keys: list[dict[str, Any]] = []
    if derived:
        keys.append(
            {
                "type": "scatter",
                "x": [None],
                "y": [None],
                "name": t("legend_derived", lang),
                "mode": "markers",
                "marker": {"symbol": "circle-open", "color": "#555", "size": 7},
                "hoverinfo": "skip",
                "meta": "key",
            }
        )
    if gaps:
        keys.append(
            {
                "type": "scatter",
                "x": [None],
                "y": [None],
                "name": t("legend_gap", lang),
                "mode": "lines",
                "line": {"color": "#555", "dash": "dot", "width": GAP_WIDTH},
                "hoverinfo": "skip",
                "meta": "key",
            }
        )
    return keys


def date_axis(months: Sequence[str]) -> dict[str, Any]:
    """A date x axis over ``months`` (YYYY-MM, in order), half a month of room at each end.
    plotly spaces the ticks by the axis' width in pixels (a tick a quarter, a year or two
    years: a phone gets fewer), Januaries first; a tick a year or more reads ``2024``, a
    closer one ``2024-04`` (``TICK_FORMATS``); minor ticks between them."""
    axis: dict[str, Any] = {
        "type": "date",
        "ticks": "outside",
        "automargin": True,
        "hoverformat": "%Y-%m",
        "tick0": "2000-01-01",
        "tickformatstops": TICK_FORMATS,
        "minor": {"ticks": "outside", "ticklen": 3, "showgrid": False},
    }
    if months:
        first = Month.parse(months[0]).shifted(-1)
        axis["range"] = [f"{first}-16", f"{months[-1]}-15"]
    return axis
