"""The chart builder: any series of the store, several at once, in one chart, and the first
of them year by year — what the fixed charts of the other pages do not show (a region's
revenue share, profit margin beside revenue growth, a sub-industry's exports…).

Query (every view is a link; anything unknown falls back to the default):
    series  series texts, comma-separated (``dashboard.views.explore.series_text``:
            ``profit_margin.national.all.ytd.level,revenue.national.all.ytd.yoy_pct``), at
            most ``MAX_SERIES``; default ``DEFAULT_SERIES``
    years   the years of the overlay (default: the latest three with figures)
    start, end, embed, chart   the months shown and an embed (``components.chart_query``)

Charts (ids ``{"type": "chart", "page": "explore", "name": …}``):
    chart   every series chosen (``dashboard.figures.compare``: one axis per unit, two at most)
    years   the first series, one line per chosen year over the months
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from dash import Input, Output, State, callback, dcc, html

from dashboard import chart_registry, data, ids, routes, shell
from dashboard.components import (
    chart_id,
    chart_page,
    chart_query,
    control,
    graph,
    year_options,
    years_control,
)
from dashboard.figures.base import PALETTE, Figure, Line
from dashboard.figures.compare import compare_figure, label_axis_in_scale
from dashboard.figures.look import span_of
from dashboard.figures.memo import column
from dashboard.figures.year_overlay import year_overlay
from dashboard.i18n import dropdown_labels, lang_of, t
from dashboard.views.explore import (
    SeriesKey,
    chosen_series,
    offered,
    series_label,
    series_text,
)
from dashboard.views.growth import parse_years, years_key, years_of

PATH = routes.EXPLORE
PAGE = "explore"


@dataclass(frozen=True)
class View:
    """The series chosen, the years the overlay offers and shows, the figures by name."""

    series: tuple[SeriesKey, ...]
    available: tuple[int, ...]
    years: tuple[int, ...]
    figures: dict[str, Figure]


def _frame(key: SeriesKey) -> Any:
    indicator, measure, basis, region, segment = key
    return data.series(indicator, measure, basis=basis, region=region, segment=segment)


def _unit(frame: Any) -> str:
    units = [u for u in frame["unit"] if isinstance(u, str) and u] if len(frame) else []
    return units[0] if units else ""


def view(series: tuple[SeriesKey, ...], years: str, lang: str) -> View:
    """Read the chosen (valid) series and build the figures."""
    frames = {key: _frame(key) for key in series}
    lines = [
        Line(
            series_label(key, lang),
            frame,
            _unit(frame),
            PALETTE[index % len(PALETTE)],
            # a year-to-date level (not a rate or a ratio) restarts each January
            per_year=key[1] == "level" and key[2] == "ytd" and _unit(frame) != "%",
        )
        for index, (key, frame) in enumerate(frames.items())
    ]
    title = (
        series_label(series[0], lang)
        if len(series) == 1
        else t("explore.title_many", lang, count=len(series))
    )
    first = frames[series[0]] if series else _frame(("", "", "", "", ""))
    available = years_of(first)
    chosen = parse_years(years, available)
    name = series_label(series[0], lang) if series else ""
    unit = _unit(first) or "%"
    overlay_title = t("explore.years_title", lang, name=name)
    overlay = year_overlay(first, chosen, overlay_title, unit, lang)
    # the axis says the unit, in the scale the values reach (亿台, not 120k 万台)
    label_axis_in_scale(overlay["layout"], "yaxis", unit, list(column(first, "value")), lang)
    return View(
        series,
        tuple(available),
        tuple(chosen),
        {
            "chart": compare_figure(lines, title, lang, span_of(frames.values())),
            "years": overlay,
        },
    )


@data.cached(maxsize=64, view=True)
def _cached_view(version: int, series: tuple[SeriesKey, ...], years: str, lang: str) -> View:
    return view(series, years, lang)


def _shown(series: object, years: object, lang: str) -> View:
    """The view of a query or of the controls' values, each validated."""
    chosen = chosen_series(series, set(offered(data.series_keys())))
    return _cached_view(data.version(), chosen, years_key(years), lang)


def series_options(lang: str) -> list[dict[str, str]]:
    """Every series offered, labelled, in the store's order."""
    return [
        {"label": series_label(key, lang), "value": series_text(key)}
        for key in offered(data.series_keys())
    ]


def layout(lang: str = "zh", series: object = "", years: object = "", **query: object) -> html.Div:
    """The builder for the query (unknown series dropped; none left: the default)."""
    lang = lang_of(lang)
    shown = _shown(series, years, lang)
    asked = chart_query(PATH, {"lang": lang, "series": series, "years": years, **query})
    figures = asked.zoomed(shown.figures)
    alone = asked.embedded(PAGE, lang, figures)
    if alone is not None:
        return alone
    controls = [
        control(
            t("explore.series", lang),
            dcc.Dropdown(
                id=ids.EXPLORE_SERIES,
                options=series_options(lang),
                value=[series_text(key) for key in shown.series],
                multi=True,
                labels=dropdown_labels(lang),
                searchable=True,
                placeholder=t("explore.series_placeholder", lang),
                style={"minWidth": "min(40em, 90vw)"},
            ),
        ),
        years_control(ids.EXPLORE_YEARS, shown.available, shown.years, lang, "14em"),
    ]
    charts = [
        graph("chart", figures["chart"], PAGE, lang, wide=True),
        graph("years", figures["years"], PAGE, lang),
    ]
    return chart_page(t("explore.title", lang), t("explore.intro", lang), controls, charts)


@callback(
    Output(chart_id("chart", PAGE), "figure"),
    Output(chart_id("years", PAGE), "figure"),
    Output(ids.EXPLORE_YEARS, "options"),
    Input(ids.EXPLORE_SERIES, "value"),
    Input(ids.EXPLORE_YEARS, "value"),
    State(ids.URL, "search"),
    prevent_initial_call=True,
)
def redraw(series: object, years: object, search: object) -> tuple[Any, ...]:
    """A control changed: both charts and the years the overlay offers."""
    lang = shell.lang_of_search(search)
    shown = _shown(series, years, lang)
    return shown.figures["chart"], shown.figures["years"], year_options(shown.available, lang)


def _figures(query: Mapping[str, str], lang: str) -> dict[str, Figure]:
    return _shown(query.get("series"), query.get("years"), lang).figures


shell.keep_in_url(PATH, {"series": ids.EXPLORE_SERIES, "years": ids.EXPLORE_YEARS})
chart_registry.register(PAGE, _figures)
