"""Download by URL (``dashboard.server.downloads``), through the Flask test client of the real
app: every table in every format answers with the right type and parseable content; a filtered
CSV equals ``loaders.api`` for the same filter, byte for byte; the data package describes the
CSV URLs and validates. (Bad parameters: ``test_download_query.py``; formulas and the security
headers: ``test_security.py``.)

The store is a SQLite file of each test's own, filled from the shipped datasets/ on first use.
"""

from __future__ import annotations

import io
import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

import openpyxl
import pandas as pd
import pytest
from flask.testing import FlaskClient
from flask_client import app_client, get, read_csv

from dashboard import data
from dashboard.server import downloads
from loaders import api
from loaders.schema import BULLETINS, INDICATORS_TABLE, OBSERVATIONS
from loaders.tables import export

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


@pytest.fixture(scope="module")
def client() -> FlaskClient:
    return app_client()


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
