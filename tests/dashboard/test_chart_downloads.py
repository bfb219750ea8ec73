"""Each chart's own download (``dashboard.server.chart_downloads``), through the Flask test
client of the real app on the shipped data: the rows are exactly the points of the figure the
page draws for the same query (``dashboard.chart_registry``), zoomed ones included; headers
are in the page's language; bulletins are named by title, never by hash; XLSX holds the same
rows; the JSON carries the table and a citation; unknown pages, charts and formats are 404s
that say what exists, and a hand-made query never gives a 500.

The store is a SQLite file of this module's own, filled from the shipped datasets/.
"""

from __future__ import annotations

import io
import json
import re
from collections.abc import Iterator
from pathlib import Path

import openpyxl
import pytest
from flask.testing import FlaskClient
from flask_client import app_client, get, read_csv

from dashboard import chart_registry, data
from dashboard.figures.rows import chart_rows
from dashboard.i18n import t

SHA256 = re.compile(r"[0-9a-f]{64}")


@pytest.fixture(scope="module")
def client(
    tmp_path_factory: pytest.TempPathFactory, shipped_template: Path
) -> Iterator[FlaskClient]:
    """The app on a copy of the shipped data (``shipped_template``), this module's own."""
    copy = tmp_path_factory.mktemp("chart-downloads") / "eim.sqlite"
    copy.write_bytes(shipped_template.read_bytes())
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("EIM_DATABASE_PATH", str(copy))
        patch.delenv("EIM_DATABASE_URL", raising=False)
        data.reset()
        yield app_client()
    data.reset()


def drawn(page: str, name: str, query: dict[str, str], lang: str) -> list[tuple[str, str, str]]:
    figure = chart_registry.figure(page, name, query, lang)
    assert figure is not None
    return sorted((r.series, r.period, repr(r.value)) for r in chart_rows(figure))


def rows_of(body: bytes, lang: str) -> list[tuple[str, str, str]]:
    frame = read_csv(body)
    keys = [t(f"chart.{key}", lang) for key in ("series", "period", "value")]
    return sorted((s, p, repr(float(v))) for s, p, v in zip(*(frame[k] for k in keys), strict=True))


@pytest.mark.parametrize(
    ("page", "name", "query"),
    [
        ("growth", "growth", {"indicator": "revenue"}),
        ("growth", "years", {"indicator": "value_added", "years": "2023,2024"}),
        ("growth", "margin", {"start": "2022-01", "end": "2023-12"}),
        ("products", "level", {"product": "output_smartphones,output_integrated_circuits"}),
        ("explore", "chart", {"series": "revenue.east.all.ytd.share_pct"}),
    ],
)
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_chart_csv_holds_exactly_the_points_it_draws(
    client: FlaskClient, page: str, name: str, query: dict[str, str], lang: str
) -> None:
    asked = {**query, "lang": lang}
    search = "&".join(f"{k}={v}" for k, v in asked.items())
    response = get(client, f"/chart/{page}/{name}.csv?{search}")
    assert response.status_code == 200
    assert response.headers["Content-Disposition"] == (
        f'attachment; filename="eim-{page}-{name}.csv"'
    )
    expected = drawn(page, name, asked, lang)
    assert expected, "the chart draws nothing: the test would prove nothing"
    assert rows_of(response.data, lang) == expected
    text = response.data.decode("utf-8-sig")
    assert not SHA256.search(text)
    frame = read_csv(response.data)
    assert all(frame[t("chart.bulletin", lang)]), "a row without its bulletin's title"


def test_a_zoom_keeps_only_the_months_shown(client: FlaskClient) -> None:
    whole = read_csv(get(client, "/chart/growth/growth.csv").data)
    zoomed = read_csv(get(client, "/chart/growth/growth.csv?start=2022-02&end=2023-06-15").data)
    periods = sorted(set(zoomed["报告期"]))
    assert periods[0] >= "2022-02" and periods[-1] <= "2023-06"
    assert 0 < len(zoomed) < len(whole)


def test_xlsx_and_json_hold_the_same_rows(client: FlaskClient) -> None:
    csv_rows = read_csv(get(client, "/chart/growth/margin.csv?lang=en").data)
    book = openpyxl.load_workbook(io.BytesIO(get(client, "/chart/growth/margin.xlsx?lang=en").data))
    sheet = list(book.active.iter_rows(values_only=True))
    assert list(sheet[0]) == list(csv_rows.columns)
    assert len(sheet) - 1 == len(csv_rows)
    body = json.loads(get(client, "/chart/growth/margin.json?lang=en").data)
    assert body["columns"] == list(csv_rows.columns) and len(body["rows"]) == len(csv_rows)
    assert body["title"].startswith(t("growth.margin_title", "en"))
    citation = body["citation"]
    assert citation.startswith("MIIT Operation Monitoring and Coordination Bureau, “MIIT bulletin")
    assert "{url}" in citation and "retrieved 20" in citation


def test_printed_and_derived_rows_say_so(client: FlaskClient) -> None:
    frame = read_csv(get(client, "/chart/growth/growth.csv?indicator=value_added").data)
    status = set(frame["公布或推算"])
    assert status == {"公布值", "推算值"}
    printed = frame[frame["公布或推算"] == "公布值"]
    derived = frame[frame["公布或推算"] == "推算值"]
    assert all(printed["公布形式"]) and not any(derived["公布形式"])


@pytest.mark.parametrize(
    "url",
    [
        "/chart/nowhere/growth.csv",
        "/chart/growth/nothing.csv",
        "/chart/growth/growth.pdf",
        "/chart/add/growth.csv",
    ],
)
def test_unknown_downloads_say_what_exists(client: FlaskClient, url: str) -> None:
    response = get(client, url)
    assert response.status_code == 404
    message = response.get_data(as_text=True)
    assert "/chart/<page>/<chart>.<format>" in message
    assert "explore, growth, products, regions" in message


@pytest.mark.parametrize(
    "query",
    [
        "indicator=<script>&basis=99&years=x,1,2",
        "start=2024-13&end=2023-01",
        "start=9999-12-31&end=0001-01",
        "product=" + ",".join(["output_smartphones"] * 50),
        "series=a.b.c.d.e,,,..",
        "lang=fr&embed=1&chart=growth",
    ],
)
def test_hand_made_queries_never_fail(client: FlaskClient, query: str) -> None:
    for page, name in (("growth", "growth"), ("products", "level"), ("explore", "chart")):
        response = get(client, f"/chart/{page}/{name}.csv?{query}")
        assert response.status_code == 200, response.get_data(as_text=True)
