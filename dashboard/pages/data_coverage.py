"""The Data page's coverage section: a heat map of which months the main series have a
figure for (``dashboard.figures.coverage``), each square a link to its figure's bulletin.

The section is the same for every query of the page: cached per data version and language.
"""

from __future__ import annotations

from typing import Any, cast

from dash import dcc, html

from dashboard import data
from dashboard.components import chart_id
from dashboard.figures.base import graph_config
from dashboard.figures.coverage import coverage_figure
from dashboard.i18n import basis_name, indicator_name, region_name, t
from dashboard.views.coverage import MAIN_SERIES, cells

PAGE = "data"
#: The narrowest the heat map is drawn (px): a square a month stays legible on a phone.
MIN_WIDTH = 960


def series_label(key: tuple[str, str, str, str], lang: str) -> str:
    """``增加值 · 累计 · 同比`` / ``East: Operating revenue · Year to date · y/y``."""
    indicator, basis, measure, region = key
    parts = [indicator_name(indicator, lang), basis_name(basis, lang)]
    if measure == "yoy_pct":
        parts.append(t("year_on_year", lang))
    label = " · ".join(parts)
    return label if region == "national" else f"{region_name(region, lang)}: {label}"


@data.cached(maxsize=8, view=True)
def _figure(version: int, lang: str) -> dict[str, Any]:
    frames = {key: data.series(key[0], key[2], basis=key[1], region=key[3]) for key in MAIN_SERIES}
    frames = {key: frame for key, frame in frames.items() if not frame.empty}
    conflicts = {
        ((indicator, basis, measure, region), period)
        for (indicator, region, _, basis, measure), period in data.conflicts()
    }
    found = cells(frames, conflicts)
    names = {key: series_label(key, lang) for key in frames}
    return coverage_figure(found, names, lang)


def coverage_section(lang: str) -> html.Section:
    """The heading, the note and the heat map."""
    return html.Section(
        [
            html.H3(t("data.coverage_heading", lang)),
            html.P(t("data.coverage_note", lang), className="note"),
            html.Div(  # a phone scrolls the map sideways rather than squeezing its months
                dcc.Graph(
                    id=chart_id("coverage", PAGE),
                    figure=_figure(data.version(), lang),
                    # no toolbar: nothing to zoom, and the data are one download away
                    config=cast(Any, {**graph_config(lang), "displayModeBar": False}),
                    className="chart",
                    style={"minWidth": f"{MIN_WIDTH}px"},
                ),
                style={"overflowX": "auto"},
            ),
        ],
        className="coverage",
    )
