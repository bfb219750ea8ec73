"""The Growth page: growth with the comparison industries (derived: dotted, named so), the
year overlay (one line per chosen year over 12 months, gaps where nothing was printed),
single-month growth; both languages; nonsense queries fall back to the defaults.

The pure builders are exercised on small frames made here; the page itself on the shipped
datasets (a store of its own, filled from datasets/ on first use).
"""

from __future__ import annotations

import re
from typing import Any

import pandas as pd
import pytest
from dash_tree import component, graphs

from dashboard import data, ids
from dashboard.figures import base
from dashboard.pages import growth

CJK = re.compile(r"[\u3400-\u9fff]")
SHA = "ab" * 32


def series(rows: list[tuple[str, float, bool]]) -> pd.DataFrame:
    """A series frame as ``data.series`` gives it."""
    return pd.DataFrame(
        [
            {
                "period": period,
                "value": value,
                "unit": "%",
                "derived": derived,
                "bulletin": SHA,
                "text": "增加值增速 9.8% − 差距 +6.3 个百分点" if derived else "",
                "ref_period": "",
            }
            for period, value, derived in rows
        ]
    )


# -- the query -----------------------------------------------------------------------------


def test_choices_fall_back_to_the_default() -> None:
    assert growth.choice("revenue", growth.INDICATORS, "value_added") == "revenue"
    assert growth.choice("bogus", growth.INDICATORS, "value_added") == "value_added"
    assert growth.choice(["revenue"], growth.INDICATORS, "value_added") == "value_added"
    assert growth.choice(None, growth.BASES, "ytd") == "ytd"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2021,2023", [2021, 2023]),
        ("2023, 2021,2023", [2021, 2023]),
        (["2021", "2022"], [2021, 2022]),  # a repeated key
        ("2021,1999,abc", [2021]),  # unknown years dropped
        ("abc", [2022, 2023, 2024]),  # nothing usable: the latest three
        ("", [2022, 2023, 2024]),
        (None, [2022, 2023, 2024]),
        ("99999,-2021,20 21", [2022, 2023, 2024]),
    ],
)
def test_years_are_parsed_and_validated(value: object, expected: list[int]) -> None:
    assert growth.parse_years(value, [2020, 2021, 2022, 2023, 2024]) == expected


def test_years_of_a_series_ignore_malformed_periods() -> None:
    frame = pd.DataFrame({"period": ["2021-03", "2023-11", "2023-12", "bad", "2020"]})
    assert growth.years_of(frame) == [2021, 2023]
    assert growth.parse_years("2023", []) == []


# -- the year overlay ----------------------------------------------------------------------


def test_year_overlay_has_one_line_per_year_over_twelve_months_with_gaps() -> None:
    frame = series(
        [
            ("2023-02", -2.6, False),
            ("2023-03", -1.1, False),
            ("2023-06", 0.0, False),
            ("2024-02", 14.6, False),
            ("2024-03", 13.0, False),
        ]
    )
    figure = growth.year_overlay(frame, [2024, 2023], "增加值增速（%）", "%", "zh")
    traces = figure["data"]
    assert [trace["name"] for trace in traces] == ["2023年", "2024年"]
    for trace in traces:
        assert trace["x"] == [f"{month}月" for month in range(1, 13)]
        assert len(trace["y"]) == 12
        assert trace["connectgaps"] is False
    first = traces[0]["y"]
    assert first[:6] == [None, -2.6, -1.1, None, None, 0.0]  # April and May missing: gaps
    assert first[6:] == [None] * 6
    assert traces[1]["y"][1:3] == [14.6, 13.0]
    hover, bulletin, period = traces[0]["customdata"][1]
    assert bulletin == SHA[:16] and period == "2023-02"  # the bulletin's key
    assert "2023-02" in hover and "-2.6%" in hover and "公布值" in hover and SHA[:12] in hover
    assert traces[0]["customdata"][0] == ["", "", "2023-01"]
    assert traces[1]["line"]["color"] == base.PALETTE[0]  # the latest year in red
    layout = figure["layout"]
    assert layout["xaxis"]["type"] == "category"
    assert layout["xaxis"]["categoryarray"] == traces[0]["x"]
    assert layout["yaxis"]["title"]["text"] == "%"
    assert layout["title"]["text"] == "增加值增速（%）"
    assert "annotations" not in layout


def test_year_overlay_in_english_and_with_derived_points() -> None:
    frame = series([("2022-07", 3.5, True), ("2022-08", 3.6, True), ("2022-08", 9.3, False)])
    figure = growth.year_overlay(frame, [2022], "Growth (%)", "%", "en")
    (trace,) = figure["data"]
    assert trace["x"][:3] == ["Jan", "Feb", "Mar"] and trace["x"][-1] == "Dec"
    assert trace["y"][6:8] == [3.5, 9.3]  # a printed figure wins over a derived one
    assert trace["marker"]["symbol"][6] == "circle-open"  # derived: drawn differently
    assert trace["marker"]["symbol"][7] == "circle"
    assert "(derived)" in trace["customdata"][6][0] and "(reported)" in trace["customdata"][7][0]
    assert "derived" in trace["name"]
    assert figure["layout"]["xaxis"]["title"]["text"] == "Month"
    assert not CJK.search(str(trace["customdata"]))


def test_year_overlay_without_figures_says_so() -> None:
    figure = growth.year_overlay(series([]), [2023], "增速（%）", "%", "zh")
    assert figure["data"][0]["y"] == [None] * 12
    assert figure["layout"]["annotations"][0]["text"] == "暂无数据"
    empty = growth.year_overlay(series([]), [], "Growth (%)", "%", "en")
    assert empty["data"] == [] and empty["layout"]["annotations"][0]["text"] == "No data"


# -- growth and single-month charts --------------------------------------------------------


def test_comparison_lines_are_drawn_as_derived() -> None:
    frames = {
        "value_added": series([("2024-02", 14.6, False), ("2024-04", 13.0, False)]),
        "industry_value_added": series([("2024-02", 7.0, True), ("2024-04", 6.1, True)]),
        "high_tech_value_added": series([]),
    }
    figure = growth.growth_figure(frames, "value_added", "ytd", "zh")
    electronics, industry = figure["data"]
    assert electronics["name"] == "电子信息制造业"
    assert electronics["line"]["dash"] == "solid"
    assert electronics["x"] == ["2024-02", "2024-03", "2024-04"]
    assert electronics["y"] == [14.6, None, 13.0]  # the missing month is a gap
    assert electronics["connectgaps"] is False
    assert industry["line"]["dash"] == "dot" and "推算值" in industry["name"]
    assert industry["marker"]["symbol"] == "circle-open"
    assert figure["layout"]["title"]["text"] == "增加值累计同比增速（%）"
    assert figure["layout"]["yaxis"]["title"]["text"] == "%"
    assert figure["layout"]["height"] == growth.CHART_HEIGHT
    assert "template" not in figure["layout"]

    english = growth.growth_figure(frames, "value_added", "month", "en")
    assert english["data"][1]["name"].startswith("All industry")
    assert "derived" in english["data"][1]["name"]
    assert english["layout"]["title"]["text"] == "Value added: growth y/y, single month (%)"


def test_revenue_and_profit_are_drawn_together() -> None:
    frames = {
        "revenue": series([("2024-02", 8.0, False)]),
        "total_profit": series([("2024-02", 12.0, False)]),
    }
    for indicator in ("revenue", "total_profit"):
        figure = growth.growth_figure(frames, indicator, "ytd", "en")
        assert [trace["name"] for trace in figure["data"]] == [
            "Operating revenue",
            "Total profit",
        ]
        assert figure["layout"]["title"]["text"].startswith("Operating revenue and total profit")


def test_single_month_chart_has_a_line_per_indicator_with_figures() -> None:
    frames = {
        "value_added": series([("2024-03", 10.6, False)]),
        "export_delivery_value": series([("2024-03", 2.1, False)]),
        "fixed_asset_investment": series([]),
    }
    figure = growth.month_figure(frames, "zh")
    assert [trace["name"] for trace in figure["data"]] == ["增加值", "出口交货值"]
    assert "当月" in figure["layout"]["title"]["text"]


def test_a_shared_span_gives_charts_the_same_months_and_draws_nothing() -> None:
    frames = {
        "a": series([("2024-02", 1.0, False), ("2024-03", 2.0, False)]),
        "b": series([("2023-11", 3.0, True)]),
        "c": series([]),
    }
    span = growth.span_of(frames.values())
    assert span == ("2023-11", "2024-03")
    assert growth.span_of([frames["c"]]) == ()
    figure = growth.month_figure({"value_added": frames["a"]}, "zh", span)
    (trace,) = figure["data"]
    assert trace["x"] == ["2023-11", "2023-12", "2024-01", "2024-02", "2024-03"]
    assert trace["y"] == [None, None, None, 1.0, 2.0]
    alone = growth.month_figure({"value_added": frames["a"]}, "zh")
    assert alone["data"][0]["x"] == ["2024-02", "2024-03"]


# -- the page ------------------------------------------------------------------------------

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
    assert set(charts) == {"growth", "years", "month"}
    for name, graph in charts.items():
        assert graph.id == {"type": ids.CHART, "page": "growth", "name": name}
        assert graph.config == base.GRAPH_CONFIG
        title = graph.figure["layout"]["title"]["text"]
        assert title.endswith("（%）" if lang != "en" else "(%)")
        texts = [title, *(trace["name"] for trace in graph.figure["data"])]
        if lang == "en":
            assert not any(CJK.search(text) for text in texts), texts
        else:
            assert CJK.search(title)
    indicator = query.get("indicator")
    expected = indicator if indicator in growth.INDICATORS else "value_added"
    assert component(page, ids.GROWTH_INDICATOR).value == expected
    basis = query.get("basis")
    assert component(page, ids.GROWTH_BASIS).value == (basis if basis in growth.BASES else "ytd")


def test_the_default_view_draws_the_comparisons_as_derived(shipped_store: None) -> None:
    charts = graphs(growth.layout())
    traces = charts["growth"].figure["data"]
    assert traces[0]["name"] == "电子信息制造业" and traces[0]["line"]["dash"] == "solid"
    derived = traces[1:]
    assert {trace["name"] for trace in derived} == {"全部工业（推算值）", "高技术制造业（推算值）"}
    assert all(trace["line"]["dash"] == "dot" for trace in derived)
    for trace in traces:  # every point: hover text and the bulletin it came from
        for y, (hover, bulletin) in zip(trace["y"], trace["customdata"], strict=True):
            if y is not None:
                assert "%" in hover and len(bulletin) == 16  # the bulletin's key
    months = charts["month"].figure["data"]
    assert {"增加值", "出口交货值"} <= {trace["name"] for trace in months}


def test_the_overlay_shows_the_chosen_years_or_the_latest_three(shipped_store: None) -> None:
    page = growth.layout(lang="en", indicator="value_added", years="2021,2023")
    overlay = graphs(page)["years"].figure
    assert [trace["name"] for trace in overlay["data"]] == ["2021", "2023"]
    assert all(len(trace["x"]) == 12 and len(trace["y"]) == 12 for trace in overlay["data"])
    assert component(page, ids.GROWTH_YEARS).value == [2021, 2023]

    fallback = growth.layout(lang="zh", years="abc")
    available = growth.years_of(data.series("value_added", "yoy_pct", basis="ytd"))
    latest = available[-3:]
    assert component(fallback, ids.GROWTH_YEARS).value == latest
    names = [trace["name"] for trace in graphs(fallback)["years"].figure["data"]]
    assert names == [f"{year}年" for year in latest]
    options = component(fallback, ids.GROWTH_YEARS).options
    assert [option["value"] for option in options] == list(reversed(available))


def test_the_two_time_series_share_their_months(shipped_store: None) -> None:
    charts = graphs(growth.layout(lang="en"))
    assert charts["growth"].figure["data"][0]["x"] == charts["month"].figure["data"][0]["x"]


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
