"""Regions: operating revenue of the four regions (east, central, west, northeast) and of
the two clusters (Beijing-Tianjin-Hebei, Yangtze River Delta) for one period, their shares
of the national revenue and how the shares moved; ``?period=YYYY-MM`` picks the period
(default: the latest with regional figures; anything else falls back to it).

This module holds the layout, the period callback and the glue that reads
``dashboard.data``; the rows, the lookup of regional facts and the share arithmetic are in
``dashboard.views.regions``, the figures in ``dashboard.figures.regions``.

Charts (ids ``{"type": "chart", "page": "regions", "name": …}``): growth, shares, levels
of the period, then over time: shares_stacked (the four regions' shares, a 100 % bar per
period), growth_over_time (every region and cluster) and shares_over_time (see
``dashboard.figures.regions``); below the shares chart a note
says which printed shares differ from the computed ones (beyond the rounding of the
printed figures, the tolerance of ``loaders.bulletin.checks``) and by how much.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import pandas as pd
from dash import Input, Output, State, callback, dcc, html
from dash.exceptions import PreventUpdate
from plotly.io.json import to_json_plotly

from dashboard import chart_registry, data, ids, routes, shell
from dashboard.components import chart_id, chart_query, graph
from dashboard.figures.base import Figure
from dashboard.figures.regions import (
    growth_figure,
    growth_over_time_figure,
    levels_figure,
    shares_figure,
    shares_over_time_figure,
    shares_stacked_figure,
)
from dashboard.i18n import lang_of, period_label, t
from dashboard.views.regions import (
    Share,
    chosen_period,
    complete_periods,
    regional,
    regional_periods,
    share_note_parts,
    share_table,
)

PATH = routes.REGIONS
PAGE = "regions"
#: Dash's typed ``config`` prop wants its own TypedDict; the shared config is a plain dict.


def share_note(shares: Sequence[Share], lang: str) -> list[Any]:
    """The note under the shares chart (``share_note_parts``) as paragraphs and a list."""
    return [
        html.P(part) if isinstance(part, str) else html.Ul([html.Li(item) for item in part])
        for part in share_note_parts(shares, lang)
    ]


@dataclass(frozen=True)
class View:
    """The page for one period: its figures by chart name and the note on shares."""

    figures: dict[str, Any]
    share_note: list[Any]


def view(period: str, lang: str) -> View:
    """The charts of ``period`` (one with regional figures) and the note on shares as plain
    JSON (``as_json``); the charts over time are the same for every period (``over_time``)."""
    frame = _regional(data.store().url, data.version())
    shares = share_table(frame, period)
    return View(
        {
            "growth": growth_figure(frame, period, lang),
            "shares": shares_figure(shares, period, lang, data.bulletin_names()),
            "levels": levels_figure(frame, period, lang),
        },
        as_json(share_note(shares, lang)),
    )


@data.cached(maxsize=8, view=True)
def over_time(version: int, lang: str) -> dict[str, Any]:
    """The charts over time, by name: built once per data version and language, since no
    period changes them."""
    frame = _regional(data.store().url, version)
    return {
        "shares_stacked": shares_stacked_figure(frame, lang),
        "growth_over_time": growth_over_time_figure(frame, lang),
        "shares_over_time": shares_over_time_figure(frame, lang),
    }


def as_json(components: list[Any]) -> list[Any]:
    """Components as the plain dicts Dash sends for them. A callback answer that holds a
    component object makes plotly's JSON encoder walk the whole answer, figures included,
    in Python (0.8 ms for this page's); plain dicts go straight to orjson."""
    return list(json.loads(to_json_plotly(components)))


@data.cached(maxsize=64, view=True)
def _cached_view(version: int, period: str, lang: str) -> View:
    return view(period, lang)


@data.cached(maxsize=4)
def _regional(url: str, version: int) -> pd.DataFrame:
    # the bulletins' names beside their keys: the charts over time name them in hovers
    return data.with_sources(regional(data.observations()))


@data.cached(maxsize=4)
def _periods(version: int) -> list[str]:
    return regional_periods(_regional(data.store().url, version))


@data.cached(maxsize=4)
def _complete(version: int) -> list[str]:
    """The periods with all four regions printed: the latest is the page's default."""
    return complete_periods(_regional(data.store().url, version))


def layout(lang: str = "zh", period: str = "", **query: object) -> html.Div:
    """The regions of ``period`` (default: the latest with all four regions printed)."""
    lang = lang_of(lang)
    periods = _periods(data.version())
    chosen = chosen_period(period, periods, _complete(data.version()))
    control = html.Div(
        html.Label(
            [
                t("period", lang),
                dcc.Dropdown(
                    id=ids.REGIONS_PERIOD,
                    options=[
                        {"label": f"{p} · {period_label(p, lang)}", "value": p}
                        for p in reversed(periods)
                    ],
                    value=chosen or None,
                    clearable=False,
                    style={"width": "16em"},
                ),
            ]
        ),
        className="controls",
    )
    if not chosen:
        return html.Div(
            [
                html.H2(t("regions.title", lang)),
                control,
                html.P(t("regions.no_regional_data", lang), className="note"),
            ]
        )
    shown = _cached_view(data.version(), chosen, lang)
    history = over_time(data.version(), lang)
    asked = chart_query(PATH, {"lang": lang, "period": period, **query})
    figures = asked.zoomed({**shown.figures, **history})
    alone = asked.embedded(PAGE, lang, figures)
    if alone is not None:
        return alone
    return html.Div(
        [
            html.H2(t("regions.title", lang)),
            html.P(t("regions.intro", lang), className="note"),
            control,
            graph("growth", figures["growth"], PAGE, lang),
            graph("shares", figures["shares"], PAGE, lang),
            html.Div(shown.share_note, id=ids.REGIONS_SHARE_NOTE, className="note"),
            graph("levels", figures["levels"], PAGE, lang),
            *(graph(name, figures[name], PAGE, lang) for name in history),
        ]
    )


def _figures(query: Mapping[str, str], lang: str) -> dict[str, Figure]:
    """Every chart of the page for a query (``period``; the default when unknown)."""
    version = data.version()
    chosen = chosen_period(query.get("period"), _periods(version), _complete(version))
    history = over_time(version, lang)
    return {**(_cached_view(version, chosen, lang).figures if chosen else {}), **history}


@callback(
    Output(chart_id("growth", PAGE), "figure"),
    Output(chart_id("shares", PAGE), "figure"),
    Output(ids.REGIONS_SHARE_NOTE, "children"),
    Output(chart_id("levels", PAGE), "figure"),
    Input(ids.REGIONS_PERIOD, "value"),
    State(ids.URL, "search"),
    prevent_initial_call=True,
)
def redraw(period: object, search: object) -> tuple[Any, ...]:
    """The period changed: the three charts of one period and the note on shares (the
    shares over time stay). A period without regional figures gives the default one's."""
    version = data.version()
    chosen = chosen_period(period, _periods(version), _complete(version))
    if not chosen:
        raise PreventUpdate
    shown = _cached_view(version, chosen, shell.lang_of_search(search))
    figures = shown.figures
    return figures["growth"], figures["shares"], shown.share_note, figures["levels"]


shell.keep_in_url(PATH, {"period": ids.REGIONS_PERIOD})

chart_registry.register(PAGE, _figures)
