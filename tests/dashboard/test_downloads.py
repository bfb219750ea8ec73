"""Download by URL (``dashboard.server.downloads``) and the server's security settings
(``dashboard.server.security``), through the Flask test client of the real app.

Every table in every format answers with the right type and parseable content; a filtered
CSV equals ``loaders.api`` for the same filter, byte for byte; bad parameters get a 400
naming the parameter, never a 500; text that a spreadsheet would run as a formula is
neutralised while negative numbers stay numbers; the data package describes the CSV URLs
and validates; every response carries the security headers and the pages still load.

The store is a SQLite file of each test's own, filled from the shipped datasets/ on first
use (or, for the formula test, from an edited copy of them).
"""

from __future__ import annotations

import base64
import csv
import hashlib
import io
import json
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urljoin, urlsplit

import openpyxl
import pandas as pd
import pytest
from flask.testing import FlaskClient

from dashboard import data
from dashboard.server import downloads, security
from loaders import api
from loaders.api import SHIPPED_DATASETS
from loaders.schema import BULLETINS, INDICATORS_TABLE, OBSERVATIONS
from loaders.store import Store
from loaders.tables import export
from loaders.tables.filters import Filters
from loaders.tables.importer import import_tables

TABLES = ("observations", "wide", "bulletins", "indicators")
FORMATS = ("csv", "json", "xlsx")
CONTENT_TYPES = {
    "csv": "text/csv",
    "json": "application/json",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
COLUMNS = {
    "observations": list(OBSERVATIONS.column_names),
    "bulletins": list(BULLETINS.column_names),
    "indicators": list(INDICATORS_TABLE.column_names),
}
BOM = b"\xef\xbb\xbf"


def _reset() -> None:
    data.reset()


def _use_store(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("EIM_DATABASE_PATH", str(path))
    monkeypatch.delenv("EIM_DATABASE_URL", raising=False)
    _reset()


@pytest.fixture(scope="module")
def client() -> FlaskClient:
    from dashboard.app import create_app

    return create_app().server.test_client()


def get(client: FlaskClient, url: str, **headers: str) -> Any:
    response = client.get(url, headers=headers)
    assert response.status_code != 500, f"{url}: 500\n{response.get_data(as_text=True)}"
    return response


def read_csv(body: bytes) -> pd.DataFrame:
    return pd.read_csv(io.BytesIO(body), encoding="utf-8-sig", dtype=str, keep_default_na=False)


def csv_bytes(frame: pd.DataFrame, tmp_path: Path) -> bytes:
    """``frame`` as ``loaders.tables.export.write_csv`` writes it."""
    return export.write_csv(frame, tmp_path / "expected.csv").read_bytes()


# -- every table, every format -------------------------------------------------------------


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("table", TABLES)
def test_every_table_downloads_in_every_format(
    shipped_store: None, client: FlaskClient, table: str, fmt: str
) -> None:
    response = get(client, f"/data/{table}.{fmt}")
    assert response.status_code == 200
    assert response.mimetype == CONTENT_TYPES[fmt]
    disposition = response.headers["Content-Disposition"]
    assert disposition.startswith("inline" if fmt == "json" else "attachment")
    assert f'filename="{table}.{fmt}"' in disposition
    body = response.get_data()
    if fmt == "csv":
        assert body.startswith(BOM), "CSV downloads are UTF-8 with a BOM (Excel reads GBK)"
        frame = read_csv(body)
        columns = list(frame.columns)
        rows = len(frame)
    elif fmt == "json":
        records = json.loads(body.decode("utf-8"))
        assert isinstance(records, list) and records
        columns = list(records[0])
        rows = len(records)
    else:
        book = openpyxl.load_workbook(io.BytesIO(body))
        assert book.sheetnames == [table]
        sheet = book[table]
        assert sheet.freeze_panes == "A2"
        columns = [cell.value for cell in sheet[1]]
        rows = sheet.max_row - 1
    assert rows > 0
    if table in COLUMNS:
        expected = COLUMNS[table]
        if fmt == "xlsx":
            expected = export.excel_headers(table, expected)
        assert columns == expected
    else:
        assert columns[0] == "period" and len(columns) > 10
    if table == "observations":
        assert rows == len(api.observations(store=data.store()))


def test_json_keeps_numbers_and_booleans(shipped_store: None, client: FlaskClient) -> None:
    records = get(client, "/data/observations.json?indicator=revenue&measure=yoy_pct").json
    assert records and all(isinstance(row["value"], int | float) for row in records)
    assert {type(row["derived"]) for row in records} == {bool}
    assert any(row["value"] < 0 for row in get(client, "/data/observations.json").json)
    wide = get(client, "/data/wide.json?indicator=revenue").json
    assert any(value is None for row in wide for value in row.values())  # gaps are null
    bulletins = get(client, "/data/bulletins.json").json
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", bulletins[0]["added_at"])


# -- filters: the same rows as loaders.api -------------------------------------------------

FILTERS: list[tuple[str, dict[str, Any]]] = [
    (
        "indicator=revenue&region=east&start=2023-01&end=2024-12",
        {"indicator": "revenue", "region": "east", "start": "2023-01", "end": "2024-12"},
    ),
    (
        "indicator=value_added,export_delivery_value&measure=yoy_pct&basis=month",
        {
            "indicator": ["value_added", "export_delivery_value"],
            "measure": "yoy_pct",
            "basis": "month",
        },
    ),
    ("indicator=revenue&indicator=total_profit", {"indicator": ["revenue", "total_profit"]}),
    ("derived=true", {"derived": True}),
    (
        "derived=FALSE&region=national&end=2020-12",
        {"derived": False, "region": "national", "end": "2020-12"},
    ),
    (
        "segment=computers,communication_equipment",
        {"segment": ["computers", "communication_equipment"]},
    ),
    ("as_of=2022-01-01&measure=level", {"as_of": "2022-01-01", "measure": "level"}),
    ("as_of=2021-06-01T08:00:00%2B08:00&derived=all", {"as_of": "2021-06-01T00:00:00Z"}),
    ("as_of=2021-06-01T08:00:00+08:00", {"as_of": "2021-06-01T00:00:00Z"}),  # "+" -> " "
    ("start=2024-01&lang=en&as_of=latest", {"start": "2024-01"}),
]


@pytest.mark.parametrize(("query", "keywords"), FILTERS)
def test_a_filtered_csv_equals_the_api(
    shipped_store: None, client: FlaskClient, tmp_path: Path, query: str, keywords: dict[str, Any]
) -> None:
    response = get(client, f"/data/observations.csv?{query}")
    assert response.status_code == 200, response.get_data(as_text=True)
    expected = api.observations(store=data.store(), **keywords)
    assert len(expected) > 0, f"{query} selects nothing: a weak test"
    assert response.get_data() == csv_bytes(expected, tmp_path)
    # and read back: the same rows and values
    actual = read_csv(response.get_data())
    assert len(actual) == len(expected)
    assert actual["value"].astype(float).tolist() == expected["value"].tolist()
    assert actual["derived"].tolist() == ["true" if d else "false" for d in expected["derived"]]
    for column in ("period", "indicator", "region", "segment", "basis", "measure", "unit"):
        assert actual[column].tolist() == expected[column].tolist()


@pytest.mark.parametrize(("query", "keywords"), FILTERS[:4] + FILTERS[6:7])
def test_a_filtered_wide_table_equals_the_api(
    shipped_store: None, client: FlaskClient, tmp_path: Path, query: str, keywords: dict[str, Any]
) -> None:
    response = get(client, f"/data/wide.csv?{query}")
    assert response.status_code == 200
    assert response.get_data() == csv_bytes(api.wide(store=data.store(), **keywords), tmp_path)


def test_bulletins_filter_by_their_period_and_as_of(
    shipped_store: None, client: FlaskClient, tmp_path: Path
) -> None:
    response = get(client, "/data/bulletins.csv?start=2020-01&end=2023-12&as_of=2023-06-01")
    assert response.status_code == 200
    frame = api.bulletins(as_of="2023-06-01", store=data.store())
    expected = frame[frame["period"].between("2020-01", "2023-12")].reset_index(drop=True)
    assert 0 < len(expected) < len(api.bulletins(store=data.store()))
    assert response.get_data() == csv_bytes(expected, tmp_path)


def test_a_time_before_any_bulletin_gives_empty_tables(
    shipped_store: None, client: FlaskClient
) -> None:
    for table in ("observations", "wide", "bulletins"):
        response = get(client, f"/data/{table}.csv?as_of=2000-01-01")
        assert response.status_code == 200
        frame = read_csv(response.get_data())
        assert frame.empty and "period" in frame.columns
        assert get(client, f"/data/{table}.json?as_of=2000-01-01").json == []
        assert get(client, f"/data/{table}.xlsx?as_of=2000-01-01").status_code == 200


# -- bad requests: a 400 that says why, never a 500 ----------------------------------------

BAD: list[tuple[str, str, str]] = [
    ("/data/observations.csv?indicator=nope", "indicator", "revenue"),
    ("/data/observations.csv?indicator=revenue,nope", "indicator", "value_added"),
    ("/data/observations.csv?start=2023-13", "start", "YYYY-MM"),
    ("/data/observations.csv?end=2023-1", "end", "YYYY-MM"),
    ("/data/observations.csv?derived=maybe", "derived", "true, false, all"),
    ("/data/observations.csv?region=<script>", "region", "national"),
    ("/data/observations.json?segment=%FF%FE", "segment", "computers"),
    ("/data/wide.xlsx?basis=quarter", "basis", "ytd, month"),
    ("/data/wide.csv?measure=level;drop", "measure", "yoy_pct"),
    ("/data/observations.csv?as_of=yesterday", "as_of", "ISO 8601"),
    ("/data/observations.csv?as_of=2024-02-30", "as_of", "ISO 8601"),
    ("/data/observations.csv?start=2024-05&end=2023-01", "start", "start <= end"),
    ("/data/observations.csv?start=2023-01&start=2024-01", "start", "one period"),
    ("/data/observations.csv?indicatr=revenue", "indicatr", "indicator, region"),
    ("/data/bulletins.csv?indicator=revenue", "indicator", "start, end, as_of"),
    ("/data/indicators.json?start=2023-01", "start", "none"),
    ("/data/datapackage.json?indicator=revenue", "indicator", "none"),
    ("/data/observations.csv?start=" + "9" * 5000, "start", "YYYY-MM"),
]


@pytest.mark.parametrize(("url", "name", "allowed"), BAD)
def test_bad_parameters_get_a_400_naming_them(
    shipped_store: None, client: FlaskClient, url: str, name: str, allowed: str
) -> None:
    response = get(client, url)
    assert response.status_code == 400, response.get_data(as_text=True)[:300]
    assert response.mimetype == "text/plain"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    message = response.get_data(as_text=True)
    assert f"Bad parameter {name!r}" in message
    assert allowed in message.split("Allowed:", 1)[1]
    assert len(message) < 2000


@pytest.mark.parametrize(
    "url",
    [
        "/data/nope.csv",
        "/data/observations.parquet",
        "/data/observations.CSV",
        "/data/a.b.csv",
    ],
)
def test_an_unknown_table_or_format_is_a_404_naming_the_tables(
    shipped_store: None, client: FlaskClient, url: str
) -> None:
    response = get(client, url)
    assert response.status_code == 404
    assert response.mimetype == "text/plain"
    message = response.get_data(as_text=True)
    assert "observations, wide, bulletins, indicators" in message and "csv, json, xlsx" in message


@pytest.mark.parametrize(
    "query",
    [
        "indicator=",
        "indicator=,,revenue,",
        "indicator=%20revenue%20",
        "derived=",
        "as_of=",
        "as_of=9999-12-31T23:59:59.999999Z",
        "as_of=2024-03-01%2014:00",
        "start=&end=",
        "lang=fr",
        "x" * 3000 + "=1",
        "indicator=" + ",".join(["revenue"] * 2000),
        "%00=%00",
        "as_of=-1",
        "start=0000-01",
        "as_of=2024-03-01T08:00:00+99:00",
    ],
)
def test_odd_queries_never_give_a_500(shipped_store: None, client: FlaskClient, query: str) -> None:
    for table in ("observations", "wide", "bulletins"):
        response = get(client, f"/data/{table}.csv?{query}")
        assert response.status_code in (200, 400), (query, response.status_code)


# -- formulas are neutralised, numbers stay numbers ----------------------------------------

HYPERLINK = '=HYPERLINK("http://example.com/x","click")'


@pytest.fixture()
def formula_store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The shipped datasets with formula-like text in a bulletin's source and in two
    observations' text, imported into a store of its own."""
    folder = tmp_path / "datasets"
    shutil.copytree(SHIPPED_DATASETS, folder)

    def edit(name: str, change: Any) -> None:
        path = folder / name
        with path.open(encoding="utf-8-sig", newline="") as handle:
            rows = list(csv.DictReader(handle))
        change(rows)
        with path.open("w", encoding="utf-8-sig", newline="") as handle:
            writer = csv.DictWriter(handle, fieldnames=list(rows[0]), lineterminator="\n")
            writer.writeheader()
            writer.writerows(rows)

    def bulletins(rows: list[dict[str, str]]) -> None:
        rows[0]["source"] = HYPERLINK

    def observations(rows: list[dict[str, str]]) -> None:
        printed = [row for row in rows if row["derived"] == "false"]
        printed[0]["text"] = "@SUM(A1:A9)"
        printed[1]["text"] = "+cmd|' /C calc'!A0"

    edit("bulletins.csv", bulletins)
    edit("observations.csv", observations)
    database = tmp_path / "formula.sqlite"
    store = Store(f"sqlite:///{database}")
    try:
        import_tables(store, folder)
    finally:
        store.close()
    _use_store(database, monkeypatch)
    yield
    _reset()


def test_formulas_are_neutralised_and_numbers_stay_numbers(
    formula_store: None, client: FlaskClient
) -> None:
    sources = read_csv(get(client, "/data/bulletins.csv").get_data())["source"].tolist()
    assert "'" + HYPERLINK in sources and HYPERLINK not in sources
    observations = read_csv(get(client, "/data/observations.csv").get_data())
    texts = set(observations["text"])
    assert {"'@SUM(A1:A9)", "'+cmd|' /C calc'!A0"} <= texts
    assert "@SUM(A1:A9)" not in texts
    assert not any(text.startswith(("=", "+", "-", "@")) for text in texts)
    negative = observations[observations["value"].str.startswith("-")]
    assert len(negative) > 10, "negative growth rates stay plain numbers"
    assert all(float(value) < 0 for value in negative["value"])
    assert not observations["value"].str.startswith("'").any()

    book = openpyxl.load_workbook(io.BytesIO(get(client, "/data/bulletins.xlsx").get_data()))
    cells = [cell for row in book["bulletins"].iter_rows(min_row=2) for cell in row]
    assert all(cell.data_type != "f" for cell in cells), "a live formula in the workbook"
    assert "'" + HYPERLINK in [cell.value for cell in cells]
    sheet = openpyxl.load_workbook(io.BytesIO(get(client, "/data/observations.xlsx").get_data()))[
        "observations"
    ]
    header = [cell.value for cell in sheet[1]]
    value_column = header.index("value (unit column)")
    values = [row[value_column].value for row in sheet.iter_rows(min_row=2)]
    assert all(isinstance(value, int | float) for value in values)
    assert any(value < 0 for value in values)
    assert all(cell.data_type != "f" for row in sheet.iter_rows() for cell in row)

    # JSON is no spreadsheet: the text comes as it is
    records = get(client, "/data/bulletins.json").json
    assert HYPERLINK in [row["source"] for row in records]


# -- the data package ----------------------------------------------------------------------


def test_the_data_package_describes_the_csv_urls_and_validates(
    shipped_store: None, client: FlaskClient, tmp_path: Path
) -> None:
    response = get(client, downloads.DATAPACKAGE_URL)
    assert response.status_code == 200 and response.mimetype == "application/json"
    descriptor = response.json
    assert descriptor["licenses"] and descriptor["sources"]
    paths = [resource["path"] for resource in descriptor["resources"]]
    assert paths == [f"{name}.csv" for name in ("observations", "wide", "indicators", "bulletins")]
    (tmp_path / "datapackage.json").write_bytes(response.get_data())
    for path in paths:
        url = urljoin(downloads.DATAPACKAGE_URL, path)  # relative to the descriptor's URL
        assert url == f"/data/{path}"
        csv_response = get(client, url)
        assert csv_response.status_code == 200 and csv_response.mimetype == "text/csv"
        (tmp_path / path).write_bytes(csv_response.get_data())
    wide = next(r for r in descriptor["resources"] if r["name"] == "wide")
    header = list(read_csv((tmp_path / "wide.csv").read_bytes()).columns)
    assert [field["name"] for field in wide["schema"]["fields"]] == header
    frictionless = Path(sys.executable).with_name("frictionless")
    proc = subprocess.run(
        [str(frictionless), "validate", "datapackage.json"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=300,
        check=False,
    )
    assert proc.returncode == 0, f"frictionless validate failed:\n{proc.stdout}\n{proc.stderr}"


# -- security headers ----------------------------------------------------------------------


def inline_script_hashes(html: bytes) -> set[str]:
    """The sha256 CSP sources of the inline scripts of a page (found independently)."""
    found = set()
    for attributes, body in re.findall(rb"<script([^>]*)>(.*?)</script>", html, re.S):
        if b"src=" not in attributes:
            digest = base64.b64encode(hashlib.sha256(body).digest()).decode()
            found.add(f"'sha256-{digest}'")
    return found


@pytest.mark.parametrize(
    "url",
    [
        "/",
        "/data",
        "/data?lang=en&indicator=revenue",
        "/bulletins",
        "/_dash-layout",
        "/_dash-dependencies",
        "/data/observations.csv",
        "/data/datapackage.json",
        "/data/observations.csv?derived=maybe",
        "/data/nope.csv",
        "/assets/style.css",
    ],
)
def test_every_response_carries_the_security_headers(
    shipped_store: None, client: FlaskClient, url: str
) -> None:
    response = get(client, url)
    response.close()  # a static file is streamed: let it go
    assert response.status_code in (200, 400, 404)
    headers = response.headers
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["X-Frame-Options"] == "SAMEORIGIN"
    policy = dict(
        [*part.strip().split(" ", 1), ""][:2]
        for part in headers["Content-Security-Policy"].split(";")
    )
    assert policy["default-src"] == "'self'"
    assert policy["frame-ancestors"] == "'self'"
    assert policy["object-src"] == "'none'"
    assert "'unsafe-eval'" in policy["script-src"]  # Dash needs it
    assert "'unsafe-inline'" not in policy["script-src"]
    assert "'unsafe-inline'" in policy["style-src"]  # React's and plotly's inline styles


@pytest.mark.parametrize("encoding", ["", "gzip"])
def test_pages_still_load_with_their_inline_scripts_allowed(
    shipped_store: None, client: FlaskClient, encoding: str
) -> None:
    headers = {"Accept-Encoding": encoding} if encoding else {}
    for url in ("/", "/data?lang=en", "/growth"):
        response = get(client, url, **headers)
        assert response.status_code == 200 and response.mimetype == "text/html"
        body = response.get_data()
        if response.headers.get("Content-Encoding") == "gzip":
            import gzip

            body = gzip.decompress(body)
        assert b"react-entry-point" in body
        needed = inline_script_hashes(body)
        assert needed, "Dash's index has inline scripts"
        script_src = response.headers["Content-Security-Policy"].split("script-src", 1)[1]
        script_src = script_src.split(";", 1)[0]
        assert needed <= set(script_src.split()), "an inline script the policy blocks"
    assert get(client, "/_dash-layout").status_code == 200
    assert get(client, "/_dash-dependencies").status_code == 200


def test_request_bodies_are_limited(shipped_store: None, client: FlaskClient) -> None:
    assert client.application.config["MAX_CONTENT_LENGTH"] == security.MAX_CONTENT_LENGTH
    big = b"{" + b" " * (security.MAX_CONTENT_LENGTH + 1) + b"}"
    response = client.post("/_dash-update-component", data=big, content_type="application/json")
    assert response.status_code == 413
    assert response.headers["X-Frame-Options"] == "SAMEORIGIN"


def test_security_registers_once(client: FlaskClient) -> None:
    server = client.application
    hooks = list(server.after_request_funcs[None])
    security.register(server)
    assert list(server.after_request_funcs[None]) == hooks
    assert hooks.count(security.add_headers) == 1


def test_script_hashes_skip_external_scripts() -> None:
    page = b'<script src="/a.js"></script><script>var x = 1;</script><script>var x = 1;</script>'
    digest = base64.b64encode(hashlib.sha256(b"var x = 1;").digest()).decode()
    assert security.script_hashes(page) == [f"'sha256-{digest}'"]
    assert "'sha256-" not in security.policy([])


# -- URLs ----------------------------------------------------------------------------------


def test_urls_carry_only_the_filters_a_table_takes() -> None:
    filters = Filters(
        indicator=("revenue", "total_profit"),
        start="2023-01",
        derived=False,
        as_of="2024-03-01T00:00:00Z",
    )
    observations = urlsplit(downloads.url("observations", "csv", filters))
    assert observations.path == "/data/observations.csv"
    assert parse_qs(observations.query) == {
        "indicator": ["revenue,total_profit"],
        "start": ["2023-01"],
        "derived": ["false"],
        "as_of": ["2024-03-01T00:00:00Z"],
    }
    bulletins = urlsplit(downloads.url("bulletins", "json", filters))
    assert parse_qs(bulletins.query) == {"start": ["2023-01"], "as_of": ["2024-03-01T00:00:00Z"]}
    assert downloads.url("indicators", "xlsx", filters) == "/data/indicators.xlsx"
    assert downloads.url("wide", "csv") == "/data/wide.csv"
    # a URL's query reads back as the same filters
    args = {key: values for key, values in parse_qs(observations.query).items()}
    assert downloads.parse_filters(args) == filters
    assert filters.keywords()["indicator"] == ["revenue", "total_profit"]
    assert filters.keywords()["region"] is None
