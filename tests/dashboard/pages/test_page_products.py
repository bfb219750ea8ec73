"""The Products and trade page: levels (printed solid, derived single months dotted) on an
axis in the unit a reader expects, growth year on year; both languages; nonsense queries
fall back to the defaults.

The pure builders are exercised on small frames made here; the page itself on the shipped
datasets (a store of its own, filled from datasets/ on first use).
"""

from __future__ import annotations

import re
from typing import Any

import pandas as pd
import pytest
from dash_tree import graphs

from dashboard import data, ids
from dashboard.figures import base
from dashboard.pages import growth, products

CJK = re.compile(r"[\u3400-\u9fff]")
SHA = "cd" * 32


def series(rows: list[tuple[str, float, bool]], unit: str = "万台") -> pd.DataFrame:
    """A series frame as ``data.series`` gives it."""
    return pd.DataFrame(
        [
            {
                "period": period,
                "value": value,
                "unit": unit,
                "derived": derived,
                "bulletin": SHA,
                "text": "1—8月 99000 − 1—7月 86300 万台" if derived else "",
                "ref_period": "",
            }
            for period, value, derived in rows
        ]
    )


# -- axes in the reader's unit -------------------------------------------------------------


@pytest.mark.parametrize(
    ("unit", "values", "lang", "factor", "axis"),
    [
        ("万台", [157000, 99000], "zh", 1e-4, "亿台"),  # 15.7亿台
        ("万台", [1400, 1131], "zh", 1.0, "台"),  # stays in 万台
        ("万块", [3_000_000, 2_400_000], "zh", 1e-4, "亿块"),
        ("万个", [31_230_000], "en", 1e-5, "billion chips"),
        ("万台", [157000, 99000], "en", 1e-5, "billion units"),
        ("万台", [1400, None, float("nan")], "en", 1e-2, "million units"),
        ("%", [3.4, 43.9], "en", 1.0, "%"),
    ],
)
def test_level_axes_read_in_the_largest_scale_reached(
    unit: str, values: list[float | None], lang: str, factor: float, axis: str
) -> None:
    found_factor, found_axis = products.level_axis(unit, values, lang)
    assert found_factor == pytest.approx(factor)
    assert found_axis == (f"万{axis}" if axis == "台" else axis)


def test_level_ticks_are_round_in_the_axis_unit() -> None:
    tickvals, ticktext = products.level_ticks([14000, 12700, 16000], 1e-4)
    assert ticktext == ["1.2", "1.3", "1.4", "1.5", "1.6"]
    assert tickvals == [12000, 13000, 14000, 15000, 16000]
    assert products.level_ticks([], 1e-4) == ([], [])
    assert products.level_ticks([5.0], 10.0) == ([5.0], ["50"])


# -- figures -------------------------------------------------------------------------------


def test_level_figure_draws_derived_months_dotted_with_exact_values() -> None:
    frame = series([("2021-06", 14000, False), ("2021-08", 13000, False), ("2021-09", 12700, True)])
    figure = products.level_figure(frame, "output_mobile_phones", "month", "zh")
    reported, derived = figure["data"]
    assert reported["x"] == ["2021-06", "2021-07", "2021-08", "2021-09"]
    assert reported["y"] == [14000.0, None, 13000.0, None]  # July missing: a gap
    assert reported["connectgaps"] is False
    assert derived["y"] == [None, None, None, 12700.0]
    assert derived["line"]["dash"] == "dot" and derived["name"] == "当月（推算值）"
    assert reported["line"]["dash"] == "solid"
    hover, bulletin = derived["customdata"][3]
    assert hover == "1.27亿台" and bulletin == SHA[:16]
    assert "推算值" in derived["hovertemplate"] and "公布值" in reported["hovertemplate"]
    assert "%{customdata[0]}" in derived["hovertemplate"]
    assert "%{customdata[1]}" in derived["hovertemplate"]
    layout = figure["layout"]
    assert layout["title"]["text"] == "手机产量（当月，亿台）"
    assert layout["yaxis"]["title"]["text"] == "亿台"
    assert layout["yaxis"]["ticktext"] == ["1.25", "1.3", "1.35", "1.4"]
    assert layout["yaxis"]["tickvals"] == [12500, 13000, 13500, 14000]
    assert layout["height"] == growth.CHART_HEIGHT


def test_level_figure_in_english() -> None:
    frame = series([("2021-06", 31_230_000, False)], unit="万个")
    figure = products.level_figure(frame, "customs_import_integrated_circuits", "ytd", "en")
    (trace,) = figure["data"]
    assert trace["y"] == [31_230_000.0]
    assert "312.3 billion chips" in trace["customdata"][0][0]
    title = figure["layout"]["title"]["text"]
    assert title == "Customs imports: integrated circuits (year to date, billion chips)"
    assert not CJK.search(title + trace["name"])


def test_growth_figure_and_empty_figures() -> None:
    frame = series([("2020-05", -9.0, False), ("2020-08", 3.5, False)], unit="%")
    figure = products.growth_figure(frame, "output_mobile_phones", "month", "en")
    (trace,) = figure["data"]
    assert trace["y"] == [-9.0, None, None, 3.5]
    assert (
        figure["layout"]["title"]["text"] == "Output: mobile phones: growth y/y, single month (%)"
    )
    assert figure["layout"]["yaxis"]["title"]["text"] == "%"
    for empty in (
        products.growth_figure(products.EMPTY, "output_smartphones", "ytd", "zh"),
        products.level_figure(products.EMPTY, "output_smartphones", "month", "zh"),
    ):
        assert empty["data"] == []
        assert empty["layout"]["annotations"][0]["text"] == "暂无数据"


# -- the page ------------------------------------------------------------------------------

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
        assert graph.config == base.GRAPH_CONFIG
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
    names = [trace["name"] for trace in level["data"]]
    assert names == ["当月", "当月（推算值）"]
    assert level["data"][1]["line"]["dash"] == "dot"
    assert level["layout"]["yaxis"]["title"]["text"] == "亿台"
    printed = data.series("output_mobile_phones", "level", basis="month")
    drawn = {y for trace in level["data"] for y in trace["y"] if y is not None}
    assert drawn == set(printed["value"].astype(float))  # the exact stored values
    # both charts over the same months
    assert level["data"][0]["x"] == charts["growth"].figure["data"][0]["x"]


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
