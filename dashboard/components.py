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
    year_options(available, lang)  the years of a year overlay as dropdown options
    years_control(id, available, years, lang, width)
                                   the labelled multi-select of those years
    chart_page(title, intro, controls, charts)
                                   a page of charts: heading, note, controls row, chart grid

Figures are plain dicts (``dashboard.figures``); labels are already translated texts.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from dash import dcc, html

from dashboard import ids, routes
from dashboard.figures.base import Figure, graph_config
from dashboard.figures.look import CHART_HEIGHT
from dashboard.i18n import basis_name, dropdown_labels, t
from dashboard.views.query import BASES
from dashboard.views.view_range import END, START, bounds_of, with_bounds

#: Two charts side by side where the screen is wide enough, one under the other else.
GRID_STYLE: dict[str, str] = {
    "display": "grid",
    "gridTemplateColumns": "repeat(auto-fit, minmax(min(100%, 520px), 1fr))",
    "gap": "0 1em",
}


def chart_id(name: str, page: str) -> dict[str, str]:
    """The pattern-matching id of a chart (``dashboard.clicks`` opens its sources)."""
    return {"type": ids.CHART, "page": page, "name": name}


#: The actions under every chart (``dashboard/assets/chart_actions.js`` does them): two
#: downloads by URL, then buttons for the images, the link, the citation and the table.
ACTIONS: tuple[str, ...] = ("csv", "xlsx", "png", "svg", "link", "cite", "table")
#: The words the actions' panel shows, handed to the script in the page's language.
_PANEL_WORDS: tuple[str, ...] = (
    "link_label",
    "embed_label",
    "cite_label",
    "copy",
    "copied",
    "copy_failed",
    "close",
    "loading",
    "load_failed",
    "rows",
    "embed_source",
)


def chart_download_url(page: str, name: str, fmt: str) -> str:
    """A chart's own download without its query (the script adds the page's):
    ``/chart/growth/growth.csv``."""
    return f"{routes.CHARTS}{page}/{name}.{fmt}"


def _action(action: str, page: str, name: str, lang: str) -> Any:
    common: dict[str, Any] = {
        "className": "chart-action",
        "title": t(f"chart.{action}_tip", lang),
        "data-action": action,
    }
    if action in ("csv", "xlsx"):
        return html.A(
            t(f"chart.{action}", lang),
            href=chart_download_url(page, name, action),
            download=f"eim-{page}-{name}.{action}",
            **common,
        )
    return html.Button(t(f"chart.{action}", lang), type="button", **common)


def chart_actions(page: str, name: str, lang: str) -> html.Div:
    """The row of actions under chart ``name`` of ``page``, in ``lang``, and the panel
    (hidden) where the link, the citation or the table opens."""
    words = {f"data-{key.replace('_', '-')}": t(f"chart.{key}", lang) for key in _PANEL_WORDS}
    # data-* and aria-* are wildcard properties, outside the components' typed signatures
    row_attributes: Any = {"aria-label": t("chart.actions", lang)}
    box_attributes: Any = {"data-page": page, "data-chart": name, "data-lang": lang, **words}
    return html.Div(
        [
            html.Div(
                [_action(action, page, name, lang) for action in ACTIONS],
                className="chart-action-row",
                role="toolbar",
                **row_attributes,
            ),
            html.Div(className="chart-panel", hidden=True),
        ],
        className="chart-actions",
        **box_attributes,
    )


def graph(
    name: str,
    figure: Figure,
    page: str,
    lang: str,
    wide: bool = False,
    config: Mapping[str, Any] | None = None,
) -> html.Div:
    """A chart in its ``chart`` box, its toolbar in ``lang`` (``config`` changes it), its
    actions under it; ``wide`` spans both columns of the grid. The box is as high as the
    figure's layout says (``CHART_HEIGHT`` when it does not)."""
    height = figure.get("layout", {}).get("height") or CHART_HEIGHT
    shown: Any = {**graph_config(lang), **(config or {})}
    return html.Div(
        [
            dcc.Graph(
                id=chart_id(name, page),
                figure=figure,
                config=shown,
                style={"height": f"{height}px"},
            ),
            chart_actions(page, name, lang),
        ],
        className="chart",
        style={"gridColumn": "1 / -1"} if wide else {},
    )


def embedded(name: str, figure: Figure, page: str, lang: str, full_view: str) -> html.Div:
    """Chart ``name`` alone, as another site frames it (``?embed=1&chart=<name>``): the
    chart, its actions and a line naming the source that opens ``full_view``, the page's
    own address, in a new tab."""
    return html.Div(
        [
            graph(name, figure, page, lang),
            html.A(
                t("chart.embed_source", lang),
                href=full_view,
                target="_blank",
                rel="noopener",
                className="embed-source",
            ),
        ],
        className="embedded-chart",
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


def year_options(available: Sequence[int], lang: str) -> list[dict[str, Any]]:
    """The overlay's years as dropdown options, latest first."""
    return [{"label": t("growth.year_name", lang, year=y), "value": y} for y in reversed(available)]


def years_control(
    component_id: str, available: Sequence[int], years: Sequence[int], lang: str, width: str
) -> html.Label:
    """The years of a year overlay: a labelled multi-select of ``available`` (latest first),
    ``years`` chosen; ``width`` a CSS minimum width (``18em``)."""
    return control(
        t("years", lang),
        dcc.Dropdown(
            id=component_id,
            options=year_options(available, lang),
            value=list(years),
            multi=True,
            labels=dropdown_labels(lang),
            style={"minWidth": width},
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


@dataclass(frozen=True)
class ChartQuery:
    """What a chart page's query says about how its charts are shown, beside what they
    draw: the months shown (``start``/``end``: ``bounds``, or None for all) and, for an
    embed (``?embed=1&chart=<name>``), the one chart shown alone (``embed``, else "").
    ``full_view`` is the page's address without the embed keys."""

    bounds: tuple[str, str] | None
    embed: str
    full_view: str

    def zoomed(self, figures: Mapping[str, Figure]) -> dict[str, Figure]:
        """The figures, those on a date axis showing ``bounds`` (copies)."""
        return {name: with_bounds(figure, self.bounds) for name, figure in figures.items()}

    def embedded(self, page: str, lang: str, figures: Mapping[str, Figure]) -> html.Div | None:
        """The embedded chart when the query asks for one of ``figures``, else None."""
        if self.embed not in figures:
            return None
        return embedded(self.embed, figures[self.embed], page, lang, self.full_view)


#: The query keys of an embed: ``embed=1`` and the chart shown.
EMBED_KEYS: tuple[str, ...] = ("embed", "chart")


def chart_query(path: str, query: Mapping[str, object]) -> ChartQuery:
    """Read a chart page's query (the layout's keyword arguments) at ``path``."""
    embed = query.get("chart") if query.get("embed") == "1" else ""
    kept = {
        key: value
        for key, value in query.items()
        if key not in EMBED_KEYS and isinstance(value, str) and value
    }
    return ChartQuery(
        bounds_of(query.get(START), query.get(END)),
        embed if isinstance(embed, str) else "",
        f"{path}?{urlencode(kept)}" if kept else path,
    )
