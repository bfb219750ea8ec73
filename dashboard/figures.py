"""Pure figure builders: DataFrames in, plotly figures out. No Dash import here.

Shapes: a ``Line`` is one series — a DataFrame with columns period (YYYY-MM), value,
derived (bool), bulletin (sha256), text — plus its name and unit. Builders return
``go.Figure`` with:
- missing months as gaps (the x axis is every month of the span, values None where a
  bulletin printed nothing), never interpolated;
- derived points on their own trace, dotted with open markers, named as derived;
- hover text with the exact value and its unit, the period and the source bulletin;
  each point's ``customdata`` is [hover text, bulletin sha256], so a click can open the
  sentence the figure came from (the Bulletins page);
- titles and axes that carry the unit, in the page's language.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go

from dashboard.i18n import marked_derived, t, unit_name, value_text
from loaders.periods import Month

PALETTE = ("#c0392b", "#2c7fb8", "#7f7f7f", "#e6a117", "#41ab5d", "#8c6bb1", "#d95f0e")
FONT = "Noto Sans CJK SC, Microsoft YaHei, PingFang SC, Helvetica, Arial, sans-serif"


@dataclass(frozen=True)
class Line:
    """One series to draw: ``frame`` (period, value, derived, bulletin, text), its name."""

    name: str
    frame: pd.DataFrame
    unit: str
    color: str | None = None


def month_span(periods: Sequence[str]) -> list[str]:
    """Every month from the first to the last period given, as YYYY-MM."""
    if not periods:
        return []
    first, last = Month.parse(min(periods)), Month.parse(max(periods))
    months, current = [], first
    while current <= last:
        months.append(str(current))
        current = current.shifted(1)
    return months


def _on_span(frame: pd.DataFrame, span: list[str], derived: bool) -> pd.DataFrame:
    rows = frame[frame["derived"] == derived].set_index("period")
    return rows.reindex(span)


def _hover(row: pd.Series, unit: str, lang: str) -> str:
    if pd.isna(row["value"]):
        return ""
    kind = t("derived", lang) if row.get("derived") is True else t("reported", lang)
    source = str(row.get("bulletin") or "")[:12]
    return (
        f"{value_text(float(row['value']), unit, lang)} ({kind})<br>{t('bulletin', lang)} {source}"
    )


def base_layout(title: str, unit: str, lang: str) -> dict[str, object]:
    """The layout every chart shares: title, unit on the y axis, monthly x axis."""
    return {
        "title": {"text": title, "x": 0.01, "font": {"size": 16}},
        "font": {"family": FONT, "size": 12},
        "margin": {"l": 60, "r": 20, "t": 50, "b": 50},
        "hovermode": "x unified",
        "legend": {"orientation": "h", "y": -0.15},
        "yaxis": {
            "title": {"text": unit_name(unit, lang)},
            "zeroline": True,
            "zerolinecolor": "#999",
        },
        "xaxis": {"type": "category", "tickangle": -45, "nticks": 18},
        "plot_bgcolor": "white",
        "paper_bgcolor": "white",
    }


def time_series(lines: Sequence[Line], title: str, unit: str, lang: str) -> go.Figure:
    """Lines over months: reported solid, derived dotted; gaps where nothing was printed."""
    periods = [p for line in lines for p in line.frame["period"].tolist()]
    span = month_span(periods)
    figure = go.Figure(layout=base_layout(title, unit, lang))
    for index, line in enumerate(lines):
        color = line.color or PALETTE[index % len(PALETTE)]
        for derived in (False, True):
            points = _on_span(line.frame, span, derived)
            if points["value"].isna().all():
                continue
            custom = [
                [_hover(row, line.unit, lang), str(row.get("bulletin") or "")]
                for _, row in points.iterrows()
            ]
            figure.add_trace(
                go.Scatter(
                    x=span,
                    y=[None if pd.isna(v) else float(v) for v in points["value"]],
                    customdata=custom,
                    name=marked_derived(line.name, lang) if derived else line.name,
                    mode="lines+markers",
                    connectgaps=False,
                    line={"color": color, "dash": "dot" if derived else "solid", "width": 2},
                    marker={"symbol": "circle-open" if derived else "circle", "size": 6},
                    hovertemplate="%{customdata[0]}<extra>%{fullData.name}</extra>",
                )
            )
    if not figure.data:
        figure.add_annotation(
            text=t("no_data", lang), showarrow=False, x=0.5, y=0.5, xref="paper", yref="paper"
        )
    return figure


def bars(
    categories: Sequence[str],
    values: Sequence[float],
    unit: str,
    title: str,
    lang: str,
    colors: Sequence[str] | None = None,
) -> go.Figure:
    """One bar per category, each labelled with its value and unit."""
    figure = go.Figure(layout=base_layout(title, unit, lang))
    figure.update_layout(xaxis={"type": "category", "tickangle": 0}, hovermode="closest")
    figure.add_trace(
        go.Bar(
            x=list(categories),
            y=list(values),
            text=[value_text(v, unit, lang) for v in values],
            textposition="outside",
            marker={"color": list(colors) if colors else PALETTE[1]},
            hovertemplate="%{x}: %{text}<extra></extra>",
        )
    )
    return figure


def sparkline(frame: pd.DataFrame) -> go.Figure:
    """A small trend line without axes, for a headline card."""
    figure = go.Figure(
        go.Scatter(
            x=frame["period"].tolist(),
            y=frame["value"].tolist(),
            mode="lines",
            line={"color": PALETTE[0], "width": 2},
            hoverinfo="skip",
            connectgaps=False,
        )
    )
    figure.update_layout(
        margin={"l": 0, "r": 0, "t": 0, "b": 0},
        height=50,
        showlegend=False,
        xaxis={"visible": False, "type": "category"},
        yaxis={"visible": False},
        plot_bgcolor="white",
        paper_bgcolor="white",
    )
    return figure


GRAPH_CONFIG: dict[str, object] = {
    "displaylogo": False,
    "toImageButtonOptions": {"format": "png", "scale": 2},
    "modeBarButtonsToRemove": ["lasso2d", "select2d"],
}
