"""Pure figure builders: DataFrames in, plotly figures out. No Dash import here.

Shapes: a ``Line`` is one series — a DataFrame with columns period (YYYY-MM), value,
derived (bool), bulletin (sha256), text — plus its name and unit. Builders return plain
dict figures (``{"data": [...], "layout": {...}}``, no plotly objects: their validators cost
more than the chart, and no default template) with:
- time series as curves (``dashboard.figures.curves``): markers at the figures, solid
  lines between consecutive months, thin dotted lines across missing months (never a value
  invented there), derived points as open markers, a dated x axis;
- hover text with the figure as printed (or derived, at its inputs' precision:
  ``dashboard.i18n.numbers.figure_text``), reported/derived and the source bulletin's
  title; each point's ``customdata`` is [figure text, bulletin key, period,
  reported/derived, bulletin title], so a click can open the sentence the figure came
  from (the Bulletins page);
- titles and axes that carry the unit, in the page's language.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import pandas as pd

from dashboard.figures.curves import Point, curve_traces, date_axis, legend_keys
from dashboard.figures.memo import column, memo
from dashboard.figures.range_selector import range_selector
from dashboard.figures.rows import data_meta
from dashboard.i18n import figure_text, lang_of, t, unit_name
from dashboard.i18n.numbers import chart_scale
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
    #: A year-to-date level: restarts every January, so never joined across one.
    per_year: bool = False


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
_ROW_COLUMNS = (
    "period",
    "value",
    "derived",
    "bulletin",
    "text",
    "source",
    "source_en",
    "printed",
    "decimals",
)


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
                found[period] = (
                    value,
                    [
                        figure_of(row, unit, lang),
                        source_key(row.get("bulletin")),
                        str(row.get("source_en" if lang_of(lang) == "en" else "source") or ""),
                    ],
                )
        return found

    return memo(frame, f"drawn:{derived}:{unit}:{lang}", build)


def figure_of(row: Mapping[str, Any], unit: str, lang: str, *, marked: bool = False) -> str:
    """A series row's figure text (``figure_text``): a printed figure as printed
    (``1.27亿台``, ``-14.1%``), a derived one at the precision of the figures it comes from
    (``decimals``). Unmarked by default: on a chart the trace's ``hovertemplate``
    (``hover_template``) says whether it is derived, so the bytes of a long series do not
    repeat it; ``marked`` for text standing alone (a card)."""
    decimals = row.get("decimals")
    return figure_text(
        float(row["value"]),
        unit,
        lang,
        printed=row.get("printed"),
        derived=bool(row.get("derived")),
        decimals=None if decimals is None or pd.isna(decimals) else int(decimals),
        marked=marked,
    )


def hover_template(lang: str) -> str:
    """The hover of a time series' points: ``<figure>（公布值）<br>2023年1—11月份电子信息制造业
    运行情况`` (``<figure> (reported)`` in English: the derived mark of ``figure_text``), the
    line's name beside it; customdata is [figure text, bulletin key, period,
    reported/derived, the bulletin's title] (the key is what a click opens, never shown)."""
    kind = " (%{customdata[3]})" if lang_of(lang) == "en" else "（%{customdata[3]}）"
    return f"%{{customdata[0]}}{kind}<br>%{{customdata[4]}}<extra>%{{fullData.name}}</extra>"


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


def _curve_points(line: Line, lang: str) -> dict[str, Point]:
    """The line's figures by period, a printed one over a derived one of the same month."""
    points: dict[str, Point] = {}
    for derived in (True, False):
        for period, (value, custom) in _drawn(line.frame, derived, line.unit, lang).items():
            points[period] = Point(value, custom[0], custom[1], derived, custom[2])
    return points


def _curve(line: Line, color: str, lang: str) -> tuple[list[dict[str, Any]], bool]:
    """The line's traces and whether it has a derived point, once per frame, name, colour,
    language and kind (the series of a data version serve many requests). The traces are
    shared: never change them."""

    def build(frame: pd.DataFrame) -> tuple[list[dict[str, Any]], bool]:
        points = _curve_points(line, lang)
        traces = curve_traces(
            points, line.name, color, lang, per_year=line.per_year, template=hover_template(lang)
        )
        # the markers' trace says its unit: a chart's download reads its points from it
        traces = [
            trace if "meta" in trace else {**trace, "meta": data_meta(line.unit)}
            for trace in traces
        ]
        return traces, any(p.derived for p in points.values())

    key = f"curve:{line.name}:{color}:{lang}:{line.per_year}:{line.unit}"
    return memo(line.frame, key, build)


def time_series(
    lines: Sequence[Line], title: str, unit: str, lang: str, span: Sequence[str] = ()
) -> Figure:
    """Lines over months as curves (``dashboard.figures.curves``): markers at the figures
    (derived ones open), solid lines between consecutive months, thin dotted lines across
    missing ones with a hover naming them; a dated x axis over every month of the lines and
    of ``span`` (periods that charts drawn side by side share). A plain dict, built without
    plotly's validators (they cost more than the chart)."""
    periods = [p for line in lines for p in period_bounds(line.frame)] + list(span)
    months = month_span(periods)
    traces: list[dict[str, Any]] = []
    any_derived = any_gap = False
    for index, line in enumerate(lines):
        color = line.color or PALETTE[index % len(PALETTE)]
        drawn, derived = _curve(line, color, lang)
        traces += drawn
        any_derived = any_derived or derived
        any_gap = any_gap or len(drawn) > 1
    layout = base_layout(title, unit, lang)
    layout["xaxis"] = {**date_axis(months), "rangeselector": range_selector(lang)}
    if traces:
        traces += legend_keys(any_derived, any_gap, lang)
    else:
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
    """One bar per category, each labelled with its value and unit, in one scale for the
    whole chart (``chart_scale``: 万亿元 or 亿元 by the largest bar)."""
    scale = chart_scale(unit, values, lang)
    layout = base_layout(title, unit, lang)
    layout["xaxis"] = {"type": "category", "tickangle": 0}
    layout["hovermode"] = "closest"
    trace = {
        "type": "bar",
        "x": list(categories),
        "y": list(values),
        "text": [figure_text(v, unit, lang, scale=scale) for v in values],
        "textposition": "outside",
        "marker": {"color": list(colors) if colors else PALETTE[1]},
        "hovertemplate": "%{x}: %{text}<extra></extra>",
    }
    return {"data": [trace], "layout": layout}


def sparkline(frame: pd.DataFrame, unit: str, lang: str, *, per_year: bool = False) -> Figure:
    """A small trend for a headline card: the series as a curve (derived points open, gaps
    dotted, a YTD level one line a year) on a dated axis, each point's hover its month and
    value."""
    line = Line("", frame, unit, PALETTE[0], per_year)
    points = _curve_points(line, lang)
    traces = curve_traces(
        points,
        "",
        PALETTE[0],
        lang,
        per_year=per_year,
        template="%{customdata[2]}: %{customdata[0]}"
        + (" (%{customdata[3]})" if lang_of(lang) == "en" else "（%{customdata[3]}）")
        + "<extra></extra>",
    )
    for trace in traces:
        if trace.get("marker"):
            trace["marker"] = {**trace["marker"], "size": 4}
    axis = date_axis(month_span(list(points)))
    axis.update(
        dtick="M12",
        tickformat="%Y",
        tickfont={"size": 9},
        showgrid=False,
        minor={"ticks": ""},
        fixedrange=True,
    )
    layout = {
        "margin": {"l": 0, "r": 0, "t": 4, "b": 18},
        "height": 70,
        "showlegend": False,
        "hovermode": "closest",
        "xaxis": axis,
        "yaxis": {"visible": False, "fixedrange": True},
        "plot_bgcolor": "white",
        "paper_bgcolor": "white",
        "font": {"family": FONT, "size": 10},
    }
    return {"data": traces, "layout": layout}


GRAPH_CONFIG: dict[str, object] = {
    "displaylogo": False,
    "toImageButtonOptions": {"format": "png", "scale": 2},
    # no "Share chart…": it would send the chart to an outside service
    "showSendToCloud": False,
    "showEditInChartStudio": False,
    "modeBarButtonsToRemove": [
        "lasso2d",
        "select2d",
        "sendChartToCloud",
        "sendDataToCloud",
        "editInChartStudio",
    ],
}
#: Plotly's locale per page language: its toolbar tooltips and dates (the zh-CN dictionary
#: is in the bundle, ``dashboard/plotly_bundle/plotly-partial.js``).
PLOTLY_LOCALES: dict[str, str] = {"zh": "zh-CN", "en": "en"}


def graph_config(lang: str) -> dict[str, object]:
    """``GRAPH_CONFIG`` in the page's language."""
    return {**GRAPH_CONFIG, "locale": PLOTLY_LOCALES.get(lang, "zh-CN")}
