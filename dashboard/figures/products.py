"""The Products and trade page's figures: output and customs trade of phones, computers and
chips.

    level_figure    the level: printed solid; single months the bulletins do not print
                    (derived as the difference of two cumulative figures) dotted with open
                    markers and named as derived. The axis reads in the unit a reader expects
                    (亿台 / 万台, billion / million units); the points keep the exact stored
                    values (a click looks the value up in its bulletin) and the hover gives
                    each with its unit.
    growth_figure   growth year on year (%), printed only
    levels_figure, growths_figure
                    several products in one chart (``frames``: product -> its series, in
                    the order chosen): growth on one axis; levels on one axis per unit
                    (``dashboard.figures.compare``)

In: a series frame (period YYYY-MM, value, unit — 万台, 万块, 万个, 万只, % … —, derived,
bulletin, text, as ``data.series`` gives it) and the product's catalog code. Out: plain dict
figures. Missing months are gaps.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import pandas as pd

from dashboard.figures.base import PALETTE, Figure, Line, time_series
from dashboard.figures.compare import compare_figure
from dashboard.figures.look import basis_text, finish, with_unit
from dashboard.figures.memo import column, memo
from dashboard.figures.scaled import label_axis, level_ticks
from dashboard.i18n import basis_name, indicator_name, t, unit_name
from dashboard.i18n.numbers import chart_scale
from loaders.catalog import INDICATORS


def level_axis(unit: str, values: Sequence[float | None], lang: str) -> tuple[float, str]:
    """How a level axis reads: (factor to multiply the values by, axis unit), the scale of
    ``dashboard.i18n.numbers.chart_scale``: ``157000 万台`` on an axis of ``亿台`` (×0.0001)
    / ``billion units``; other units are kept as they are."""
    scale = chart_scale(unit, values, lang)
    if scale is None:
        return 1.0, unit_name(unit, lang).strip()
    return scale.factor, scale.label


def _unit_of(frame: pd.DataFrame, product: str) -> str:
    """The unit of a product's series (its catalog unit when the frame is empty)."""
    units = [u for u in column(frame, "unit") if isinstance(u, str) and u]
    return units[0] if units else INDICATORS[product].level_unit


def _level_axis_of(
    frame: pd.DataFrame, product: str, lang: str
) -> tuple[str, float, str, tuple[list[float], list[str]]]:
    """(unit, factor, axis unit, ticks) of a product's level series, from all its values."""
    unit = _unit_of(frame, product)
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


def growths_figure(
    frames: Mapping[str, pd.DataFrame], basis: str, lang: str, span: Sequence[str] = ()
) -> Figure:
    """Growth year on year (%) of every product of ``frames`` in one chart, one colour
    each (one product: ``growth_figure``)."""
    if len(frames) == 1:
        ((product, frame),) = frames.items()
        return growth_figure(frame, product, basis, lang, span)
    lines = [
        Line(indicator_name(product, lang), frame, "%", PALETTE[index % len(PALETTE)])
        for index, (product, frame) in enumerate(frames.items())
        if not frame.empty
    ]
    title = with_unit(t("products.growths_title", lang, basis=basis_text(basis, lang)), "%", lang)
    return finish(time_series(lines, title, "%", lang, span))


def levels_figure(
    frames: Mapping[str, pd.DataFrame], basis: str, lang: str, span: Sequence[str] = ()
) -> Figure:
    """The levels of every product of ``frames`` in one chart (``compare_figure``: the
    first product's unit on the left axis, a second unit on the right, a third named in a
    note; one product: ``level_figure``). The points keep their exact stored values."""
    if len(frames) == 1:
        ((product, frame),) = frames.items()
        return level_figure(frame, product, basis, lang, span)
    lines = [
        Line(
            indicator_name(product, lang),
            frame,
            _unit_of(frame, product),
            PALETTE[index % len(PALETTE)],
            per_year=basis == "ytd",  # a year-to-date level restarts each January
        )
        for index, (product, frame) in enumerate(frames.items())
    ]
    title = t("products.levels_title", lang, basis=basis_text(basis, lang))
    return compare_figure(lines, title, lang, span)
