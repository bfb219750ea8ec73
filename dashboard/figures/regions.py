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
Every bar's customdata is [figure text, bulletin key, period, reported/derived, bulletin
title, whole hover], like the time series' points (the figure as printed, or derived at
its precision: ``dashboard.i18n.numbers.figure_text``; the bulletin by its title, never
its sha256), so a click opens the bulletin it came from (``dashboard.clicks``). Levels read
in one scale per chart: axis, title and bar labels alike (万亿元 or 亿元).
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
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
from dashboard.figures.look import LEGEND_BELOW, with_unit
from dashboard.figures.rows import data_meta
from dashboard.figures.scaled import label_axis
from dashboard.i18n import figure_text, lang_of, period_label, region_name, t, unit_name
from dashboard.i18n.numbers import Scale, chart_scale, scaled_number
from dashboard.views.regions import (
    REGIONS,
    SHARE_DECIMALS,
    Point,
    Share,
    computed_text,
    point_of,
    points,
    series,
)
from loaders.catalog import CLUSTERS, FOUR_REGIONS

DERIVED_PATTERN = "/"
#: The four regions' colours over time (east, central, west, northeast) and the clusters'.
FOUR_COLORS = (PALETTE[0], PALETTE[1], PALETTE[2], PALETTE[3])
CLUSTER_COLORS = (PALETTE[4], PALETTE[5])
#: A bar chart as plotly reads it: {"data": [traces], "layout": {...}}.
Figure = dict[str, Any]


def _hover(
    region: str,
    figure: str,
    kind: str,
    period: str,
    source: str,
    lang: str,
    extra: str = "",
) -> str:
    """A bar's hover: the region, its figure and whether printed, the period, the
    bulletin's title (never its sha256) and a note (how a share was computed)."""
    lines = [
        f"<b>{region_name(region, lang)}</b>",
        f"{figure}{' (' + kind + ')' if lang_of(lang) == 'en' else '（' + kind + '）'}",
        f"{t('period', lang)}: {period_label(period, lang)} ({period})",
    ]
    if source:
        lines.append(source)
    if extra:
        lines.append(extra)
    return "<br>".join(lines)


def _custom(
    point: Point, unit: str, derived: bool, period: str, lang: str, scale: Scale | None = None
) -> list[str]:
    """A bar's customdata, as a time series point's: [figure text, bulletin key, period,
    reported/derived, bulletin title], then the whole hover. The figure text is printed
    as printed, a derived one at its precision (``figure_text``)."""
    figure = figure_text(
        float(point.value or 0),
        unit,
        lang,
        printed=point.printed,
        derived=derived,
        decimals=point.decimals,
        scale=scale,
        marked=False,
    )
    kind = t("derived", lang) if derived else t("reported", lang)
    source = point.source_en if lang_of(lang) == "en" else point.source
    hover = _hover(point.region, figure, kind, period, source, lang, point.note)
    return [figure, source_key(point.bulletin), period, kind, source, hover]


def _bar(
    found: Sequence[Point],
    name: str,
    color: str,
    unit: str,
    period: str,
    lang: str,
    *,
    derived: bool = False,
    scale: Scale | None = None,
) -> Figure:
    """One bar trace of the regions with a figure (the others get no bar: see
    ``_bar_figure``); derived bars hatched, lighter and labelled. Labels read in
    ``scale``, the unit of the chart's axis (levels); hovers give printed figures as
    printed."""
    shown = [p for p in found if p.value is not None]
    derived_each = [derived or p.derived for p in shown]
    texts = [
        # on a level chart the axis says the unit: a bar says its digits (the hover says all)
        scaled_number(float(p.value or 0), unit, scale, p.decimals)
        if scale is not None
        # a derived bar is hatched and the legend says so: its label need not (the hover does)
        else figure_text(float(p.value or 0), unit, lang, p.printed, d, p.decimals, marked=False)
        for p, d in zip(shown, derived_each, strict=True)
    ]
    custom = [_custom(p, unit, d, period, lang) for p, d in zip(shown, derived_each, strict=True)]
    return {
        "type": "bar",
        "x": [region_name(p.region, lang) for p in shown],
        "y": [p.value for p in shown],
        "name": name,
        "text": texts,
        "textposition": "outside",
        "cliponaxis": False,
        "customdata": custom,
        "hovertemplate": "%{customdata[5]}<extra></extra>",
        "marker": bar_marker(color, derived_each),
        "meta": data_meta(unit),  # the chart's download reads its bars
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
    title: str,
    unit: str,
    lang: str,
    traces: Sequence[Figure],
    categories: Sequence[str],
    scale: Scale | None = None,
) -> Figure:
    """Bars grouped by region, every region of ``categories`` on the axis: one without any
    figure says so at the baseline (a gap, never a zero bar); traces without bars are left
    out, so the bars that are drawn stay centred. A level's axis reads in ``scale``, the
    unit its bar labels use."""
    kept = [trace for trace in traces if trace["x"]]
    drawn = {x for trace in kept for x in trace["x"]}
    missing = [c for c in categories if c not in drawn]
    layout: dict[str, Any] = {
        **base_layout(title, unit, lang),
        "hovermode": "closest",
        "barmode": "group",
        "xaxis": {
            "type": "category",
            # no tickangle: level when they fit, else upright (turned 30° a long name would
            # run off a narrow chart)
            "autotickangles": [0, 90],
            "automargin": True,  # no axis title: the labels are the regions' names
            "categoryorder": "array",
            "categoryarray": list(categories),
        },
        "legend": dict(LEGEND_BELOW),
    }
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
    figure = {"data": data, "layout": layout}
    if scale is not None:
        return label_axis(figure, scale.factor, scale.label)
    return figure


def _title(key: str, unit: str, period: str, lang: str, scale: Scale | None = None) -> str:
    unit_text = scale.label if scale is not None else unit_name(unit, lang).strip()
    if lang == "en":
        return f"{t(f'regions.{key}', lang)} ({unit_text}), {period_label(period, lang)}"
    return f"{t(f'regions.{key}', lang)}（{unit_text}）· {period_label(period, lang)}"


def _regions_and_clusters(
    frame: pd.DataFrame, period: str, measure: str, key: str, unit: str, lang: str
) -> Figure:
    """One measure of the four regions, and of the two clusters as a second bar group; a
    level's axis, title and labels in one scale (万亿元 or 亿元 by the largest bar)."""
    groups = [
        (points(frame, period, measure, group), t(f"regions.{name}", lang), color)
        for group, name, color in (
            (FOUR_REGIONS, "four_regions", PALETTE[1]),
            (CLUSTERS, "clusters", PALETTE[3]),
        )
    ]
    scale = chart_scale(unit, [p.value for found, _, _ in groups for p in found], lang)
    return _bar_figure(
        _title(key, unit, period, lang, scale),
        unit,
        lang,
        [
            _bar(found, name, color, unit, period, lang, scale=scale)
            for found, name, color in groups
        ],
        [region_name(region, lang) for region in REGIONS],
        scale,
    )


def growth_figure(frame: pd.DataFrame, period: str, lang: str) -> Figure:
    """Revenue growth y/y of the four regions, and of the two clusters beside them."""
    return _regions_and_clusters(frame, period, "yoy_pct", "growth", "%", lang)


def levels_figure(frame: pd.DataFrame, period: str, lang: str) -> Figure:
    """Revenue of the four regions and of the two clusters, in 亿元."""
    return _regions_and_clusters(frame, period, "level", "levels", "亿元", lang)


def shares_figure(
    shares: Sequence[Share],
    period: str,
    lang: str,
    names: Mapping[str, tuple[str, str]] | None = None,
) -> Figure:
    """Printed shares; beside them the computed ones where they differ or none is printed.
    ``names``: sha256 -> (the bulletin's title, its English name), for the hovers."""
    names = names or {}
    printed = [
        Point(
            s.region,
            s.printed,
            False,
            s.printed_bulletin,
            ""
            if s.computed is None or s.differs
            else f"{t('regions.computed_short', lang)} {computed_text(s.computed, lang)}: "
            f"{t('regions.within_rounding', lang)}",
            printed=s.printed_text,
            source=names.get(s.printed_bulletin, ("", ""))[0],
            source_en=names.get(s.printed_bulletin, ("", ""))[1],
        )
        for s in shares
    ]
    computed = [
        Point(
            s.region,
            s.computed if s.draw_computed else None,
            True,
            s.computed_bulletin,
            s.formula,
            decimals=SHARE_DECIMALS,
            source=names.get(s.computed_bulletin, ("", ""))[0],
            source_en=names.get(s.computed_bulletin, ("", ""))[1],
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
    layout["legend"] = dict(LEGEND_BELOW)
    layout["margin"] = {**layout["margin"], "b": 20}
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
                    _custom(point_of(region, row), "%", d, p, lang)
                    for p, row, d in zip(periods, rows, derived, strict=True)
                ],
                "hovertemplate": "%{customdata[5]}<extra></extra>",
                "marker": bar_marker(color, derived),
                "meta": data_meta("%"),  # the chart's download reads its bars
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
        # no title: the labels are periods; automargin keeps them clear of the legend below
        xaxis={"type": "category", "tickangle": -45, "automargin": True},
        # the printed shares may add up to a little over 100 %: the axis keeps every bar whole
        yaxis={**layout["yaxis"], "range": [0, _stack_top(traces)], "ticksuffix": "%"},
        height=420,
        legend=dict(LEGEND_BELOW),
        margin={**layout["margin"], "b": 20},
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
    layout["legend"] = dict(LEGEND_BELOW)
    layout["margin"] = {**layout["margin"], "b": 20}
    layout["height"] = 460
    return figure
