"""The Regions page's figures: bar charts of one period's growth, levels and shares of the
four regions (east, central, west, northeast) and the two clusters (Beijing-Tianjin-Hebei,
Yangtze River Delta), and each region's share over the months. No Dash import here.

Shapes: the page's rows (``dashboard.views.regions.regional``: tidy observations, columns
period YYYY-MM, region, measure, derived, value, bulletin, printed, text) or its
``Share`` records in, plain dict figures out (``{"data": [...], "layout": {...}}``; the
time series from ``dashboard.figures.base``). The bulletins print regional figures for
the year to date only (1—M月), so every figure here is cumulative.

    growth            revenue growth y/y (%): the four regions, and the two clusters as a
                      second bar group
    shares            share of the national revenue (%): the printed share, and beside it
                      the share computed from the levels (100 × region / national revenue,
                      derived, hatched) wherever the two differ by more than the printed
                      figures' rounding or no share was printed
    levels            revenue by region (亿元)
    shares_stacked    the four regions' shares as one 100 % stacked bar per period that has
                      all four (derived shares hatched)
    growth_over_time  each region's and cluster's growth over the months, as curves
    shares_over_time  each region's share over the months, as curves (derived points open,
                      gaps dotted)
Every bar's customdata is [hover text, bulletin key, period], like the time series'
points, so a click opens the bulletin it came from (``dashboard.clicks``).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

import pandas as pd

from dashboard.figures.base import (
    PALETTE,
    Line,
    base_layout,
    no_data_note,
    source_key,
    time_series,
)
from dashboard.figures.look import with_unit
from dashboard.i18n import marked_derived, period_label, region_name, t, unit_name, value_text
from dashboard.views.regions import REGIONS, Point, Share, points, series
from loaders.catalog import CLUSTERS, FOUR_REGIONS

DERIVED_PATTERN = "/"
#: The four regions' colours over time (east, central, west, northeast) and the clusters'.
FOUR_COLORS = (PALETTE[0], PALETTE[1], PALETTE[2], PALETTE[3])
CLUSTER_COLORS = (PALETTE[4], PALETTE[5])
#: A bar chart as plotly reads it: {"data": [traces], "layout": {...}}.
Figure = dict[str, Any]


def _hover(
    region: str,
    value: float | None,
    unit: str,
    derived: bool,
    period: str,
    bulletin: str,
    lang: str,
    extra: str = "",
) -> str:
    if value is None:
        return ""
    kind = t("derived", lang) if derived else t("reported", lang)
    lines = [
        f"<b>{region_name(region, lang)}</b>",
        f"{value_text(value, unit, lang)} ({kind})",
        f"{t('period', lang)}: {period_label(period, lang)} ({period})",
        f"{t('bulletin', lang)} {bulletin[:12]}",
    ]
    if extra:
        lines.append(extra)
    return "<br>".join(lines)


def _bar(
    found: Sequence[Point],
    name: str,
    color: str,
    unit: str,
    period: str,
    lang: str,
    *,
    derived: bool = False,
) -> Figure:
    """One bar trace of the regions with a figure (the others get no bar: see
    ``_bar_figure``); derived bars hatched, lighter and labelled."""
    shown = [p for p in found if p.value is not None]
    derived_each = [derived or p.derived for p in shown]
    texts = [
        marked_derived(value_text(float(p.value or 0), unit, lang), lang)
        if d
        else value_text(float(p.value or 0), unit, lang)
        for p, d in zip(shown, derived_each, strict=True)
    ]
    custom = [
        [
            _hover(p.region, p.value, unit, d, period, p.bulletin, lang, p.note),
            source_key(p.bulletin),
            period,
        ]
        for p, d in zip(shown, derived_each, strict=True)
    ]
    return {
        "type": "bar",
        "x": [region_name(p.region, lang) for p in shown],
        "y": [p.value for p in shown],
        "name": name,
        "text": texts,
        "textposition": "outside",
        "cliponaxis": False,
        "customdata": custom,
        "hovertemplate": "%{customdata[0]}<extra></extra>",
        "marker": bar_marker(color, derived_each),
    }


def bar_marker(color: str, derived: Sequence[bool]) -> dict[str, Any]:
    """Bars of one colour, the derived ones hatched and lighter."""
    return {
        "color": color,
        "opacity": [0.55 if d else 1.0 for d in derived],
        "pattern": {"shape": [DERIVED_PATTERN if d else "" for d in derived]},
        "line": {"color": color, "width": 1},
    }


def _bar_figure(
    title: str, unit: str, lang: str, traces: Sequence[Figure], categories: Sequence[str]
) -> Figure:
    """Bars grouped by region, every region of ``categories`` on the axis: one without any
    figure says so at the baseline (a gap, never a zero bar); traces without bars are left
    out, so the bars that are drawn stay centred."""
    kept = [trace for trace in traces if trace["x"]]
    drawn = {x for trace in kept for x in trace["x"]}
    missing = [c for c in categories if c not in drawn]
    layout: dict[str, Any] = {
        **base_layout(title, unit, lang),
        "hovermode": "closest",
        "barmode": "group",
        "xaxis": {
            "type": "category",
            "tickangle": 0,
            "title": {"text": t("region", lang)},
            "categoryorder": "array",
            "categoryarray": list(categories),
        },
        "legend": {"orientation": "h", "y": -0.2},
    }
    if unit != "%":
        layout["yaxis"] = {**layout["yaxis"], "tickformat": ",~r"}  # 40,000, not 40k
    data = list(kept)
    if missing:
        data.append(
            {
                "type": "scatter",
                "x": missing,
                "y": [0] * len(missing),
                "mode": "text",
                "text": [t("no_data", lang)] * len(missing),
                "textposition": "top center",
                "textfont": {"color": "#999"},
                "hoverinfo": "skip",
                "showlegend": False,
            }
        )
    return {"data": data, "layout": layout}


def _title(key: str, unit: str, period: str, lang: str) -> str:
    unit_text = unit_name(unit, lang).strip()
    if lang == "en":
        return f"{t(f'regions.{key}', lang)} ({unit_text}), {period_label(period, lang)}"
    return f"{t(f'regions.{key}', lang)}（{unit_text}）· {period_label(period, lang)}"


def _regions_and_clusters(
    frame: pd.DataFrame, period: str, measure: str, key: str, unit: str, lang: str
) -> Figure:
    """One measure of the four regions, and of the two clusters as a second bar group."""
    return _bar_figure(
        _title(key, unit, period, lang),
        unit,
        lang,
        [
            _bar(
                points(frame, period, measure, group),
                t(f"regions.{name}", lang),
                color,
                unit,
                period,
                lang,
            )
            for group, name, color in (
                (FOUR_REGIONS, "four_regions", PALETTE[1]),
                (CLUSTERS, "clusters", PALETTE[3]),
            )
        ],
        [region_name(region, lang) for region in REGIONS],
    )


def growth_figure(frame: pd.DataFrame, period: str, lang: str) -> Figure:
    """Revenue growth y/y of the four regions, and of the two clusters beside them."""
    return _regions_and_clusters(frame, period, "yoy_pct", "growth", "%", lang)


def levels_figure(frame: pd.DataFrame, period: str, lang: str) -> Figure:
    """Revenue of the four regions and of the two clusters, in 亿元."""
    return _regions_and_clusters(frame, period, "level", "levels", "亿元", lang)


def shares_figure(shares: Sequence[Share], period: str, lang: str) -> Figure:
    """Printed shares; beside them the computed ones where they differ or none is printed."""
    printed = [
        Point(
            s.region,
            s.printed,
            False,
            s.printed_bulletin,
            ""
            if s.computed is None or s.differs
            else f"{t('regions.computed_short', lang)} {value_text(s.computed, '%', lang)}: "
            f"{t('regions.within_rounding', lang)}",
        )
        for s in shares
    ]
    computed = [
        Point(
            s.region, s.computed if s.draw_computed else None, True, s.computed_bulletin, s.formula
        )
        for s in shares
    ]
    return _bar_figure(
        _title("shares", "%", period, lang),
        "%",
        lang,
        [
            _bar(printed, t("regions.printed_share", lang), PALETTE[0], "%", period, lang),
            _bar(
                computed,
                t("regions.computed_share", lang),
                PALETTE[2],
                "%",
                period,
                lang,
                derived=True,
            ),
        ],
        [region_name(s.region, lang) for s in shares],
    )


def shares_over_time_figure(frame: pd.DataFrame, lang: str) -> Any:
    """Each region's share of the national revenue, month by month (gaps where none)."""
    lines = [
        Line(
            region_name(region, lang),
            series(frame, region, "share_pct"),
            "%",
            PALETTE[index % len(PALETTE)],
        )
        for index, region in enumerate(REGIONS)
        if not series(frame, region, "share_pct").empty
    ]
    figure = time_series(lines, _titled("shares_over_time", "%", lang), "%", lang)
    layout = figure["layout"]
    layout["xaxis"] = {**layout["xaxis"], "title": {"text": t("period", lang)}}
    layout["legend"] = {**layout["legend"], "y": -0.45}  # below the month labels and title
    layout["margin"] = {**layout["margin"], "b": 130}
    layout["height"] = 520
    return figure


def _titled(key: str, unit: str, lang: str) -> str:
    """The title ``regions.<key>`` with its unit, as the other pages write it."""
    return with_unit(t(f"regions.{key}", lang), unit, lang)


def shares_stacked_figure(frame: pd.DataFrame, lang: str) -> Figure:
    """The four regions' shares of national revenue as one 100 % stacked bar per period
    that has all four (printed bars solid, derived ones hatched and lighter); a period
    missing a region is left out rather than stacked short."""
    four = {region: series(frame, region, "share_pct") for region in FOUR_REGIONS}
    by_region = {
        region: {
            str(row["period"]): row
            for row in rows.sort_values("derived", ascending=False).to_dict("records")
        }
        for region, rows in four.items()
    }
    periods = sorted(set.intersection(*(set(rows) for rows in by_region.values())))
    traces: list[Figure] = []
    for index, region in enumerate(FOUR_REGIONS):
        rows = [by_region[region][p] for p in periods]
        derived = [bool(row["derived"]) for row in rows]
        color = FOUR_COLORS[index]
        traces.append(
            {
                "type": "bar",
                "x": list(periods),
                "y": [float(row["value"]) for row in rows],
                "name": region_name(region, lang),
                "customdata": [
                    [
                        _hover(
                            region,
                            float(row["value"]),
                            "%",
                            d,
                            p,
                            str(row["bulletin"]),
                            lang,
                        ),
                        source_key(row["bulletin"]),
                        p,
                    ]
                    for p, row, d in zip(periods, rows, derived, strict=True)
                ],
                "hovertemplate": "%{customdata[0]}<extra></extra>",
                "marker": bar_marker(color, derived),
            }
        )
    if any(any(trace["marker"]["pattern"]["shape"]) for trace in traces):
        traces.append(  # a legend key: what the hatching means
            {
                "type": "bar",
                "x": [None],
                "y": [None],
                "name": t("regions.computed_share", lang),
                "marker": bar_marker("#999999", [True]),
                "hoverinfo": "skip",
            }
        )
    layout = base_layout(_titled("shares_stacked", "%", lang), "%", lang)
    layout.update(
        barmode="stack",
        hovermode="closest",
        xaxis={"type": "category", "title": {"text": t("period", lang)}, "tickangle": -45},
        # the printed shares may add up to a little over 100 %: the axis keeps every bar whole
        yaxis={**layout["yaxis"], "range": [0, _stack_top(traces)], "ticksuffix": "%"},
        height=420,
        legend={"orientation": "h", "y": -0.35},
        margin={**layout["margin"], "b": 110},
    )
    if not traces or not periods:
        layout["annotations"] = [no_data_note(lang)]
        traces = []
    return {"data": traces, "layout": layout}


def _stack_top(traces: Sequence[Figure]) -> float:
    """The top of the stacked bars' axis: 100, or the highest stack rounded up."""
    stacked = [trace["y"] for trace in traces if trace["y"] != [None]]
    totals = [sum(values) for values in zip(*stacked, strict=True)]
    return float(max([100.0, *(math.ceil(total) for total in totals)]))


def growth_over_time_figure(frame: pd.DataFrame, lang: str) -> Figure:
    """Each region's revenue growth year on year (year to date) over the months, the four
    regions and, beside them, the two clusters, as curves (gaps dotted, derived points
    open)."""
    colors = (*FOUR_COLORS, *CLUSTER_COLORS)
    lines = [
        Line(region_name(region, lang), series(frame, region, "yoy_pct"), "%", colors[index])
        for index, region in enumerate(REGIONS)
        if not series(frame, region, "yoy_pct").empty
    ]
    figure = time_series(lines, _titled("growth_over_time", "%", lang), "%", lang)
    layout = figure["layout"]
    layout["xaxis"] = {**layout["xaxis"], "title": {"text": t("period", lang)}}
    layout["legend"] = {**layout["legend"], "y": -0.3}
    layout["margin"] = {**layout["margin"], "b": 110}
    layout["height"] = 460
    return figure
