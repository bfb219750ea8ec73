"""The Data page: the filtered, sorted, paged table of observations, its controls holding
the URL's values, download links carrying the same filters, and the URL documentation —
in both languages, for any query (nonsense falls back to the defaults, never an error).

The page runs on the shipped datasets (a store of its own, filled on first use). Its query,
read without the page, is tested in ``tests/dashboard/views/test_views_data.py``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import dash
import pytest
from dash import dcc, html

from dashboard import data, ids
from dashboard.i18n import figure_text
from dashboard.pages import data_page
from dashboard.server import download_query, downloads
from dashboard.views import data as data_view
from loaders import api
from loaders.catalog import INDICATORS

CJK = re.compile(r"[\u3400-\u9fff]")


def walk(node: Any) -> Iterator[Any]:
    """Every component under ``node``, itself first."""
    yield node
    children = getattr(node, "children", None)
    for child in children if isinstance(children, list | tuple) else [children]:
        if child is not None and not isinstance(child, str | int | float):
            yield from walk(child)


def component(page: Any, component_id: str) -> Any:
    found = [node for node in walk(page) if getattr(node, "id", None) == component_id]
    assert len(found) == 1, component_id
    return found[0]


def text(node: Any) -> str:
    """All the text under ``node``."""
    parts = []
    for item in walk(node):
        children = getattr(item, "children", None)
        for child in children if isinstance(children, list | tuple) else [children]:
            if isinstance(child, str | int | float):
                parts.append(str(child))
    return " ".join(parts)


def links(page: Any) -> list[str]:
    """The hrefs of the page's plain links (``html.A``), in order."""
    return [node.href for node in walk(page) if isinstance(node, html.A) and node.href]


def body_rows(page: Any) -> list[list[str]]:
    table = component(page, ids.DATA_TABLE)
    body = next(node for node in walk(table) if isinstance(node, html.Tbody))
    return [[text(cell) for cell in row.children] for row in body.children]


def query_of(href: str) -> dict[str, str]:
    return {key: values[0] for key, values in parse_qs(urlsplit(href).query).items()}


# -- the page ------------------------------------------------------------------------------

QUERIES: list[dict[str, Any]] = [
    {},
    {"indicator": "revenue", "region": "east", "start": "2023-01", "end": "2024-12"},
    {"indicator": "value_added,export_delivery_value", "measure": "yoy_pct", "basis": "month"},
    {"derived": "true", "sort": "value"},
    {"derived": "false", "sort": "-indicator", "page": "3"},
    {"segment": "computers", "as_of": "2022-06-01"},
    {"as_of": "latest", "derived": "all", "page": "99999"},
    {"indicator": "bogus", "start": "2023-13", "derived": "maybe", "sort": "x", "page": "-1"},
    {"region": "<script>alert(1)</script>", "as_of": "yesterday", "end": ["2020-01", "x"]},
    {"indicator": ["revenue", "total_profit"], "unknown": "x", "page": None, "sort": 5},
    {"start": "2030-01"},  # nothing that late: an empty table
]


@pytest.mark.parametrize("lang", ["zh", "en", "fr"])
@pytest.mark.parametrize("query", QUERIES)
def test_the_page_renders_every_query(
    shipped_store: None, lang: str, query: dict[str, Any]
) -> None:
    page = data_page.layout(lang=lang, **query)
    view = data_view.view_of(lang, **query)
    expected = api.observations(store=data.store(), **view.filters.keywords())
    rows = body_rows(page)
    if expected.empty:
        assert len(rows) == 1 and len(rows[0]) == 1  # the "no rows" line
    else:
        assert 0 < len(rows) <= data_view.PAGE_SIZE
        assert all(len(row) == len(data_view.COLUMNS) for row in rows)
        pages = data_view.page_count(len(expected))
        assert f"{min(view.page, pages)} / {pages}" in text(component(page, ids.DATA_PAGER)) or (
            f"{min(view.page, pages)} of {pages}" in text(component(page, ids.DATA_PAGER))
        )
    headers = [text(th) for th in walk(component(page, ids.DATA_TABLE)) if isinstance(th, html.Th)]
    controls = text(page.children[2])
    if lang == "en":
        assert not any(CJK.search(header) for header in headers), headers
        assert not CJK.search(text(component(page, ids.DATA_URL_DOC)))
        assert not CJK.search(controls)
    else:
        assert all(CJK.search(header) for header in headers if header.strip("▲▼ ") != "SHA")
    assert component(page, ids.DATA_INDICATOR).value == list(view.filters.indicator)
    assert component(page, ids.DATA_REGION).value == list(view.filters.region)
    assert component(page, ids.DATA_START).value == (view.filters.start or None)
    assert component(page, ids.DATA_AS_OF).value == (view.filters.as_of or None)


def test_the_default_view_is_every_row_newest_first(shipped_store: None) -> None:
    page = data_page.layout()
    everything = data.observations()
    pager = text(component(page, ids.DATA_PAGER))
    assert f"共 {len(everything)} 行" in pager
    rows = body_rows(page)
    assert len(rows) == data_view.PAGE_SIZE
    assert rows[0][0] == data.latest_period()
    assert component(page, ids.DATA_DERIVED).value == ""
    assert component(page, ids.DATA_AS_OF).value is None


def test_the_table_shows_names_values_and_the_bulletin(shipped_store: None) -> None:
    page = data_page.layout(
        lang="en", indicator="revenue", region="east", measure="level", basis="ytd", sort="period"
    )
    expected = api.observations(
        indicator="revenue", region="east", measure="level", basis="ytd", store=data.store()
    )
    first = expected.iloc[0]
    row = body_rows(page)[0]
    assert row[: len(data_view.COLUMNS) - 1] == [
        first["period"],
        INDICATORS["revenue"].name_en,
        "East",
        "Whole industry",
        "Year to date",
        "Level",
        figure_text(float(first["value"]), "亿元", "en", printed=first["printed"]),
        "100 million yuan",
        "",
        "reported",
    ]
    assert row[6].startswith("¥") and row[6].endswith("trillion")  # never "99400" or 9.94e4
    table = component(page, ids.DATA_TABLE)
    bulletin = next(
        node for node in walk(table) if isinstance(node, dcc.Link) and "bulletin=" in node.href
    )
    assert query_of(bulletin.href) == {"bulletin": first["bulletin"], "lang": "en"}
    assert bulletin.children == data.bulletin_names()[first["bulletin"]][1]  # its name


def test_negative_values_and_sorting_by_value(shipped_store: None) -> None:
    ascending = body_rows(data_page.layout(lang="en", measure="yoy_pct", sort="value"))
    values = [float(row[6].rstrip("%").replace(",", "")) for row in ascending]
    assert values == sorted(values) and values[0] < 0
    descending = body_rows(data_page.layout(lang="en", measure="yoy_pct", sort="-value"))
    assert (
        float(descending[0][6].rstrip("%").replace(",", ""))
        == data.observations().query("measure == 'yoy_pct'")["value"].max()
    )


def test_headers_sort_and_turn_the_order(shipped_store: None) -> None:
    page = data_page.layout(lang="en", indicator="revenue", sort="value", page="2")
    heads = {
        node.children.split(" ")[0]: node
        for node in walk(component(page, ids.DATA_TABLE))
        if isinstance(node, dcc.Link) and node.href.startswith(data_page.PATH + "?")
    }
    assert list(heads) == [
        "Period",
        "Indicator",
        "Region",
        "Segment",
        "Basis",
        "Measure",
        "Value",
        "Unit",
        "Compared",
        "Kind",
        "Bulletin",
    ]
    value = query_of(heads["Value"].href)
    assert value["sort"] == "-value" and "page" not in value  # sorted: turn; back to page 1
    assert value["indicator"] == "revenue" and value["lang"] == "en"
    assert query_of(heads["Period"].href)["sort"] == "period"  # another column: ascending
    page = data_page.layout(lang="en", sort="-period")
    period = next(
        node
        for node in walk(component(page, ids.DATA_TABLE))
        if isinstance(node, dcc.Link) and node.children.startswith("Period")
    )
    assert "▼" in period.children and query_of(period.href)["sort"] == "period"


def test_the_pager_pages_and_clamps(shipped_store: None) -> None:
    total = len(data.observations())
    pages = data_view.page_count(total)
    assert pages > 2
    middle = data_page.layout(lang="en", page="2")
    hrefs = [
        node.href for node in walk(component(middle, ids.DATA_PAGER)) if isinstance(node, dcc.Link)
    ]
    assert [query_of(href).get("page") for href in hrefs] == [None, None, "3", str(pages)]
    past = data_page.layout(lang="en", page=str(pages + 50))
    assert f"Page {pages} of {pages}" in text(component(past, ids.DATA_PAGER))
    last_rows = body_rows(past)
    assert len(last_rows) == total - (pages - 1) * data_view.PAGE_SIZE


# -- downloads on the page -----------------------------------------------------------------


@pytest.mark.parametrize(
    "query",
    [
        {"indicator": "revenue"},
        {
            "indicator": "revenue,total_profit",
            "region": "east",
            "start": "2023-01",
            "end": "2024-12",
        },
        {"derived": "false", "basis": "month", "as_of": "2023-06-01", "sort": "value", "page": "2"},
        {"measure": "bogus", "derived": "all", "as_of": "latest"},
    ],
)
def test_download_links_carry_the_filters(shipped_store: None, query: dict[str, Any]) -> None:
    page = data_page.layout(lang="en", **query)
    filters = data_view.view_of("en", **query).filters
    hrefs = links(component(page, ids.DATA_DOWNLOADS))
    first_csv = next(href for href in links(page) if ".csv" in href)  # what a user sees first
    assert urlsplit(first_csv).path == "/data/observations.csv"
    assert query_of(first_csv) == filters.query()
    assert set(query_of(first_csv)) <= set(download_query.FILTERS)  # no sort, page, lang
    assert {urlsplit(href).path for href in hrefs} == {
        f"/data/{name}.{fmt}" for name in ("observations", "wide") for fmt in downloads.FORMATS
    }
    assert all(query_of(href) == filters.query() for href in hrefs)
    everything = links(component(page, ids.DATA_DOWNLOADS_ALL))
    assert set(everything) == {
        f"/data/{name}.{fmt}"
        for name in downloads.PARAMETERS
        if name != "datapackage"
        for fmt in downloads.FORMATS
    } | {downloads.DATAPACKAGE_URL}
    # and the link downloads what the table shows
    total = len(api.observations(store=data.store(), **filters.keywords()))
    assert f"({total} rows)" in text(component(page, ids.DATA_DOWNLOADS))


def test_every_link_on_the_page_answers(shipped_store: None) -> None:
    from dashboard.app import create_app

    client = create_app().server.test_client()
    page = data_page.layout(lang="zh", indicator="revenue", as_of="2023-06-01")
    for href in links(page):
        response = client.get(href)
        response.close()
        assert response.status_code == 200, href
    for query in ("", "?lang=en&indicator=revenue&sort=-value&page=2", "?indicator=<x>&page=z"):
        assert client.get(f"/data{query}").status_code == 200


def test_the_documentation_names_the_pattern_and_parameters(shipped_store: None) -> None:
    for lang in ("zh", "en"):
        doc = text(component(data_page.layout(lang=lang), ids.DATA_URL_DOC))
        assert "/data/<table>.<format>" in doc and "/data/datapackage.json" in doc
        for name in (*download_query.FILTERS, "observations", "wide", "bulletins", "indicators"):
            assert name in doc, (lang, name)
    examples = links(component(data_page.layout(), ids.DATA_URL_DOC))
    assert "/data/observations.csv?indicator=revenue&region=east&start=2023-01&end=2024-12" in (
        examples
    )


def test_the_vintages_are_the_bulletins_added_times(shipped_store: None) -> None:
    options = data_page.as_of_options("en")
    added = data.bulletins()["added_at"]
    assert len(options) == added.nunique()
    assert options[0]["value"] == download_query.as_of_text(added.max().to_pydatetime())
    assert all(re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", o["value"]) for o in options)
    chosen = options[-1]["value"]  # the oldest: fewer rows than now
    page = data_page.layout(lang="en", as_of=chosen)
    assert component(page, ids.DATA_AS_OF).value == chosen
    then = len(api.observations(as_of=chosen, store=data.store()))
    assert then < len(data.observations())
    assert f"({then} rows)" in text(component(page, ids.DATA_DOWNLOADS))
    typed = data_page.layout(lang="en", as_of="2022-02-03T04:05:06+08:00")
    kept = component(typed, ids.DATA_AS_OF)
    assert kept.value == "2022-02-02T20:05:06Z"
    assert kept.options[0]["value"] == kept.value


#: Run in a fresh interpreter: Dash hands the callbacks registered at import to the first
#: app that serves a request, and this test session has made several apps already.
DEPENDENCIES = """
import json
from dashboard.app import create_app
client = create_app().server.test_client()
print(json.dumps(client.get("/_dash-dependencies").json))
"""


def test_the_controls_are_kept_in_the_url(tmp_path: Path) -> None:
    import json
    import os
    import subprocess
    import sys

    environment = {**os.environ, "EIM_DATABASE_PATH": str(tmp_path / "eim.sqlite")}
    environment.pop("EIM_DATABASE_URL", None)
    proc = subprocess.run(
        [sys.executable, "-c", DEPENDENCIES],
        capture_output=True,
        text=True,
        env=environment,
        timeout=120,
        check=True,
    )
    inputs = {
        item["id"]
        for callback in json.loads(proc.stdout.strip().splitlines()[-1])
        if f"{ids.URL}.search" in callback["output"]
        for item in callback["inputs"]
    }
    controls = {ids.DATA_INDICATOR, ids.DATA_REGION, ids.DATA_SEGMENT, ids.DATA_BASIS}
    controls |= {ids.DATA_MEASURE, ids.DATA_START, ids.DATA_END, ids.DATA_DERIVED, ids.DATA_AS_OF}
    assert controls <= inputs
    import dashboard.app  # noqa: F401  (registers the pages in this process too)

    assert data_page.PATH in {page["path"] for page in dash.page_registry.values()}


def test_the_coverage_map_shows_every_main_series_and_its_printed_months(
    shipped_store: None,
) -> None:
    page = data_page.layout(lang="en")
    [graph] = [
        node
        for node in walk(page)
        if isinstance(node, dcc.Graph) and getattr(node, "id", None) == chart_coverage_id()
    ]
    traces = {trace["name"]: trace for trace in graph.figure["data"]}
    assert {"printed", "derived", "no figure"} <= set(traces)
    rows = graph.figure["layout"]["yaxis"]["categoryarray"]
    assert rows[-1] == "Value added of enterprises above designated size · Year to date · y/y"
    series = data.series("value_added", "yoy_pct", basis="ytd")
    printed = set(series.loc[~series["derived"], "period"])
    shown = {
        x
        for x, y in zip(traces["printed"]["x"], traces["printed"]["y"], strict=True)
        if y == rows[-1]
    }
    assert shown == printed
    assert all(len(custom[1]) == 16 for custom in traces["printed"]["customdata"])


def chart_coverage_id() -> dict[str, str]:
    from dashboard.components import chart_id

    return chart_id("coverage", "data")


@pytest.mark.parametrize(
    ("lang", "count"), [("zh", "已选 {num_selected} 项"), ("en", "{num_selected} selected")]
)
def test_the_multi_selects_speak_the_pages_language(
    shipped_store: None, lang: str, count: str
) -> None:
    """Dash 4's dropdown says "3 selected" unless told: a Chinese page says 已选 3 项."""
    page = data_page.layout(lang=lang)
    menus = [node for node in walk(page) if isinstance(node, dcc.Dropdown)]
    assert menus and all(menu.labels["selected_count"] == count for menu in menus)
    if lang == "zh":
        assert all(CJK.search(word) for menu in menus for word in menu.labels.values())
