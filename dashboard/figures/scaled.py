"""A level chart's y axis in the unit its labels use: the values stay as stored (a click
looks the value up in its bulletin, a download gives the drawn values), the ticks are placed
at round numbers of the chart's scale (``dashboard.i18n.numbers.chart_scale``: 万亿元 /
``¥ trillion``, 亿台 / ``billion units``) and labelled in it.

    level_ticks(values, factor)                    -> (tick positions, tick labels)
    label_axis(figure, factor, axis_unit, ticks)   the figure's y axis read in axis_unit

Figures are the plain dicts of ``dashboard.figures.base``.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

import pandas as pd

Figure = dict[str, Any]


def _tick_text(value: float) -> str:
    """A tick's label: thousands separated, no trailing zeros (``1.25``, ``12,000``)."""
    text = f"{value:,.6f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def level_ticks(
    values: Sequence[float | None], factor: float, count: int = 5
) -> tuple[list[float], list[str]]:
    """About ``count`` round ticks over the values as the axis reads them (value ×
    ``factor``): (positions in the values' own unit, their labels in the axis unit)."""
    shown = [v * factor for v in values if v is not None and not pd.isna(v)]
    if not shown:
        return [], []
    low, high = min(shown), max(shown)
    raw = (high - low) / count or abs(high) / count or 1.0
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw * 0.999)
    first, last = math.floor(low / step), math.ceil(high / step)
    ticks = [round(k * step, 10) for k in range(first, last + 1)]
    return [round(tick / factor, 6) for tick in ticks], [_tick_text(tick) for tick in ticks]


def label_axis(
    figure: Figure,
    factor: float,
    axis_unit: str,
    ticks: tuple[list[float], list[str]] | None = None,
) -> Figure:
    """``figure``'s y axis read in ``axis_unit``: ticks at round numbers of that unit
    (value × ``factor``; ``ticks`` when already computed from the same values), titled with
    it. The points keep their exact values — a click opens the sentence of that value, and
    the hover says it with its unit."""
    yaxis = figure["layout"].setdefault("yaxis", {})
    yaxis["title"] = {"text": axis_unit}
    if factor != 1.0 and figure["data"]:
        values = [v for trace in figure["data"] for v in trace.get("y") or ()]
        tickvals, ticktext = ticks if ticks is not None else level_ticks(values, factor)
        yaxis.update(tickmode="array", tickvals=tickvals, ticktext=ticktext)
    else:
        yaxis["tickformat"] = ",~r"
    return figure
