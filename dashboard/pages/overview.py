"""Overview: the latest period's headline figures as cards, each with its change on the
previous period and a small trend line; ``?period=YYYY-MM`` shows any earlier period.
Under the cards, the period's bulletin as ``loaders.writer`` writes it from the stored
facts, each number a link to its source bulletin (``dashboard.summary``).

Cards: value added growth (cumulative and month), export delivery value growth, revenue
and its growth, total profit and its growth, the profit margin, fixed-asset investment
growth.
"""

from __future__ import annotations

from typing import Any

from dash import dcc, html

from dashboard import data, ids, routes, shell, summary
from dashboard.figures.base import sparkline
from dashboard.i18n import basis_name, indicator_name, lang_of, t, value_text

PATH = routes.OVERVIEW

#: (indicator, measure, basis): the cards, in order.
CARDS: tuple[tuple[str, str, str], ...] = (
    ("value_added", "yoy_pct", "ytd"),
    ("value_added", "yoy_pct", "month"),
    ("export_delivery_value", "yoy_pct", "ytd"),
    ("revenue", "level", "ytd"),
    ("revenue", "yoy_pct", "ytd"),
    ("total_profit", "level", "ytd"),
    ("total_profit", "yoy_pct", "ytd"),
    ("profit_margin", "level", "ytd"),
    ("fixed_asset_investment", "yoy_pct", "ytd"),
)


def card(indicator: str, measure: str, basis: str, period: str, lang: str) -> html.Div:
    """One headline figure: name, value with unit, change on the previous period, trend."""
    series = data.series(indicator, measure, basis=basis)
    series = series[~series["derived"]]
    now = series[series["period"] == period]
    title = f"{indicator_name(indicator, lang)} · {basis_name(basis, lang)}"
    if measure == "yoy_pct":
        title += " · " + t("year_on_year", lang)
    if now.empty:
        return html.Div(
            [
                html.Div(title, className="card-title"),
                html.Div(t("no_data", lang), className="card-value missing"),
            ],
            className="card",
        )
    value, unit = float(now["value"].iloc[0]), str(now["unit"].iloc[0])
    earlier = series[series["period"] < period]
    if measure == "level" and unit != "%":
        # Cumulative levels grow through the year: only one of the same year compares.
        earlier = earlier[earlier["period"].str[:4] == period[:4]]
    change = ""
    if not earlier.empty:
        difference = value - float(earlier["value"].iloc[-1])
        change_unit = "pp" if unit == "%" else unit
        change = (
            f"{t('change_vs', lang)} ({earlier['period'].iloc[-1]}): "
            f"{value_text(difference, change_unit, lang)}"
        )
    return html.Div(
        [
            html.Div(title, className="card-title"),
            html.Div(value_text(value, unit, lang), className="card-value"),
            html.Div(change, className="card-change"),
            dcc.Graph(
                figure=sparkline(series[series["period"] <= period].tail(12)),
                config={"displayModeBar": False, "staticPlot": True},
                className="card-trend",
            ),
        ],
        className="card",
    )


def layout(lang: str = "zh", period: str = "", **_: Any) -> html.Div:
    """The overview of ``period`` (default: the latest)."""
    lang = lang_of(lang)
    periods = data.periods()
    chosen = period if period in periods else (periods[-1] if periods else "")
    return html.Div(
        [
            html.H2(t("nav.overview", lang)),
            html.Label(
                [
                    t("period", lang),
                    dcc.Dropdown(
                        id=ids.OVERVIEW_PERIOD,
                        options=[{"label": p, "value": p} for p in reversed(periods)],
                        value=chosen,
                        clearable=False,
                        style={"width": "12em"},
                    ),
                ]
            ),
            html.Div(
                [card(*spec, chosen, lang) for spec in CARDS] if chosen else t("no_data", lang),
                id=ids.OVERVIEW_CARDS,
                className="cards",
            ),
            summary.summary(chosen, lang),
        ]
    )


shell.sync_query(PATH, {"period": ids.OVERVIEW_PERIOD})
