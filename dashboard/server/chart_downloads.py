"""Each chart's own data, by URL: ``/chart/<page>/<chart>.<format>?<the page's query>``.

    csv    the points the chart draws for that query (its range included), one row each:
           series, period, value, unit, the figure as printed, reported or derived, the
           bulletin's title and its address when known; UTF-8 with BOM, headers in the page's
           language (``lang``), an attachment named ``eim-<page>-<chart>.csv``
    xlsx   the same rows as one sheet, header row frozen
    json   ``{"title", "columns", "rows", "citation"}``: the table view and the citation
           of the chart (``dashboard/assets/chart_actions.js``); the citation's ``{url}`` is
           the page's address, filled in by the browser

The query is the page's (``indicator``, ``basis``, ``years``, ``product``, ``period``,
``start``, ``end``, ``lang``…): every value is checked by the page as its own URL is, so
anything unknown gives the page's default. An unknown page, chart or format is a 404 that
names what exists. Rows come from ``dashboard.figures.rows.chart_rows`` on the very figure
the page draws (``dashboard.chart_registry``), so the download equals the drawn points.
"""

from __future__ import annotations

import json
import re
import tempfile
from collections.abc import Mapping, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Final

import pandas as pd
from flask import Flask, Response, request

from dashboard import chart_registry, data, routes
from dashboard.figures.base import Figure, source_key
from dashboard.figures.rows import ChartRow, chart_rows
from dashboard.i18n import lang_of, t, unit_name
from loaders.tables import export

URL_PREFIX: Final = routes.CHARTS
FORMATS: Final[tuple[str, ...]] = ("csv", "xlsx", "json")
MEDIA_TYPES: Final[dict[str, str]] = {
    "csv": "text/csv",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "json": "application/json",
}
#: The columns of a chart's table, as catalogue keys under ``chart.``, in order.
COLUMNS: Final[tuple[str, ...]] = (
    "series",
    "period",
    "value",
    "unit",
    "printed",
    "status",
    "bulletin",
    "bulletin_url",
)
#: The longest query value read (a hand-made URL may hold more).
MAX_VALUE = 400


@data.cached(maxsize=2)
def _bulletins_of(version: int) -> dict[str, tuple[str, str, str]]:
    stored = data.bulletins()
    names = data.bulletin_names()
    found: dict[str, tuple[str, str, str]] = {}
    for sha, address in zip(stored["sha256"], stored["source_url"], strict=True):
        zh, en = names.get(str(sha), ("", ""))
        found[source_key(sha)] = (zh, en, str(address) if pd.notna(address) else "")
    return found


def _bulletins() -> dict[str, tuple[str, str, str]]:
    """bulletin key (``source_key``) -> (Chinese title, English name, source URL or ""),
    once per data version."""
    return _bulletins_of(data.version())


def _status(row: ChartRow, lang: str) -> str:
    if row.derived is None:
        return ""
    return t("derived" if row.derived else "reported", lang)


def table(rows: Sequence[ChartRow], lang: str) -> pd.DataFrame:
    """The rows as the download's table: headers in ``lang``, one row per drawn point."""
    known = _bulletins()
    en = lang_of(lang) == "en"
    records: list[list[Any]] = []
    for row in rows:
        zh_name, en_name, address = known.get(row.bulletin, ("", "", ""))
        records.append(
            [
                row.series,
                row.period,
                row.value,
                unit_name(row.unit, lang).strip(),
                "" if row.derived else row.text,
                _status(row, lang),
                (en_name if en else zh_name) or row.source,
                address,
            ]
        )
    headers = [t(f"chart.{column}", lang) for column in COLUMNS]
    return pd.DataFrame(records, columns=pd.Index(headers))


_TAGS = re.compile(r"<[^>]+>")


def title_of(figure: Figure) -> str:
    """The chart's title as one line of text (its line breaks and tags removed)."""
    title = figure.get("layout", {}).get("title", {})
    text = title.get("text", "") if isinstance(title, Mapping) else str(title or "")
    return " ".join(_TAGS.sub(" ", str(text)).split())


def citation(figure: Figure, rows: Sequence[ChartRow], lang: str, today: str) -> str:
    """How to cite the chart: the publisher, the bulletins its points come from (first and
    last by period), the chart's title, ``{url}`` for the page's address and the date."""
    known = _bulletins()
    en = lang_of(lang) == "en"
    named = sorted(
        {
            (row.period, known.get(row.bulletin, ("", "", ""))[1 if en else 0] or row.source)
            for row in rows
            if row.bulletin
        }
    )
    titles = [name for _, name in named if name]
    if not titles:
        span = t("chart.cite_no_bulletin", lang)
    elif titles[0] == titles[-1]:
        span = t("chart.cite_one", lang, first=titles[0])
    else:
        span = t("chart.cite_span", lang, first=titles[0], last=titles[-1])
    return t("chart.citation", lang, bulletins=span, title=title_of(figure), date=today)


def _render(frame: pd.DataFrame, fmt: str) -> bytes:
    with tempfile.TemporaryDirectory(prefix="eim-chart-") as folder:
        path = Path(folder) / f"chart.{fmt}"
        if fmt == "csv":
            export.write_csv(frame, path)
        else:
            export.write_xlsx({"chart": frame}, path)
        return path.read_bytes()


def _plain(message: str, status: int) -> Response:
    return Response(message + "\n", status=status, mimetype="text/plain")


def _query() -> dict[str, str]:
    return {key: value[:MAX_VALUE] for key, value in request.args.items()}


def json_body(figure: Figure, rows: Sequence[ChartRow], lang: str) -> dict[str, Any]:
    """The table view and citation of a chart (see the module docstring)."""
    frame = table(rows, lang)
    today = datetime.now(UTC).date().isoformat()
    return {
        "title": title_of(figure),
        "columns": list(frame.columns),
        "rows": [[_json_cell(v) for v in record] for record in frame.itertuples(index=False)],
        "citation": citation(figure, rows, lang, today),
    }


def _json_cell(value: object) -> object:
    return value.item() if hasattr(value, "item") else value


def download(page: str, name: str, fmt: str) -> Response:
    """``/chart/<page>/<chart>.<format>``: the chart's drawn points (see the module doc)."""
    query = _query()
    lang = lang_of(query.get("lang"))
    found = chart_registry.figure(page, name, query, lang) if fmt in FORMATS else None
    if found is None:
        return _plain(
            f"No chart download at {request.path}: the URLs are {URL_PREFIX}<page>/<chart>."
            f"<format> with a page of {', '.join(chart_registry.pages())}, one of that "
            f"page's charts and a format of {', '.join(FORMATS)}.",
            404,
        )
    rows = chart_rows(found)
    if fmt == "json":
        body = json.dumps(json_body(found, rows, lang), ensure_ascii=False).encode("utf-8")
        response = Response(body, mimetype=MEDIA_TYPES["json"])
    else:
        response = Response(_render(table(rows, lang), fmt), mimetype=MEDIA_TYPES[fmt])
        filename = f"eim-{page}-{name}.{fmt}"
        response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.headers["Cache-Control"] = "no-cache"
    return response


def register(server: Flask) -> None:
    """Add the chart download route to ``server``."""
    server.add_url_rule(URL_PREFIX + "<page>/<name>.<fmt>", "eim_chart_download", download)
