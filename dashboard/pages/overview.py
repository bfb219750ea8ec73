"""Overview: the latest period's headline figures as cards, each with its change like with
like (as the bulletin prints it, or on the same period a year earlier) and a dated trend
line of two years; ``?period=YYYY-MM`` shows any earlier period.
Under the cards, the period's bulletin as ``loaders.writer`` writes it from the stored
facts, each number a link to its source bulletin (``dashboard.summary``).

Cards: value added growth (cumulative and month), export delivery value growth, revenue
and its growth, total profit and its growth, the profit margin, fixed-asset investment
growth.
"""

from __future__ import annotations

from typing import Any, cast

import pandas as pd
from dash import dcc, html

from dashboard import data, ids, routes, shell, summary
from dashboard.figures.base import figure_of, graph_config, sparkline
from dashboard.i18n import basis_name, figure_text, indicator_name, lang_of, period_label, t
from loaders.bulletin.periods import Month

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


#: The card whose figure makes a period worth opening on: value added, year to date.
HEADLINE = CARDS[0]
#: Months of history a card's trend line shows, up to its period.
TREND_MONTHS = 24


def _year_earlier(period: str) -> str:
    return f"{int(period[:4]) - 1:04d}{period[4:]}"


def comparison(indicator: str, measure: str, basis: str, period: str, lang: str) -> str:
    """A card's change, like with like: what the bulletin itself prints (its change on the
    previous period or on a year earlier, for a rate or the margin; its growth rate, for a
    level); else the difference from the same period a year earlier, printed or derived;
    else nothing. Never a period of another length (1—2月 against 1—11月)."""
    if measure == "level" and indicator != "profit_margin":
        rates = data.series(indicator, "yoy_pct", basis=basis)
        rate = rates[rates["period"] == period].sort_values("derived")
        if rate.empty:
            return ""
        return t("overview.yoy", lang, rate=shown(rate.iloc[0], lang))
    changes = data.series(indicator, "change_pp", basis=basis)
    printed = changes[(changes["period"] == period) & ~changes["derived"]]
    if not printed.empty:
        # the previous period's change before the year-earlier one
        row = printed.sort_values("ref_period", ascending=False).iloc[0]
        return t(
            "overview.change_printed",
            lang,
            ref=period_label(str(row["ref_period"]), lang, basis),
            change=shown(row, lang),
        )
    series = data.series(indicator, measure, basis=basis)
    now = series[series["period"] == period]
    then = series[series["period"] == _year_earlier(period)]
    if now.empty or then.empty:
        return ""
    difference = float(now["value"].iloc[0]) - float(then["value"].iloc[0])
    # computed from two figures: as precise as the coarser of them, and marked as derived
    known = [d for d in (now["decimals"].iloc[0], then["decimals"].iloc[0]) if pd.notna(d)]
    decimals = min(int(d) for d in known) if len(known) == 2 else None
    return t(
        "overview.change_year",
        lang,
        ref=period_label(_year_earlier(period), lang, basis),
        change=figure_text(difference, "pp", lang, derived=True, decimals=decimals),
    )


def shown(row: Any, lang: str) -> str:
    """A series row (``data.series``: value, unit, derived, printed, decimals) as pages
    show a figure standing alone: ``figure_of``, a derived one marked."""
    return figure_of(row, str(row["unit"]), lang, marked=True)


def card(indicator: str, measure: str, basis: str, period: str, lang: str) -> html.Div:
    """One headline figure: name, value with unit, its change like with like, and a trend
    of the last two years (dated, with a hover; a YTD level one line a year)."""
    series = data.series(indicator, measure, basis=basis)
    now = series[(series["period"] == period) & ~series["derived"]]
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
    unit = str(now["unit"].iloc[0])
    start = str(Month.parse(period).shifted(1 - TREND_MONTHS))
    window = series[(series["period"] <= period) & (series["period"] >= start)]
    per_year = measure == "level" and unit != "%" and basis == "ytd"
    return html.Div(
        [
            html.Div(title, className="card-title"),
            html.Div(shown(now.iloc[0], lang), className="card-value"),
            html.Div(comparison(indicator, measure, basis, period, lang), className="card-change"),
            dcc.Graph(
                figure=sparkline(window, unit, lang, per_year=per_year),
                config=cast(Any, {**graph_config(lang), "displayModeBar": False}),
                className="card-trend",
            ),
        ],
        className="card",
    )


def default_period(periods: list[str]) -> str:
    """The latest period whose headline figure (value added, year to date) is printed: a
    period known only from a partial copy (a news item on exports) would show empty cards;
    the latest period when none has it, "" when there is none."""
    headline = data.series(*HEADLINE[:2], basis=HEADLINE[2])
    printed = set(headline.loc[~headline["derived"], "period"])
    return next((p for p in reversed(periods) if p in printed), periods[-1] if periods else "")


def layout(lang: str = "zh", period: str = "", **_: Any) -> html.Div:
    """The overview of ``period`` (default: the latest)."""
    lang = lang_of(lang)
    periods = data.periods()
    chosen = period if period in periods else default_period(periods)
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
