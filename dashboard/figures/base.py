"""Pure figure builders: DataFrames in, plotly figures out. No Dash import here.

Shapes: a ``Line`` is one series — a DataFrame with columns period (YYYY-MM), value,
derived (bool), bulletin (sha256), text — plus its name and unit. Builders return plain
dict figures (``{"data": [...], "layout": {...}}``, no plotly objects: their validators cost
more than the chart, and no default template) with:
- missing months as gaps (the x axis is every month of the span, values None where a
  bulletin printed nothing), never interpolated;
- derived points on their own trace, dotted with open markers, named as derived;
- hover text with the exact value and its unit, the period and the source bulletin;
  each point's ``customdata`` is [value text, bulletin key] (the trace's
  ``hovertemplate`` adds reported/derived and the key), so a click can open the
  sentence the figure came from (the Bulletins page);
- titles and axes that carry the unit, in the page's language.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Final

import pandas as pd

from dashboard.figures.memo import column, memo
from dashboard.i18n import marked_derived, t, unit_name, value_text
from loaders.bulletin.periods import Month

PALETTE = ("#c0392b", "#2c7fb8", "#7f7f7f", "#e6a117", "#41ab5d", "#8c6bb1", "#d95f0e")
FONT = "Noto Sans CJK SC, Microsoft YaHei, PingFang SC, Helvetica, Arial, sans-serif"


@dataclass(frozen=True)
class Line:
    """One series to draw: ``frame`` (period, value, derived, bulletin, text), its name."""

    name: str
    frame: pd.DataFrame
    unit: str
    color: str | None = None


def month_span(periods: Sequence[str]) -> list[str]:
    """Every month from the first to the last period given, as YYYY-MM."""
    if not periods:
        return []
    return list(_months_between(min(periods), max(periods)))


@lru_cache(maxsize=256)
def _months_between(first_period: str, last_period: str) -> tuple[str, ...]:
    first, last = Month.parse(first_period), Month.parse(last_period)
    months, current = [], first
    while current <= last:
        months.append(str(current))
        current = current.shifted(1)
    return tuple(months)


#: The columns of a series a chart reads, per row.
_ROW_COLUMNS = ("period", "value", "derived", "bulletin", "text")


def _split_rows(frame: pd.DataFrame) -> dict[bool, dict[str, dict[str, Any]]]:
    found: dict[bool, dict[str, dict[str, Any]]] = {False: {}, True: {}}
    columns = [c for c in _ROW_COLUMNS if c in frame.columns]
    for values in zip(*(column(frame, c) for c in columns), strict=True):
        row = dict(zip(columns, values, strict=True))
        row["period"], row["derived"] = str(row["period"]), bool(row.get("derived"))
        found[row["derived"]][row["period"]] = row
    return found


def rows_by_period(frame: pd.DataFrame) -> dict[bool, dict[str, dict[str, Any]]]:
    """``frame``'s rows as dicts (period, value, derived, bulletin, text), split into
    printed (False) and derived (True), each by period; read once per frame, since the
    cached series of a data version serve many requests."""
    return memo(frame, "rows_by_period", _split_rows)


#: The customdata of a month without a figure.
_NO_POINT: Final = ["", ""]


def _drawn(
    frame: pd.DataFrame, derived: bool, unit: str, lang: str
) -> dict[str, tuple[float, list[str]]]:
    """Period -> (value, [hover text, bulletin key]) of the (derived or printed) figures of
    ``frame`` that have a value: what a line draws, computed once per frame, unit and
    language (the series of a data version are shared by every request)."""

    def build(rows: pd.DataFrame) -> dict[str, tuple[float, list[str]]]:
        found: dict[str, tuple[float, list[str]]] = {}
        for period, row in rows_by_period(rows)[derived].items():
            value = _number(row["value"])
            if value is not None:
                found[period] = (value, [_hover(row, unit, lang), source_key(row.get("bulletin"))])
        return found

    return memo(frame, f"drawn:{derived}:{unit}:{lang}", build)


def _hover(row: dict[Any, Any], unit: str, lang: str) -> str:
    """A point's own hover text: its value with the unit (``1.27亿台``); whether it is
    derived and its bulletin are said by the trace's ``hovertemplate`` (``hover_template``),
    so the bytes of a long series do not repeat them."""
    return value_text(float(row["value"]), unit, lang)


def hover_template(derived: bool, lang: str) -> str:
    """The hover of a time series' points: ``<value> (公布值)<br>公报 <key>``, the line's
    name beside it."""
    kind = t("derived", lang) if derived else t("reported", lang)
    return (
        f"%{{customdata[0]}} ({kind})<br>{t('bulletin', lang)} %{{customdata[1]}}"
        "<extra>%{fullData.name}</extra>"
    )


def _number(value: object) -> float | None:
    """A value as JSON can hold it: a float, or None for a missing one (NaN)."""
    if value is None:
        return None
    number = float(value)  # type: ignore[arg-type]
    return None if math.isnan(number) else number


#: Hex digits of a bulletin's sha256 that a chart point carries: enough to name it (the
#: Bulletins page takes any unique prefix of 6 or more), a quarter of the bytes.
SOURCE_KEY_DIGITS = 16


def source_key(sha256: object) -> str:
    """The key of a bulletin that a chart point carries in its customdata ("" for none)."""
    return str(sha256 or "")[:SOURCE_KEY_DIGITS]


#: A figure as Dash sends it: a plain dict with ``data`` (traces) and ``layout``.
Figure = dict[str, Any]


def base_layout(title: str, unit: str, lang: str) -> dict[str, Any]:
    """The layout every chart shares: title, unit on the y axis, monthly x axis."""
    return {
        "title": {"text": title, "x": 0.01, "font": {"size": 16}},
        "font": {"family": FONT, "size": 12},
        "margin": {"l": 60, "r": 20, "t": 50, "b": 50},
        "hovermode": "x unified",
        "legend": {"orientation": "h", "y": -0.15},
        "yaxis": {
            "title": {"text": unit_name(unit, lang)},
            "zeroline": True,
            "zerolinecolor": "#999",
        },
        "xaxis": {"type": "category", "tickangle": -45, "nticks": 18},
        "plot_bgcolor": "white",
        "paper_bgcolor": "white",
    }


def no_data_note(lang: str) -> dict[str, Any]:
    """The annotation of a chart without data."""
    return {
        "text": t("no_data", lang),
        "showarrow": False,
        "x": 0.5,
        "y": 0.5,
        "xref": "paper",
        "yref": "paper",
    }


def period_bounds(frame: pd.DataFrame) -> tuple[str, ...]:
    """The first and last period of ``frame`` (none when empty), once per frame."""

    def build(rows: pd.DataFrame) -> tuple[str, ...]:
        periods = [str(p) for p in column(rows, "period")]
        return (min(periods), max(periods)) if periods else ()

    return memo(frame, "period_bounds", build)


_Points = tuple[list[float | None], list[list[str]]] | None


def _points(frame: pd.DataFrame, derived: bool, unit: str, lang: str, span: list[str]) -> _Points:
    """The y values and customdata of ``frame``'s printed or derived figures over the months
    of ``span`` (None where a month has none), or None when no month has one. Computed once
    per frame, kind, unit, language and span: a chart of 30 years asks for the same lists on
    every request. The lists are shared: never change them."""

    def build(rows: pd.DataFrame) -> _Points:
        drawn = _drawn(rows, derived, unit, lang)
        values = [drawn[p][0] if p in drawn else None for p in span]
        if all(v is None for v in values):
            return None
        return values, [drawn[p][1] if p in drawn else _NO_POINT for p in span]

    ends = f"{span[0]}:{span[-1]}" if span else ""
    return memo(frame, f"points:{derived}:{unit}:{lang}:{ends}", build)


def time_series(
    lines: Sequence[Line], title: str, unit: str, lang: str, span: Sequence[str] = ()
) -> Figure:
    """Lines over months: reported solid, derived dotted; gaps where nothing was printed.
    The x axis runs over every month of the lines and of ``span`` (periods that charts
    drawn side by side share). A plain dict, built without plotly's validators (they cost
    more than the chart)."""
    periods = [p for line in lines for p in period_bounds(line.frame)] + list(span)
    months = month_span(periods)
    traces: list[dict[str, Any]] = []
    for index, line in enumerate(lines):
        color = line.color or PALETTE[index % len(PALETTE)]
        for derived in (False, True):
            points = _points(line.frame, derived, line.unit, lang, months)
            if points is None:
                continue
            values, custom = points
            traces.append(
                {
                    "type": "scatter",
                    "x": months,
                    "y": values,
                    "customdata": custom,
                    "name": marked_derived(line.name, lang) if derived else line.name,
                    "mode": "lines+markers",
                    "connectgaps": False,
                    "line": {"color": color, "dash": "dot" if derived else "solid", "width": 2},
                    "marker": {"symbol": "circle-open" if derived else "circle", "size": 6},
                    "hovertemplate": hover_template(derived, lang),
                }
            )
    layout = base_layout(title, unit, lang)
    if not traces:
        layout["annotations"] = [no_data_note(lang)]
    return {"data": traces, "layout": layout}


def bars(
    categories: Sequence[str],
    values: Sequence[float],
    unit: str,
    title: str,
    lang: str,
    colors: Sequence[str] | None = None,
) -> Figure:
    """One bar per category, each labelled with its value and unit."""
    layout = base_layout(title, unit, lang)
    layout["xaxis"] = {"type": "category", "tickangle": 0}
    layout["hovermode"] = "closest"
    trace = {
        "type": "bar",
        "x": list(categories),
        "y": list(values),
        "text": [value_text(v, unit, lang) for v in values],
        "textposition": "outside",
        "marker": {"color": list(colors) if colors else PALETTE[1]},
        "hovertemplate": "%{x}: %{text}<extra></extra>",
    }
    return {"data": [trace], "layout": layout}


def sparkline(frame: pd.DataFrame) -> Figure:
    """A small trend line without axes, for a headline card."""
    trace = {
        "type": "scatter",
        "x": frame["period"].tolist(),
        "y": [_number(v) for v in frame["value"].tolist()],
        "mode": "lines",
        "line": {"color": PALETTE[0], "width": 2},
        "hoverinfo": "skip",
        "connectgaps": False,
    }
    layout = {
        "margin": {"l": 0, "r": 0, "t": 0, "b": 0},
        "height": 50,
        "showlegend": False,
        "xaxis": {"visible": False, "type": "category"},
        "yaxis": {"visible": False},
        "plot_bgcolor": "white",
        "paper_bgcolor": "white",
    }
    return {"data": [trace], "layout": layout}


GRAPH_CONFIG: dict[str, object] = {
    "displaylogo": False,
    "toImageButtonOptions": {"format": "png", "scale": 2},
    "modeBarButtonsToRemove": ["lasso2d", "select2d"],
}
