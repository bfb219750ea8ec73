"""The floor of the performance benchmark: the least a Dash app with one chart can cost.

A bare Dash app with Dash's defaults (no compression, the full plotly.js), one dropdown and
one ``dcc.Graph`` whose callback returns a one-trace figure as a plain dict. The benchmark
(``benchmarks/bench_dashboard.py``) serves it with the same gunicorn command line as the real
app (``gunicorn benchmarks.floor_app:server …``) and reports the real app's figures as
ratios of this one's, measured in the same run on the same machine.

Ids: ``choice`` (the dropdown, options a..e), ``chart`` (the graph).
"""

from __future__ import annotations

from typing import Any

import dash
from dash import Input, Output, dcc, html

CHOICES = ("a", "b", "c", "d", "e")
#: Twelve monthly points: about the size of one series of a year in the real app.
MONTHS = [f"2024-{month:02d}" for month in range(1, 13)]


def figure(choice: str) -> dict[str, Any]:
    """A one-trace line figure whose values depend on ``choice``."""
    offset = CHOICES.index(choice) if choice in CHOICES else 0
    return {
        "data": [
            {
                "type": "scatter",
                "mode": "lines+markers",
                "x": MONTHS,
                "y": [float(offset + month % 5) for month in range(12)],
                "name": choice,
            }
        ],
        "layout": {"title": {"text": f"Series {choice}"}, "height": 380},
    }


app = dash.Dash(__name__, title="Floor")
app.layout = html.Div(
    [
        dcc.Dropdown(id="choice", options=list(CHOICES), value=CHOICES[0], clearable=False),
        dcc.Graph(id="chart", figure=figure(CHOICES[0])),
    ]
)


@app.callback(Output("chart", "figure"), Input("choice", "value"))
def update(choice: str) -> dict[str, Any]:
    return figure(choice)


server = app.server
