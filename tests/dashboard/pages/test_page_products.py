"""The Products and trade page: its charts for every query, in both languages; printed and
derived single months on the phones' level chart; nonsense queries fall back to the
defaults. The page runs on the shipped datasets (a store of its own, filled from datasets/ on
first use); its figures are tested on their own in
tests/dashboard/figures/test_figures_products.py.
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from dash_tree import graphs

from dashboard import data, ids
from dashboard.figures import base
from dashboard.pages import products

CJK = re.compile(r"[\u3400-\u9fff]")


QUERIES: list[dict[str, Any]] = [
    {},
    *({"product": product, "basis": "month"} for product in products.PRODUCTS),
    {"product": "output_integrated_circuits", "basis": "ytd"},
    {"product": "bogus", "basis": "weekly"},
    {"product": ["output_smartphones"], "basis": None, "years": "abc"},
]


@pytest.mark.parametrize("lang", ["zh", "en", "xx"])
@pytest.mark.parametrize("query", QUERIES)
def test_the_page_renders_every_query(
    shipped_store: None, lang: str, query: dict[str, Any]
) -> None:
    page = products.layout(lang=lang, **query)
    charts = graphs(page)
    assert set(charts) == {"level", "growth"}
    for name, graph in charts.items():
        assert graph.id == {"type": ids.CHART, "page": "products", "name": name}
        assert graph.config == base.graph_config("en" if lang == "en" else "zh")
        layout = graph.figure["layout"]
        texts = [layout["title"]["text"], layout["yaxis"]["title"]["text"]]
        texts += [trace["name"] for trace in graph.figure["data"]]
        if lang == "en":
            assert not any(CJK.search(text) for text in texts), texts
        else:
            assert CJK.search(layout["title"]["text"])
    assert charts["growth"].figure["layout"]["yaxis"]["title"]["text"] == "%"


def test_phones_show_printed_and_derived_single_months(shipped_store: None) -> None:
    charts = graphs(products.layout(product="output_mobile_phones", basis="month"))
    level = charts["level"].figure
    curve = level["data"][0]
    assert curve["name"] == "当月"
    kinds = {c[3] for c in curve["customdata"] if c[3]}
    assert kinds == {"公布值", "推算值"}  # printed and derived single months, one curve
    assert {"circle", "circle-open"} <= set(curve["marker"]["symbol"])
    assert level["layout"]["yaxis"]["title"]["text"] == "亿台"
    stored = data.series("output_mobile_phones", "level", basis="month")
    drawn = {y for y in curve["y"] if y is not None}
    assert drawn == set(stored["value"].astype(float))  # the exact stored values
    # both charts over the same months
    assert level["layout"]["xaxis"]["range"] == charts["growth"].figure["layout"]["xaxis"]["range"]


def test_unknown_products_fall_back_to_phones(shipped_store: None) -> None:
    assert str(products.layout(lang="zh", product="bogus", basis="x")) == str(products.layout())


def test_the_page_answers_through_the_server(shipped_store: None) -> None:
    from dashboard.app import create_app

    client = create_app().server.test_client()
    for query in (
        "",
        "?lang=en",
        "?product=output_integrated_circuits&basis=month",
        "?product=bogus&basis=x",
    ):
        response = client.get(f"{products.PATH}{query}")
        assert response.status_code == 200, query
