"""The Growth page: its charts for every query, in both languages; nonsense queries fall back
to the defaults. The page runs on the shipped datasets (a store of its own, filled from
datasets/ on first use); its figures and its query reading are tested on their own in
tests/dashboard/figures/test_figures_growth.py and tests/dashboard/views/test_views_growth.py.
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from dash_tree import component, graphs

from dashboard import data, ids
from dashboard.figures import base
from dashboard.figures.growth import INDICATORS
from dashboard.figures.rows import is_data_trace
from dashboard.pages import growth
from dashboard.views.growth import years_of
from dashboard.views.query import BASES

CJK = re.compile(r"[\u3400-\u9fff]")

QUERIES: list[dict[str, Any]] = [
    {},
    {"indicator": "export_delivery_value", "basis": "month"},
    {"indicator": "revenue", "years": "2021,2023"},
    {"indicator": "total_profit", "years": ["2022", "2024"]},
    {"indicator": "fixed_asset_investment", "basis": "ytd"},
    {"indicator": "bogus", "basis": "quarterly", "years": "abc"},
    {"indicator": ["value_added"], "basis": None, "years": 7, "unknown": "x"},
]


@pytest.mark.parametrize("lang", ["zh", "en", "fr"])
@pytest.mark.parametrize("query", QUERIES)
def test_the_page_renders_every_query(
    shipped_store: None, lang: str, query: dict[str, Any]
) -> None:
    page = growth.layout(lang=lang, **query)
    charts = graphs(page)
    assert set(charts) == {"growth", "years", "month", "margin"}
    for name, graph in charts.items():
        assert graph.id == {"type": ids.CHART, "page": "growth", "name": name}
        assert graph.config == base.graph_config("en" if lang == "en" else "zh")
        title = graph.figure["layout"]["title"]["text"]
        assert title.endswith("（%）" if lang != "en" else "(%)")
        texts = [title, *(trace["name"] for trace in graph.figure["data"])]
        if lang == "en":
            assert not any(CJK.search(text) for text in texts), texts
        else:
            assert CJK.search(title)
    indicator = query.get("indicator")
    expected = indicator if indicator in INDICATORS else "value_added"
    assert component(page, ids.GROWTH_INDICATOR).value == expected
    basis = query.get("basis")
    assert component(page, ids.GROWTH_BASIS).value == (basis if basis in BASES else "ytd")


def test_the_default_view_draws_curves_with_the_comparisons_as_derived(
    shipped_store: None,
) -> None:
    charts = graphs(growth.layout())
    traces = charts["growth"].figure["data"]
    curves = [trace for trace in traces if is_data_trace(trace)]
    assert [trace["name"] for trace in curves] == ["电子信息制造业", "全部工业", "高技术制造业"]
    assert all(trace["line"]["dash"] == "solid" for trace in curves)
    ours, *comparisons = curves
    # the industry's own curve: printed points, and earlier periods recovered from changes
    assert {"circle", "circle-open"} <= set(ours["marker"]["symbol"])
    for trace in comparisons:  # derived from the printed gaps: every point open
        assert {s for s, y in zip(trace["marker"]["symbol"], trace["y"], strict=True) if y} == {
            "circle-open"
        }
    assert any(trace.get("meta") == "gap" for trace in traces)
    for trace in curves:  # every point: hover text and the bulletin it came from, by name
        for y, custom in zip(trace["y"], trace["customdata"], strict=True):
            hover, bulletin, _, kind, source = custom
            if y is not None:
                assert "%" in hover or hover.endswith("持平")  # 持平: as printed
                assert len(bulletin) == 16 and kind in ("公布值", "推算值")
                assert source.endswith("电子信息制造业运行情况"), source
    assert "%{customdata[4]}" in ours["hovertemplate"]
    assert "%{customdata[1]}" not in ours["hovertemplate"]  # the key is for clicks only
    months = charts["month"].figure["data"]
    assert {"增加值", "出口交货值"} <= {trace["name"] for trace in months}


def test_the_overlay_shows_the_chosen_years_or_the_latest_three(shipped_store: None) -> None:
    page = growth.layout(lang="en", indicator="value_added", years="2021,2023")
    overlay = graphs(page)["years"].figure
    overlay["data"] = [trace for trace in overlay["data"] if is_data_trace(trace)]  # not gaps
    # both years hold months recovered from later bulletins' changes (2021-09, 2023-05 …)
    assert [trace["name"] for trace in overlay["data"]] == [
        "2021 (incl. derived)",
        "2023 (incl. derived)",
    ]
    assert all(len(trace["x"]) == 12 and len(trace["y"]) == 12 for trace in overlay["data"])
    assert component(page, ids.GROWTH_YEARS).value == [2021, 2023]

    fallback = growth.layout(lang="zh", years="abc")
    available = years_of(data.series("value_added", "yoy_pct", basis="ytd"))
    latest = available[-3:]
    assert component(fallback, ids.GROWTH_YEARS).value == latest
    names = [
        trace["name"]
        for trace in graphs(fallback)["years"].figure["data"]
        if is_data_trace(trace)  # the gaps' dotted lines and hovers share their year's name
    ]
    assert [name.removesuffix("（含推算值）") for name in names] == [f"{year}年" for year in latest]
    options = component(fallback, ids.GROWTH_YEARS).options
    assert [option["value"] for option in options] == list(reversed(available))


def test_the_two_time_series_share_their_months(shipped_store: None) -> None:
    charts = graphs(growth.layout(lang="en"))
    growth_axis = charts["growth"].figure["layout"]["xaxis"]
    assert growth_axis["range"] == charts["month"].figure["layout"]["xaxis"]["range"]


def test_the_page_answers_through_the_server(shipped_store: None) -> None:
    from dashboard.app import create_app

    client = create_app().server.test_client()
    for query in (
        "",
        "?lang=en",
        "?lang=en&indicator=revenue&years=2021,2023",
        "?indicator=bogus&years=abc&basis=x",
    ):
        response = client.get(f"{growth.PATH}{query}")
        assert response.status_code == 200, query


def test_hovers_name_the_bulletin_in_the_page_language_never_by_its_hash(
    shipped_store: None,
) -> None:
    from dashboard.i18n import bulletin_name

    for lang, start in (("zh", "20"), ("en", "MIIT bulletin, ")):
        curve = graphs(growth.layout(lang=lang))["growth"].figure["data"][0]
        names = {custom[4] for custom in curve["customdata"] if custom[0]}
        assert names and all(name.startswith(start) for name in names), names
        assert not any(re.search(r"[0-9a-f]{12}", name) for name in names)
    assert bulletin_name("2023-11", "en") == "MIIT bulletin, Jan–Nov 2023"
    assert bulletin_name("2023-12", "zh") == "2023年电子信息制造业运行情况"
    assert bulletin_name("2023-11", "zh", "2023年1—11月份电子信息制造业运行情况").startswith(
        "2023年1—11月份"
    )
