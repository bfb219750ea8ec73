"""Several series in one chart, whatever their units: the Products page's levels and the
chart builder (``dashboard.pages.explore``).

    label_axis_in_scale(layout, axis, unit, values, lang)
        a y axis read in the scale its values reach (``157000 万台`` on an axis of 亿台)
    compare_figure(lines, title, lang, span)
        one curve per ``Line`` (``dashboard.figures.base``), the first line's unit on the
        left axis, a second unit on the right (each axis read in the scale its values reach,
        the points keeping their stored values), a line in a third unit left out and named
        in a note above the plot

Figures are the plain dicts of ``dashboard.figures.base``; ``span`` is the (first, last)
period the chart covers at least (charts side by side share it).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from dashboard.figures.base import Figure, Line, time_series
from dashboard.figures.look import finish
from dashboard.figures.memo import column
from dashboard.figures.scaled import level_ticks
from dashboard.i18n import t, unit_name
from dashboard.i18n.numbers import chart_scale

#: The axes a chart has: left, then right.
AXES: tuple[str, ...] = ("yaxis", "yaxis2")


def _axes_of(lines: Sequence[Line]) -> tuple[list[tuple[Line, int]], list[str], list[str]]:
    """(each line drawn with its axis index, the axes' units, the names of lines left out)."""
    units: list[str] = []
    drawn: list[tuple[Line, int]] = []
    left_out: list[str] = []
    for line in lines:
        if line.unit not in units and len(units) == len(AXES):
            left_out.append(line.name)
            continue
        if line.unit not in units:
            units.append(line.unit)
        drawn.append((line, units.index(line.unit)))
    return drawn, units, left_out


def label_axis_in_scale(
    layout: dict[str, Any], name: str, unit: str, values: Sequence[Any], lang: str
) -> None:
    """Axis ``name`` of a layout read in the scale of ``values`` (in ``unit``: ``亿台`` for
    counts in 万台 that reach 10⁸), ticks placed at its round numbers, titled with it."""
    axis = layout.setdefault(name, {})
    scale = chart_scale(unit, values, lang)
    if scale is None or scale.factor == 1.0 or not values:
        axis["title"] = {"text": scale.label if scale else unit_name(unit, lang).strip()}
        axis["tickmode"] = "auto"  # a right axis would else follow the left one's grid
        if scale is not None:
            axis["tickformat"] = ",~r"  # a level: digits grouped, no trailing zeros
        return
    tickvals, ticktext = level_ticks(list(values), scale.factor)
    axis.update(title={"text": scale.label}, tickmode="array", tickvals=tickvals, ticktext=ticktext)


def left_out_note(names: Sequence[str], lang: str) -> dict[str, Any]:
    """The note naming the lines a chart could not draw (a third unit)."""
    return {
        "text": t("chart.left_out", lang, names=t("chart.list_separator", lang).join(names)),
        "showarrow": False,
        "x": 0,
        "y": 1.0,
        "xref": "paper",
        "yref": "paper",
        "xanchor": "left",
        "yanchor": "bottom",
        "font": {"size": 11, "color": "#8b1a1a"},
    }


def compare_figure(
    lines: Sequence[Line], title: str, lang: str, span: Sequence[str] = ()
) -> Figure:
    """``lines`` in one chart, on one axis per unit (at most two; see the module doc)."""
    drawn, units, left_out = _axes_of([line for line in lines if len(line.frame)])
    figure = time_series([line for line, _ in drawn], title, units[0] if units else "%", lang, span)
    right = {line.name for line, axis in drawn if axis == 1}
    figure["data"] = [
        {**trace, "yaxis": "y2"} if trace.get("name") in right else trace
        for trace in figure["data"]
    ]
    finish(figure)
    layout = figure["layout"]
    for index, unit in enumerate(units):
        values = [v for line, axis in drawn if axis == index for v in column(line.frame, "value")]
        label_axis_in_scale(layout, AXES[index], unit, values, lang)
    if len(units) == len(AXES):
        layout["yaxis2"].update(overlaying="y", side="right", showgrid=False, automargin=True)
        layout["margin"] = {**layout.get("margin", {}), "r": 60}
    if left_out:
        layout.setdefault("annotations", []).append(left_out_note(left_out, lang))
    return figure
