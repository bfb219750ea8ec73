"""The Growth page's figures: growth year on year (%) of electronic-information manufacturing
against all industry and high-tech manufacturing (the bulletin's figures 1–4 and more).

    growth_figure   the indicator's growth over the months, with the comparison industries'
                    rates (derived from the gaps the bulletins print: dotted, open markers,
                    named as derived); revenue and profit are drawn together (figure 3)
    years_figure    the same growth, one line per chosen year over the months 1月..12月
    month_figure    single-month growth of every indicator, where a bulletin printed one
    margin_figure   the profit margin on operating revenue, year to date (%)

In: series frames (period YYYY-MM, value in %, unit, derived, bulletin, text, as
``data.series(code, "yoy_pct", basis=…)`` gives them), by catalog code. Out: plain dict
figures. Missing months are gaps, never interpolated.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import pandas as pd

from dashboard.figures.base import PALETTE, Figure, Line, time_series
from dashboard.figures.look import basis_text, finish, with_unit
from dashboard.figures.year_overlay import year_overlay
from dashboard.i18n import t

#: The page's indicators (catalog codes), in the order its menu offers them.
INDICATORS: tuple[str, ...] = (
    "value_added",
    "export_delivery_value",
    "revenue",
    "total_profit",
    "fixed_asset_investment",
)

#: The electronics lines of the growth chart: revenue and profit together (figure 3).
TOGETHER: dict[str, tuple[str, ...]] = {
    "revenue": ("revenue", "total_profit"),
    "total_profit": ("revenue", "total_profit"),
}
#: The comparison industries drawn beside each indicator (catalog codes, all derived).
COMPARISONS: dict[str, tuple[str, ...]] = {
    "value_added": ("industry_value_added", "high_tech_value_added"),
    "export_delivery_value": ("industry_export_delivery_value",),
    "revenue": (),
    "total_profit": (),
    "fixed_asset_investment": (
        "industry_fixed_asset_investment",
        "high_tech_fixed_asset_investment",
        "manufacturing_fixed_asset_investment",
    ),
}
#: One colour per line code, the same on every chart of the page.
COLORS: dict[str, str] = {
    "value_added": PALETTE[0],
    "export_delivery_value": PALETTE[4],
    "revenue": PALETTE[3],
    "total_profit": PALETTE[1],
    "fixed_asset_investment": PALETTE[5],
    "industry_value_added": PALETTE[2],
    "industry_export_delivery_value": PALETTE[2],
    "industry_fixed_asset_investment": PALETTE[2],
    "high_tech_value_added": PALETTE[1],
    "high_tech_fixed_asset_investment": PALETTE[1],
    "manufacturing_fixed_asset_investment": PALETTE[3],
}
#: The line name (a catalogue key under ``growth.``) of a comparison code.
_COMPARISON_NAMES: dict[str, str] = {
    "industry_value_added": "industry",
    "industry_export_delivery_value": "industry",
    "industry_fixed_asset_investment": "industry",
    "high_tech_value_added": "high_tech",
    "high_tech_fixed_asset_investment": "high_tech",
    "manufacturing_fixed_asset_investment": "manufacturing",
}


def growth_codes(indicator: str) -> tuple[str, ...]:
    """Every line code of the growth chart: electronics first, then the comparisons."""
    return (*TOGETHER.get(indicator, (indicator,)), *COMPARISONS.get(indicator, ()))


def line_name(code: str, indicator: str, lang: str) -> str:
    """A line's legend name: the comparison industry; the indicator when revenue and profit
    share the chart; else the industry itself."""
    if code in _COMPARISON_NAMES:
        return t(f"growth.{_COMPARISON_NAMES[code]}", lang)
    if len(TOGETHER.get(indicator, (indicator,))) > 1:
        return t(f"growth.{code}", lang)
    return t("electronics", lang)


def growth_title(indicator: str, basis: str, lang: str) -> str:
    """``增加值累计同比增速（%）``: the growth chart's title."""
    name = t("growth." + ("revenue_and_profit" if indicator in TOGETHER else indicator), lang)
    return with_unit(
        t("growth.growth_title", lang, name=name, basis=basis_text(basis, lang)), "%", lang
    )


def growth_figure(
    frames: Mapping[str, pd.DataFrame],
    indicator: str,
    basis: str,
    lang: str,
    span: Sequence[str] = (),
) -> Figure:
    """The growth of ``indicator`` (and of its partner, for revenue and profit) with the
    comparison industries beside it; ``frames`` maps each code of ``growth_codes`` to its
    yoy_pct series on ``basis`` (a code missing or empty draws no line)."""
    lines = [
        Line(line_name(code, indicator, lang), frames[code], "%", COLORS.get(code))
        for code in growth_codes(indicator)
        if code in frames and not frames[code].empty
    ]
    title = growth_title(indicator, basis, lang)
    return finish(time_series(lines, title, "%", lang, span))


def years_figure(
    frame: pd.DataFrame, years: Sequence[int], indicator: str, basis: str, lang: str
) -> Figure:
    """``year_overlay`` of the indicator's growth, titled."""
    title = t(
        "growth.years_title",
        lang,
        name=t(f"growth.{indicator}", lang),
        basis=basis_text(basis, lang),
    )
    return year_overlay(frame, years, with_unit(title, "%", lang), "%", lang)


def month_figure(frames: Mapping[str, pd.DataFrame], lang: str, span: Sequence[str] = ()) -> Figure:
    """Single-month growth of each indicator that has any (``frames``: code -> its
    yoy_pct series on basis month), over ``span`` too."""
    lines = [
        Line(t(f"growth.{code}", lang), frames[code], "%", COLORS.get(code))
        for code in INDICATORS
        if code in frames and not frames[code].empty
    ]
    title = with_unit(t("growth.month_title", lang), "%", lang)
    return finish(time_series(lines, title, "%", lang, span))


def margin_figure(frame: pd.DataFrame, lang: str, span: Sequence[str] = ()) -> Figure:
    """The profit margin on operating revenue, year to date (%), as the bulletins print it
    (``frame``: the ``profit_margin`` level series on basis ytd); earlier periods recovered
    from a printed change are open markers."""
    # a year-to-date ratio starts again each January: one line a year, never joined across
    lines = (
        [Line(t("electronics", lang), frame, "%", COLORS["total_profit"], per_year=True)]
        if len(frame)
        else []
    )
    title = with_unit(t("growth.margin_title", lang), "%", lang)
    return finish(time_series(lines, title, "%", lang, span))
