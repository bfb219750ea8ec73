"""Clicking a data point in any chart opens the bulletin it came from, at its sentence.

One pattern-matching callback listens to every graph whose id is
``{"type": ids.CHART, "page": …, "name": …}``. A point's ``customdata`` is
[hover text, bulletin key] (``dashboard.figures.base.source_key``: the first 16 hex digits of
its sha256), optionally with its period third
(bars, whose x is a region, not a period) and its value fourth (the coverage map's squares,
whose y is a series' name). The click sends the shell's URL to

    /bulletins?bulletin=<key>&period=<YYYY-MM>&value=<y>&lang=<current>

where the Bulletins page marks the sentences whose facts have that period and value
(``value`` holds every clicked point of that bulletin, comma-separated, when a unified
hover clicks several lines at once). A point without a bulletin (a bar with no customdata,
a malformed payload from a hand-made request) changes nothing.

Import this module once, after the pages (``dashboard.app``), so the callback is registered.
"""

from __future__ import annotations

import math
import re
from typing import Any
from urllib.parse import urlencode

import dash
from dash import ALL, Input, Output, State, callback
from dash.exceptions import MissingCallbackContextException

from dashboard import ids, routes
from dashboard.i18n import lang_of
from dashboard.shell import lang_of_search
from loaders.schema import is_period

BULLETINS_PATH = routes.BULLETINS
#: A bulletin's sha256, or the prefix of it a chart point carries (``figures.source_key``).
SHA256 = re.compile(r"^[0-9a-f]{16,64}$")
#: At most this many clicked points are read (a hand-made request may send thousands).
MAX_POINTS = 20

NoUpdate = tuple[Any, Any]


def _number(value: object) -> str:
    """A clicked y as the URL carries it (``-2.7``, ``66.66666667``), or "" if not one."""
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        return ""
    return f"{float(value):.10g}"


def _source(point: object) -> tuple[str, str, str] | None:
    """(sha256, period, value) of one clicked point, or None when it names no bulletin."""
    if not isinstance(point, dict):
        return None
    custom = point.get("customdata")
    if not isinstance(custom, list | tuple) or len(custom) < 2:
        return None
    sha = custom[1]
    if not isinstance(sha, str) or not SHA256.match(sha):
        return None
    period = next(
        (c for c in (custom[2] if len(custom) > 2 else None, point.get("x")) if is_period(c)),
        "",
    )
    # a square of the coverage map carries its value fourth: its y is the series' name
    value = _number(custom[3]) if len(custom) > 3 else ""
    return sha, period, value or _number(point.get("y"))


def source_location(click_data: object, lang: str) -> tuple[str, str] | None:
    """(pathname, search) of the sentence a click points at, or None when it points at no
    bulletin. The first point that names a bulletin decides; the values of the other
    points of the same bulletin and period are passed along."""
    points = click_data.get("points") if isinstance(click_data, dict) else None
    if not isinstance(points, list):
        return None
    sources = [s for s in map(_source, points[:MAX_POINTS]) if s is not None]
    if not sources:
        return None
    sha, period, _ = sources[0]
    values = [v for s, p, v in sources if s == sha and p == period and v]
    query = {
        "bulletin": sha,
        "period": period,
        "value": ",".join(dict.fromkeys(values)),
        "lang": lang_of(lang),
    }
    return BULLETINS_PATH, "?" + urlencode({k: v for k, v in query.items() if v})


def _clicked(click_data: list[Any]) -> object:
    """The clickData of the chart that was clicked: the triggering one inside a callback;
    called directly (tests), the only one given."""
    try:
        triggered = dash.ctx.triggered
    except MissingCallbackContextException:
        given = [c for c in click_data if c]
        return given[0] if len(given) == 1 else None
    for item in triggered:
        if str(item.get("prop_id", "")).endswith(".clickData") and item.get("value"):
            return item["value"]
    return None


@callback(
    Output(ids.URL, "pathname", allow_duplicate=True),
    Output(ids.URL, "search", allow_duplicate=True),
    Input({"type": ids.CHART, "page": ALL, "name": ALL}, "clickData"),
    State(ids.URL, "search"),
    prevent_initial_call=True,
)
def open_source(click_data: list[Any], search: str | None) -> NoUpdate:
    """Any chart's point clicked -> the Bulletins page at the sentence it came from."""
    if not isinstance(click_data, list):
        return dash.no_update, dash.no_update
    lang = lang_of_search(search)
    location = source_location(_clicked(click_data), lang)
    if location is None:
        return dash.no_update, dash.no_update
    return location
