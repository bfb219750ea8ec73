"""The coverage heat map: series down, months across, a square per month coloured by what
is known of it (printed, derived, conflict, missing).

In: ``dashboard.views.coverage.Cell`` rows and the series' names in the page's language.
Out: a plain dict figure of square markers (one trace per state, so the legend explains the
colours), on a date x axis and a category y axis (the first series on top). A printed or
derived square's customdata is [hover text, bulletin key, period, value], as a chart
point's (with the value, since y is the series' name), so a click opens the sentence of
that figure (``dashboard.clicks``); a missing one names no bulletin.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, Final

from dashboard.figures.base import FONT, Figure, source_key
from dashboard.figures.curves import date_axis
from dashboard.i18n import t, value_text
from dashboard.views.coverage import Cell

#: The states in legend order, with the square's symbol and colour.
STYLES: Final[tuple[tuple[str, str, str], ...]] = (
    ("printed", "square", "#2c7fb8"),
    ("derived", "square-open", "#2c7fb8"),
    ("conflict", "x", "#d95f0e"),
    ("missing", "square", "#e6e6e6"),
)
#: Pixels per series row.
ROW_HEIGHT = 18


def coverage_figure(
    cells: Sequence[Cell], names: Mapping[tuple[str, str, str, str], str], lang: str
) -> Figure:
    """The heat map of ``cells``; ``names`` gives each series' row label, in row order."""
    labels = list(names.values())
    traces: list[dict[str, Any]] = []
    for state, symbol, color in STYLES:
        shown = [cell for cell in cells if cell.state == state]
        if not shown:
            continue
        traces.append(
            {
                "type": "scatter",
                "mode": "markers",
                "name": t(f"data.coverage_{state}", lang),
                "x": [cell.period for cell in shown],
                "y": [names[cell.series] for cell in shown],
                "customdata": [_custom(cell, names[cell.series], lang) for cell in shown],
                "hovertemplate": "%{customdata[0]}<extra></extra>",
                "marker": {
                    "symbol": symbol,
                    "size": 9,
                    "color": color,
                    "line": {"width": 1.5 if state == "derived" else 0, "color": color},
                },
            }
        )
    months = sorted({cell.period for cell in cells})
    axis = date_axis(months)
    axis.update(side="top", showgrid=False)
    layout = {
        "title": {"text": t("data.coverage_title", lang), "x": 0.01, "font": {"size": 16}},
        "font": {"family": FONT, "size": 11},
        "height": 140 + ROW_HEIGHT * len(labels),
        "margin": {"l": 10, "r": 10, "t": 90, "b": 40},
        "hovermode": "closest",
        "showlegend": True,
        "legend": {"orientation": "h", "x": 0, "y": -0.02, "yanchor": "top"},
        "xaxis": axis,
        "yaxis": {
            "type": "category",
            "categoryorder": "array",
            "categoryarray": list(reversed(labels)),
            "automargin": True,
            "showgrid": False,
        },
        "plot_bgcolor": "white",
        "paper_bgcolor": "white",
    }
    return {"data": traces, "layout": layout}


def _custom(cell: Cell, name: str, lang: str) -> list[Any]:
    if cell.value is None:
        return [f"{name}<br>{cell.period}: {t(f'data.coverage_{cell.state}', lang)}", "", "", ""]
    kind = t("derived", lang) if cell.state == "derived" else t("reported", lang)
    hover = f"{name}<br>{cell.period}: {value_text(cell.value, cell.unit, lang)} ({kind})"
    return [hover, source_key(cell.bulletin), cell.period, cell.value]
