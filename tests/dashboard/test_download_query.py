"""The query parameters of the download URLs (``dashboard.server.download_query``), through
the Flask test client of the real app: a bad parameter gets a 400 naming it and what it allows,
an unknown table or format a 404 naming the tables, an odd query never a 500; a download URL
carries only the filters its table takes and reads back as the same filters.

The store is a SQLite file of each test's own, filled from the shipped datasets/ on first use.
"""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest
from flask.testing import FlaskClient
from flask_client import app_client, get

from dashboard.server import download_query, downloads
from loaders.tables.filters import Filters


@pytest.fixture(scope="module")
def client() -> FlaskClient:
    return app_client()


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
    ("/data/observations.csv?as_of=0999-12-31", "as_of", "1970-9999"),
    ("/data/bulletins.json?as_of=9999-12-31T23:00:00-05:00", "as_of", "1970-9999"),
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
    assert download_query.parse_filters(args) == filters
    assert filters.keywords()["indicator"] == ["revenue", "total_profit"]
    assert filters.keywords()["region"] is None
