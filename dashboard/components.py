"""Layout widgets the pages share (Dash components; no data reading, no figure building).

The Growth and Products pages are built from these today; the other chart pages are meant to
use them too rather than keep their own copies, so keep them page-neutral: a page passes its
name and its labels in.

    chart_id(name, page)           the pattern-matching id of a chart,
                                   ``{"type": ids.CHART, "page": page, "name": name}``
                                   (``dashboard.clicks`` opens the source of a point clicked)
    graph(name, figure, page)      a chart in its ``chart`` box, ``CHART_HEIGHT`` pixels high
    GRID_STYLE                     two charts side by side where the screen is wide enough
    control(label, component)      a labelled control of the page's controls row
    menu_control(label, id, options, value, width)
                                   a labelled single-choice dropdown
    basis_control(id, basis, lang) the cumulative / single-month radio buttons
    chart_page(title, intro, controls, charts)
                                   a page of charts: heading, note, controls row, chart grid

Figures are plain dicts (``dashboard.figures``); labels are already translated texts.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from dash import dcc, html

from dashboard import ids
from dashboard.figures.base import Figure, graph_config
from dashboard.figures.look import CHART_HEIGHT
from dashboard.i18n import basis_name, t
from dashboard.views.query import BASES

#: Two charts side by side where the screen is wide enough, one under the other else.
GRID_STYLE: dict[str, str] = {
    "display": "grid",
    "gridTemplateColumns": "repeat(auto-fit, minmax(min(100%, 520px), 1fr))",
    "gap": "0 1em",
}


def chart_id(name: str, page: str) -> dict[str, str]:
    """The pattern-matching id of a chart (``dashboard.clicks`` opens its sources)."""
    return {"type": ids.CHART, "page": page, "name": name}


def graph(name: str, figure: Figure, page: str, lang: str, wide: bool = False) -> html.Div:
    """A chart in its ``chart`` box, its toolbar in ``lang``; ``wide`` spans both columns of
    the grid."""
    config: Any = graph_config(lang)
    return html.Div(
        dcc.Graph(
            id=chart_id(name, page),
            figure=figure,
            config=config,
            style={"height": f"{CHART_HEIGHT}px"},
        ),
        className="chart",
        style={"gridColumn": "1 / -1"} if wide else {},
    )


def control(label: str, component: Any) -> html.Label:
    """``component`` under its ``label``, one control of the controls row."""
    return html.Label(
        [label, component], style={"display": "flex", "flexDirection": "column", "gap": "0.2em"}
    )


def menu_control(
    label: str, component_id: str, options: Mapping[str, str], value: str, width: str
) -> html.Label:
    """A labelled dropdown of one choice, never empty: ``options`` maps each value to its
    label, in the order offered; ``width`` is a CSS width (``16em``)."""
    return control(
        label,
        dcc.Dropdown(
            id=component_id,
            options=[{"label": text, "value": code} for code, text in options.items()],
            value=value,
            clearable=False,
            style={"width": width},
        ),
    )


def basis_control(component_id: str, basis: str, lang: str) -> html.Label:
    """The basis radio buttons (``BASES``: cumulative, single month), ``basis`` chosen."""
    return control(
        t("basis", lang),
        dcc.RadioItems(
            id=component_id,
            options=[{"label": basis_name(b, lang), "value": b} for b in BASES],
            value=basis,
            inline=True,
            inputStyle={"marginRight": "0.3em"},
            labelStyle={"marginRight": "1em"},
        ),
    )


def chart_page(
    title: str, intro: str, controls: Sequence[Any], charts: Sequence[html.Div]
) -> html.Div:
    """A page of charts: its heading, the note under it, the ``controls`` in a row and the
    ``charts`` (``graph`` boxes) in ``GRID_STYLE``."""
    return html.Div(
        [
            html.H2(title),
            html.P(intro, className="note"),
            html.Div(list(controls), className="controls"),
            html.Div(list(charts), style=GRID_STYLE),
        ]
    )
