"""The year overlay: one line per year over the months 1..12, to compare years at a glance.

In: a series frame (period YYYY-MM, value, derived, bulletin, text, as ``data.series`` gives
it), the years to draw, the title and the unit of the values. Out: a plain dict figure whose x
axis is the categories ``1月``..``12月`` / ``Jan``..``Dec``; a month without a figure is
``None`` (a gap, never interpolated), spanned by a thin dotted line of the year's colour
whose hover names the missing months (January, which no bulletin reports alone, is no
gap). Each point's customdata is [figure text, bulletin key, period, …].
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from itertools import pairwise
from typing import Any

import pandas as pd

from dashboard.figures.base import (
    PALETTE,
    Figure,
    base_layout,
    figure_of,
    rows_by_period,
    source_key,
)
from dashboard.figures.curves import gap_text, gap_traces, missing_months
from dashboard.figures.look import finish, no_data
from dashboard.figures.memo import memo
from dashboard.figures.rows import data_meta
from dashboard.i18n import lang_of, t

#: English month names on the overlay's axis (``calendar.month_abbr`` follows the locale).
MONTH_ABBREVIATIONS: tuple[str, ...] = (
    "Jan",
    "Feb",
    "Mar",
    "Apr",
    "May",
    "Jun",
    "Jul",
    "Aug",
    "Sep",
    "Oct",
    "Nov",
    "Dec",
)


def month_labels(lang: str) -> list[str]:
    """The x categories of a year overlay: ``1月``..``12月`` / ``Jan``..``Dec``."""
    return [
        t("overlay_month", lang, month=month, abbreviation=abbreviation)
        for month, abbreviation in enumerate(MONTH_ABBREVIATIONS, start=1)
    ]


#: The loader's note of where a recovered figure comes from, ``（据 2023-11 公报 943ef881a598）``:
#: the hover names that bulletin by its title already, never by its key.
_SOURCE_NOTE = re.compile(r"（据[^）]*公报\s*[0-9a-f]{6,}）")


def _point_hover(row: Mapping[str, Any], unit: str, lang: str) -> str:
    """A point's hover: period, the figure (printed as printed, derived at its precision,
    ``figure_text``), printed or derived, its bulletin's title (and, in Chinese, the
    sentence a derived value was worked out from)."""
    derived = bool(row["derived"])
    kind = t("derived", lang) if derived else t("reported", lang)
    kind = f" ({kind})" if lang_of(lang) == "en" else f"（{kind}）"
    lines = [
        f"{row['period']}: {figure_of(row, unit, lang)}{kind}",
        str(row.get("source_en" if lang_of(lang) == "en" else "source") or "")
        or t("bulletin", lang),
    ]
    formula = _SOURCE_NOTE.sub("", str(row.get("text") or ""))
    if derived and formula and lang_of(lang) == "zh":
        lines.append(t("growth.derived_from", lang) + formula)
    return "<br>".join(lines)


def _best_by_period(frame: pd.DataFrame) -> dict[str, dict[str, Any]]:
    """Period -> its row, a printed one before a derived one, none without a value."""

    def with_values(rows: dict[str, dict[str, Any]]) -> dict[str, dict[str, Any]]:
        return {period: row for period, row in rows.items() if not pd.isna(row["value"])}

    split = rows_by_period(frame)
    return {**with_values(split[True]), **with_values(split[False])}


def _gap_traces(
    values: Sequence[float | None],
    year: int,
    labels: Sequence[str],
    color: str,
    name: str,
    lang: str,
) -> list[dict[str, Any]]:
    """The year's dotted lines across its missing months (January never counts: no bulletin
    reports it alone) and an invisible hover point in each gap naming them."""
    seen = [(month, value) for month, value in enumerate(values, start=1) if value is not None]
    xs: list[str | None] = []
    ys: list[float | None] = []
    hover_x: list[str] = []
    hover_y: list[float] = []
    hover_text: list[list[str]] = []
    for (before, low), (after, high) in pairwise(seen):
        missing = missing_months(f"{year:04d}-{before:02d}", f"{year:04d}-{after:02d}")
        if not missing:
            continue
        xs += [labels[before - 1], labels[after - 1], None]
        ys += [low, high, None]
        middle = (before + after) // 2
        hover_x.append(labels[middle - 1])
        hover_y.append(low + (middle - before) / (after - before) * (high - low))
        hover_text.append([gap_text(missing, lang), "", missing[0]])
    if not xs:
        return []
    return gap_traces(xs, ys, hover_x, hover_y, hover_text, name, color)


def year_overlay(
    frame: pd.DataFrame, years: Sequence[int], title: str, unit: str, lang: str
) -> Figure:
    """One line per year over the months 1..12 (a category axis ``1月``..``12月`` /
    ``Jan``..``Dec``), ``None`` where no figure was printed: a gap, never interpolated.
    ``frame`` is a series (period, value, derived, bulletin, text); a printed figure wins
    over a derived one of the same month. A derived point gets an open marker and says so
    in its hover, and its year's name says the line holds derived values. Each point's
    customdata is [figure text, bulletin key, period, reported/derived, bulletin title,
    hover text] (``meta`` gives the unit: a download reads the points); the latest year
    is red."""
    labels = month_labels(lang)
    best = memo(frame, "best_by_period", _best_by_period)
    ordered = sorted(set(years))
    traces = []
    for index, year in enumerate(ordered):
        ys: list[float | None] = []
        custom: list[list[str]] = []
        symbols: list[str] = []
        any_derived = False
        for month in range(1, 13):
            period = f"{year:04d}-{month:02d}"
            found = best.get(period)
            if found is None:
                ys.append(None)
                custom.append(["", "", period])
                symbols.append("circle")
                continue
            any_derived = any_derived or found["derived"]
            ys.append(float(found["value"]))
            custom.append(
                [
                    figure_of(found, unit, lang),
                    source_key(found.get("bulletin")),
                    period,
                    t("derived" if found["derived"] else "reported", lang),
                    str(found.get("source_en" if lang_of(lang) == "en" else "source") or ""),
                    _point_hover(found, unit, lang),
                ]
            )
            symbols.append("circle-open" if found["derived"] else "circle")
        color = PALETTE[(len(ordered) - 1 - index) % len(PALETTE)]
        name = t("growth.year_name", lang, year=year) + (
            t("growth.with_derived", lang) if any_derived else ""
        )
        traces.append(
            {
                "type": "scatter",
                "x": labels,
                "y": ys,
                "customdata": custom,
                "name": name,
                "legendgroup": name,
                "mode": "lines+markers",
                "connectgaps": False,
                "line": {"color": color, "width": 2},
                "marker": {"symbol": symbols, "size": 7, "color": color},
                "hovertemplate": "%{customdata[5]}<extra>%{fullData.name}</extra>",
                "meta": data_meta(unit),
            }
        )
        traces += _gap_traces(ys, year, labels, color, name, lang)
    figure = finish(
        {"data": traces, "layout": base_layout(title, unit, lang)},
        xaxis={
            "type": "category",
            "categoryorder": "array",
            "categoryarray": labels,
            "tickangle": None,  # plotly's "auto": level when they fit, turned on a narrow chart
            "tickmode": "array",
            "tickvals": labels,
            "title": {"text": t("growth.month_axis", lang)},
        },
    )
    return no_data(figure, lang)
