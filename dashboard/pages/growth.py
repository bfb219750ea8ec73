"""Growth: the bulletin's figures 1–4 and more — growth year on year of value added, export
delivery value, revenue and profit, and fixed-asset investment, for electronic-information
manufacturing against all industry and high-tech manufacturing.

Query (every view is a link; anything unknown falls back to the default):
    indicator   value_added (default), export_delivery_value, revenue, total_profit,
                fixed_asset_investment
    basis       ytd (default: cumulative, 1—M月) or month (single month)
    years       the years of the overlay, comma-separated (default: the latest three with
                figures)

Charts (ids ``{"type": "chart", "page": "growth", "name": …}``):
    growth  the indicator's growth over the months, with the comparison industries' rates
    years   the same growth, one line per chosen year over the months 1月..12月
    month   single-month growth of every indicator, where a bulletin printed one
    margin  the profit margin on operating revenue, year to date (%)

Every chart page also reads ``start``/``end`` (the months shown, a zoom) and
``embed=1&chart=<name>`` (one chart alone, for other sites): ``components.chart_query``.

This module holds the layout, the callback and the glue that reads ``dashboard.data``; the
figures are built by ``dashboard.figures.growth``, the query is read by
``dashboard.views.query`` and ``dashboard.views.growth``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from dash import Input, Output, State, callback, html

from dashboard import chart_registry, data, ids, routes, shell
from dashboard.components import (
    basis_control,
    chart_id,
    chart_page,
    chart_query,
    graph,
    menu_control,
    year_options,
    years_control,
)
from dashboard.figures.base import Figure
from dashboard.figures.growth import (
    INDICATORS,
    growth_codes,
    growth_figure,
    margin_figure,
    month_figure,
    years_figure,
)
from dashboard.figures.look import span_of
from dashboard.i18n import lang_of, t
from dashboard.views.growth import parse_years, years_key, years_of
from dashboard.views.query import BASES, choice

PATH = routes.GROWTH
PAGE = "growth"


@dataclass(frozen=True)
class View:
    """What the page shows for one query: the choices made, the years the overlay can
    offer, and the figures by chart name."""

    indicator: str
    basis: str
    available: tuple[int, ...]
    years: tuple[int, ...]
    figures: dict[str, Figure]


def view(indicator: str, basis: str, years: str, lang: str) -> View:
    """Read the series of a (validated) query and build its figures."""
    frames = {code: data.series(code, "yoy_pct", basis=basis) for code in growth_codes(indicator)}
    available = years_of(frames[indicator])
    chosen = parse_years(years, available)
    monthly = {code: data.series(code, "yoy_pct", basis="month") for code in INDICATORS}
    margin = data.series("profit_margin", "level", basis="ytd")
    span = span_of([*frames.values(), *monthly.values(), margin])  # every chart, one span
    return View(
        indicator,
        basis,
        tuple(available),
        tuple(chosen),
        {
            "growth": growth_figure(frames, indicator, basis, lang, span),
            "years": years_figure(frames[indicator], chosen, indicator, basis, lang),
            "month": month_figure(monthly, lang, span),
            "margin": margin_figure(margin, lang, span),
        },
    )


@data.cached(maxsize=64, view=True)
def _cached_view(version: int, indicator: str, basis: str, years: str, lang: str) -> View:
    return view(indicator, basis, years, lang)


def _shown(indicator: object, basis: object, years: object, lang: str) -> View:
    """The view of a query or of the controls' values, each validated (unknown -> default)."""
    return _cached_view(
        data.version(),
        choice(indicator, INDICATORS, INDICATORS[0]),
        choice(basis, BASES, BASES[0]),
        years_key(years),
        lang,
    )


def layout(
    lang: str = "zh",
    indicator: object = "",
    basis: object = "",
    years: object = "",
    **query: object,
) -> html.Div:
    """The growth page for the query (every value validated; unknown ones -> defaults).
    Its figures are cached per data version and query."""
    lang = lang_of(lang)
    shown = _shown(indicator, basis, years, lang)
    asked = chart_query(
        PATH, {"lang": lang, "indicator": indicator, "basis": basis, "years": years, **query}
    )
    figures = asked.zoomed(shown.figures)
    alone = asked.embedded(PAGE, lang, figures)
    if alone is not None:
        return alone
    controls = [
        menu_control(
            t("indicator", lang),
            ids.GROWTH_INDICATOR,
            {code: t(f"growth.{code}", lang) for code in INDICATORS},
            shown.indicator,
            "16em",
        ),
        basis_control(ids.GROWTH_BASIS, shown.basis, lang),
        years_control(ids.GROWTH_YEARS, shown.available, shown.years, lang, "18em"),
    ]
    charts = [
        graph("growth", figures["growth"], PAGE, lang, wide=True),
        graph("years", figures["years"], PAGE, lang),
        graph("month", figures["month"], PAGE, lang),
        graph("margin", figures["margin"], PAGE, lang),
    ]
    return chart_page(t("growth.title", lang), t("growth.intro", lang), controls, charts)


@callback(
    Output(chart_id("growth", PAGE), "figure"),
    Output(chart_id("years", PAGE), "figure"),
    Output(ids.GROWTH_YEARS, "options"),
    Input(ids.GROWTH_INDICATOR, "value"),
    Input(ids.GROWTH_BASIS, "value"),
    Input(ids.GROWTH_YEARS, "value"),
    State(ids.URL, "search"),
    prevent_initial_call=True,
)
def redraw(indicator: object, basis: object, years: object, search: object) -> tuple[Any, ...]:
    """A control changed: the two charts that depend on it and the years on offer (the
    single-month chart shows every indicator and stays). Values outside the controls'
    options fall back to the defaults, as in the URL."""
    lang = shell.lang_of_search(search)
    shown = _shown(indicator, basis, years, lang)
    return shown.figures["growth"], shown.figures["years"], year_options(shown.available, lang)


shell.keep_in_url(
    PATH,
    {
        "indicator": ids.GROWTH_INDICATOR,
        "basis": ids.GROWTH_BASIS,
        "years": ids.GROWTH_YEARS,
    },
)

chart_registry.register(
    PAGE,
    lambda query, lang: (
        _shown(query.get("indicator"), query.get("basis"), query.get("years"), lang).figures
    ),
)
