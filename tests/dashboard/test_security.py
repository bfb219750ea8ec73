"""The server's security settings (``dashboard.server.security``) and the downloads' defence
against spreadsheet formulas, through the Flask test client of the real app: text that a
spreadsheet would run as a formula is neutralised while negative numbers stay numbers; every
response carries the security headers, the pages still load with their inline scripts
allowed, and request bodies are limited.

The store is a SQLite file of each test's own, filled from the shipped datasets/ on first use
(or, for the formula test, from an edited copy of them).
"""

from __future__ import annotations

import base64
import csv
import hashlib
import io
import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from flask.testing import FlaskClient
from flask_client import app_client, get, read_csv

from dashboard import data
from dashboard.server import security
from loaders.api import SHIPPED_DATASETS
from loaders.store import Store
from loaders.tables.importer import import_tables


@pytest.fixture(scope="module")
def client() -> FlaskClient:
    return app_client()


def _reset() -> None:
    data.reset()


def _use_store(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("EIM_DATABASE_PATH", str(path))
    monkeypatch.delenv("EIM_DATABASE_URL", raising=False)
    _reset()


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
