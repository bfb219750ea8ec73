"""Download by URL, like Datasette: every table of the store as CSV, JSON or XLSX.

    /data/<table>.<format>   table: observations, wide, bulletins, indicators
                             format: csv (UTF-8 with BOM), json (an array of records),
                             xlsx (one sheet, header row frozen, units in the header)
    /data/written/<period>.<lang>.txt
                             the bulletin of a period (YYYY-MM, one with a stored bulletin)
                             as ``loaders.writer`` writes it from the stored facts, in
                             ``zh`` or ``en``: plain UTF-8 text (no BOM), an attachment named
                             ``eim-<period>-<lang>.txt``; any other period or language is a
                             404 saying which exist
    /data/datapackage.json   the Frictionless descriptor of the four CSV files above; its
                             resource paths (``observations.csv`` …) are relative to it, so
                             they resolve to the URLs above, and the four CSV files saved
                             beside it form a valid data package

Query parameters (the same names as ``loaders.api.observations``'s):
    indicator, region, segment, basis, measure
                catalog codes; several by repeating the parameter or with commas
                (``?indicator=revenue,total_profit&region=east``); none: every code
    start, end  periods YYYY-MM, inclusive
    derived     true (only computed rows), false (only printed rows), all (the default)
    as_of       an ISO 8601 time (``2024-03-01``, ``2024-03-01T08:00:00Z``; no zone: UTC)
                of the years 1970-9999: the data as stored then; ``latest`` (the default) for now
    lang        accepted and ignored (the page's links may carry it)
(read by ``dashboard.server.download_query``). observations and wide take them all;
bulletins takes start, end (its own period) and as_of; indicators and datapackage.json take
none. Any other parameter, an unknown code, a malformed period or time gets a 400 whose
plain-text message names the parameter and what it allows — never a 500. An unknown table
or format is a 404, naming the tables.

Shapes: the tables of ``loaders.tables.frames`` (``observations`` is ``loaders.api.observations``
for the same filter, row for row), written by ``loaders.tables.export``'s writers: text cells that
a spreadsheet would run as a formula get an apostrophe in CSV and XLSX, numbers stay
numbers. CSV and XLSX come as attachments, JSON inline; each named ``<table>.<format>``.

Data comes through ``dashboard.data`` (cached per store version); a time in ``as_of`` reads
the store as it was then, cached per (store version, time).
"""

from __future__ import annotations

import json
import tempfile
from pathlib import Path
from typing import Final
from urllib.parse import urlencode

import pandas as pd
from flask import Flask, Response, request

from dashboard import data, routes, summary
from dashboard.server.download_query import BadParameter, parse_filters, shown
from loaders.schema import is_period
from loaders.tables import export
from loaders.tables.filters import FILTER_NAMES, Filters, select, select_bulletins
from loaders.tables.frames import TABLE_NAMES, indicators_table, wide_table
from loaders.writer import LANGS

#: The URL of every download: ``/data/<table>.<format>``.
URL_PREFIX: Final = routes.DOWNLOADS
FORMATS: Final[tuple[str, ...]] = ("csv", "json", "xlsx")
DATAPACKAGE_URL: Final = URL_PREFIX + export.DATAPACKAGE
MEDIA_TYPES: Final[dict[str, str]] = {
    "csv": "text/csv",
    "json": "application/json",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}

#: The written bulletins: ``/data/written/<period>.<lang>.txt``, in these languages.
WRITTEN_PREFIX: Final = URL_PREFIX + "written/"
WRITTEN_LANGS: Final[tuple[str, ...]] = LANGS
#: The parameters each table takes (besides ``download_query.IGNORED``).
PARAMETERS: Final[dict[str, tuple[str, ...]]] = {
    "observations": FILTER_NAMES,
    "wide": FILTER_NAMES,
    "bulletins": ("start", "end", "as_of"),
    "indicators": (),
    "datapackage": (),
}


# -- the tables -----------------------------------------------------------------------------


def observations(filters: Filters) -> pd.DataFrame:
    """The observations ``filters`` select: ``loaders.api.observations(**filters.keywords())``."""
    return select(data.observations(filters.as_of), filters)


def bulletins(filters: Filters) -> pd.DataFrame:
    """The stored bulletins (as of ``filters.as_of``) of the periods start..end."""
    return select_bulletins(data.bulletins(filters.as_of), filters)


def table(name: str, filters: Filters) -> pd.DataFrame:
    """The table ``name`` (one of ``loaders.tables.frames.TABLE_NAMES``) for ``filters``."""
    if name == "observations":
        return observations(filters)
    if name == "wide":
        return wide_table(observations(filters))
    if name == "bulletins":
        return bulletins(filters)
    if name == "indicators":
        return indicators_table()
    raise KeyError(name)


def render(name: str, frame: pd.DataFrame, fmt: str) -> bytes:
    """``frame`` as the bytes of ``loaders.tables.export``'s writer for ``fmt`` (an XLSX workbook
    has one sheet, named ``name``)."""
    with tempfile.TemporaryDirectory(prefix="eim-download-") as folder:
        path = Path(folder) / f"{name}.{fmt}"
        if fmt == "csv":
            export.write_csv(frame, path)
        elif fmt == "json":
            export.write_json(frame, path)
        elif fmt == "xlsx":
            export.write_xlsx({name: frame}, path)
        else:
            raise ValueError(f"unknown format {fmt!r}")
        return path.read_bytes()


@data.cached(maxsize=2)
def _datapackage(version: int) -> bytes:
    tables = {name: table(name, Filters()) for name in TABLE_NAMES}
    descriptor = export.datapackage(tables, "csv")
    return (json.dumps(descriptor, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def datapackage() -> bytes:
    """``datapackage.json`` for the CSV files at ``/data/<table>.csv`` (every row)."""
    return _datapackage(data.version())


# -- URLs -----------------------------------------------------------------------------------


def url(name: str, fmt: str, filters: Filters | None = None) -> str:
    """The download URL of table ``name`` as ``fmt`` with ``filters`` (only those the table
    takes): ``/data/observations.csv?indicator=revenue&start=2023-01``."""
    query = {
        key: value
        for key, value in (filters or Filters()).query().items()
        if key in PARAMETERS[name]
    }
    return f"{URL_PREFIX}{name}.{fmt}" + (f"?{urlencode(query)}" if query else "")


# -- the routes -----------------------------------------------------------------------------


def _plain(message: str, status: int) -> Response:
    return Response(message + "\n", status=status, mimetype="text/plain")


def _not_found(path: str) -> Response:
    tables = ", ".join(name for name in PARAMETERS if name != "datapackage")
    return _plain(
        f"No download at {path}: the URLs are {URL_PREFIX}<table>.<format> with a table of "
        f"{tables} and a format of {', '.join(FORMATS)}, and {DATAPACKAGE_URL}.",
        404,
    )


def _arguments() -> dict[str, list[str]]:
    return {key: request.args.getlist(key) for key in request.args}


def _file(body: bytes, mimetype: str, disposition: str, filename: str) -> Response:
    """``body`` shown ("inline") or saved ("attachment") as ``filename``, never cached
    unchecked."""
    response = Response(body, mimetype=mimetype)
    response.headers["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    response.headers["Cache-Control"] = "no-cache"
    return response


def download(table_name: str, fmt: str) -> Response:
    """``/data/<table>.<format>``: the table, filtered by the query (see the module doc)."""
    if table_name not in TABLE_NAMES or fmt not in FORMATS:
        return _not_found(request.path)
    try:
        filters = parse_filters(
            _arguments(), PARAMETERS[table_name], f" of {URL_PREFIX}{table_name}.{fmt}"
        )
    except BadParameter as error:
        return _plain(str(error), 400)
    frame = table(table_name, filters)
    disposition = "inline" if fmt == "json" else "attachment"
    body = render(table_name, frame, fmt)
    return _file(body, MEDIA_TYPES[fmt], disposition, f"{table_name}.{fmt}")


def datapackage_view() -> Response:
    """``/data/datapackage.json``: the descriptor of the four CSV downloads."""
    try:
        parse_filters(_arguments(), PARAMETERS["datapackage"], f" of {DATAPACKAGE_URL}")
    except BadParameter as error:
        return _plain(str(error), 400)
    return _file(datapackage(), "application/json", "inline", export.DATAPACKAGE)


# -- the written bulletins -------------------------------------------------------------------


def written_url(period: str, lang: str) -> str:
    """The URL of ``period``'s written bulletin in ``lang``: ``/data/written/2023-11.en.txt``."""
    return f"{WRITTEN_PREFIX}{period}.{lang}.txt"


def written_periods() -> list[str]:
    """The periods (YYYY-MM, oldest first) that have a stored bulletin, so a written one."""
    return sorted(str(period) for period in data.bulletins()["period"].unique())


def _no_written(path: str, problem: str) -> Response:
    periods = written_periods()
    listed = ", ".join(periods) if periods else "none yet"
    return _plain(
        f"No written bulletin at {path}: {problem}. The URLs are "
        f"{WRITTEN_PREFIX}<period>.<lang>.txt with a language of {', '.join(WRITTEN_LANGS)} and "
        f"a period that has a stored bulletin: {listed}.",
        404,
    )


def written(name: str) -> Response:
    """``/data/written/<period>.<lang>.txt``: the period's bulletin written from the stored
    facts (``dashboard.summary.document``), as a UTF-8 text attachment."""
    period, _, rest = name.partition(".")
    lang, _, suffix = rest.partition(".")
    well_formed = is_period(period) and lang.isascii() and lang.isalpha() and lang.islower()
    if not well_formed or suffix != "txt":
        return _no_written(request.path, "the name is not <period>.<lang>.txt")
    if lang not in WRITTEN_LANGS:
        return _no_written(request.path, f"{shown(lang)} is not a language")
    if period not in written_periods():
        return _no_written(request.path, f"no bulletin of {period} is stored")
    try:
        parse_filters(_arguments(), (), f" of {WRITTEN_PREFIX}<period>.<lang>.txt")
    except BadParameter as error:
        return _plain(str(error), 400)
    body = summary.document(period, lang).text().encode("utf-8")
    return _file(body, "text/plain", "attachment", f"eim-{period}-{lang}.txt")


def register(server: Flask) -> None:
    """Add the download routes to ``server``."""
    server.add_url_rule(DATAPACKAGE_URL, "eim_datapackage", datapackage_view)
    server.add_url_rule(URL_PREFIX + "<table_name>.<fmt>", "eim_download", download)
    server.add_url_rule(WRITTEN_PREFIX + "<name>", "eim_written", written)
