"""The look the Growth and Products charts share, and their titles.

    finish(figure, **changes)     the charts' height, light grid lines, the legend clear of
                                  the slanted period labels; ``changes`` merged into the layout
    no_data(figure, lang)         a "no data" note on a figure none of whose traces has a value
    with_unit(title, unit, lang)  ``增速（%）`` / ``Growth (%)``
    basis_text(basis, lang)       ``累计`` / ``year to date``, as it reads inside a title
    span_of(frames)               (first period, last period) of series frames (YYYY-MM), so
                                  that charts drawn side by side share their months

Figures are the plain dicts of ``dashboard.figures.base`` (``{"data": […], "layout": {…}}``),
changed in place and returned; frames are series (a ``period`` column, YYYY-MM).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

import pandas as pd

from dashboard.figures.base import Figure, no_data_note, period_bounds
from dashboard.i18n import basis_name, lang_of, unit_name

#: Height of every chart of the Growth and Products pages, in pixels.
CHART_HEIGHT = 380
#: Grid lines: light, so the derived dotted lines stay readable.
GRID_COLOR = "#ececec"
#: The legend in rows at the foot of the chart, whatever its width: plotly keeps the plot,
#: its tick labels and the axis title above it (a legend placed in the plot's own units
#: would run into tick labels that a narrow chart turns or a phone's legend rows).
LEGEND_BELOW: dict[str, Any] = {
    "orientation": "h",
    "x": 0,
    "xanchor": "left",
    "yref": "container",
    "y": 0,
    "yanchor": "bottom",
}


def with_unit(title: str, unit: str, lang: str) -> str:
    """``增速（%）`` / ``Growth (%)``: a title carrying its unit."""
    shown = unit_name(unit, lang).strip()
    return f"{title} ({shown})" if lang_of(lang) == "en" else f"{title}（{shown}）"


def basis_text(basis: str, lang: str) -> str:
    """``累计`` / ``year to date`` (lower case inside an English title)."""
    name = basis_name(basis, lang)
    return name.lower() if lang_of(lang) == "en" else name


def _merge(target: dict[str, Any], changes: Mapping[str, Any]) -> None:
    """Update nested dicts in place (``{"xaxis": {"title": …}}`` keeps the other keys)."""
    for key, value in changes.items():
        if isinstance(value, Mapping) and isinstance(target.get(key), dict):
            _merge(target[key], value)
        else:
            target[key] = value


def finish(figure: Figure, **changes: Any) -> Figure:
    """The pages' look on a chart (a ``figures`` builder's dict, changed in place): its
    height, light grid lines, the legend clear of the slanted period labels; ``changes``
    are merged into the layout last."""
    layout = figure.setdefault("layout", {})
    _merge(
        layout,
        {
            "height": CHART_HEIGHT,
            "margin": {"l": 60, "r": 20, "t": 50, "b": 20},
            "legend": dict(LEGEND_BELOW),
            "xaxis": {"gridcolor": GRID_COLOR, "automargin": True},
            "yaxis": {"gridcolor": GRID_COLOR, "automargin": True},
            "hoverlabel": {"align": "left"},
        },
    )
    _merge(layout, changes)
    return figure


def no_data(figure: Figure, lang: str) -> Figure:
    """``figure`` with a "no data" note when none of its traces has a value."""
    if not any(y is not None for trace in figure["data"] for y in trace.get("y") or ()):
        figure["layout"].setdefault("annotations", []).append(no_data_note(lang))
    return figure


def span_of(frames: Iterable[pd.DataFrame]) -> tuple[str, ...]:
    """The first and last period of all ``frames`` (none when they are all empty): charts
    drawn side by side over this span share their months."""
    bounds = [period for frame in frames for period in period_bounds(frame)]
    return (min(bounds), max(bounds)) if bounds else ()
