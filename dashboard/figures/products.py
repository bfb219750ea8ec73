"""The Products and trade page's figures: output and customs trade of phones, computers and
chips.

    level_figure    the level: printed solid; single months the bulletins do not print
                    (derived as the difference of two cumulative figures) dotted with open
                    markers and named as derived. The axis reads in the unit a reader expects
                    (亿台 / 万台, billion / million units); the points keep the exact stored
                    values (a click looks the value up in its bulletin) and the hover gives
                    each with its unit.
    growth_figure   growth year on year (%), printed only

In: a series frame (period YYYY-MM, value, unit — 万台, 万块, 万个, 万只, % … —, derived,
bulletin, text, as ``data.series`` gives it) and the product's catalog code. Out: plain dict
figures. Missing months are gaps.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import pandas as pd

from dashboard.figures.base import PALETTE, Figure, Line, time_series
from dashboard.figures.look import basis_text, finish, with_unit
from dashboard.figures.memo import column, memo
from dashboard.i18n import LEVEL_UNITS, basis_name, indicator_name, lang_of, t, unit_name
from loaders.catalog import INDICATORS

#: Count units: how many things one unit is, and the thing in Chinese and in English.
COUNT_UNITS: dict[str, tuple[float, str, str]] = {
    unit: scale for unit, scale in LEVEL_UNITS.items() if unit != "亿元"
}
#: The scales an axis may read in: (size, prefix), largest first.
_ZH_AXIS: tuple[tuple[float, str], ...] = ((1e8, "亿"), (1e4, "万"))
_EN_AXIS: tuple[tuple[float, str], ...] = (
    (1e9, "billion "),
    (1e6, "million "),
    (1e3, "thousand "),
    (1, ""),
)


def level_axis(unit: str, values: Sequence[float | None], lang: str) -> tuple[float, str]:
    """How a level axis reads: (factor to multiply the values by, axis unit). Counts are
    shown in the largest scale the biggest value reaches: ``157000 万台`` on an axis of
    ``亿台`` (×0.0001) / ``billion units``; other units are kept as they are."""
    if unit not in COUNT_UNITS:
        return 1.0, unit_name(unit, lang).strip()
    size, zh_noun, en_noun = COUNT_UNITS[unit]
    largest = max((abs(v) * size for v in values if v is not None and not pd.isna(v)), default=0.0)
    scales = _EN_AXIS if lang_of(lang) == "en" else _ZH_AXIS
    for threshold, prefix in scales:
        if largest >= threshold or threshold == scales[-1][0]:
            noun = en_noun if lang_of(lang) == "en" else zh_noun
            return size / threshold, f"{prefix}{noun}"
    raise AssertionError("unreachable: the last scale always matches")  # pragma: no cover


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


def _level_axis_of(
    frame: pd.DataFrame, product: str, lang: str
) -> tuple[str, float, str, tuple[list[float], list[str]]]:
    """(unit, factor, axis unit, ticks) of a product's level series, from all its values."""
    units = [u for u in column(frame, "unit") if isinstance(u, str) and u]
    unit = units[0] if units else INDICATORS[product].level_unit
    values = column(frame, "value")
    factor, axis_unit = level_axis(unit, values, lang)
    return unit, factor, axis_unit, level_ticks(values, factor)


def level_figure(
    frame: pd.DataFrame, product: str, basis: str, lang: str, span: Sequence[str] = ()
) -> Figure:
    """The product's level on ``basis`` as a curve (derived points open, dotted across
    missing months; a year-to-date level one line a year)."""
    unit, factor, axis_unit, ticks = memo(
        frame, f"level_axis:{product}:{lang}", lambda rows: _level_axis_of(rows, product, lang)
    )
    title = t(
        "products.level_title",
        lang,
        name=indicator_name(product, lang),
        basis=basis_text(basis, lang),
        unit=axis_unit,
    )
    # a year-to-date level restarts each January: one line a year, never joined across one
    lines = (
        [Line(basis_name(basis, lang), frame, unit, PALETTE[0], per_year=basis == "ytd")]
        if not frame.empty
        else []
    )
    figure = time_series(lines, title, unit, lang, span)
    return label_axis(finish(figure), factor, axis_unit, ticks)


def growth_figure(
    frame: pd.DataFrame, product: str, basis: str, lang: str, span: Sequence[str] = ()
) -> Figure:
    """The product's growth year on year on ``basis`` (%)."""
    title = with_unit(
        t(
            "products.growth_title",
            lang,
            name=indicator_name(product, lang),
            basis=basis_text(basis, lang),
        ),
        "%",
        lang,
    )
    lines = (
        [Line(t("products.growth_line", lang), frame, "%", PALETTE[1])] if not frame.empty else []
    )
    return finish(time_series(lines, title, "%", lang, span))
