"""The Growth page's figures (``dashboard.figures.growth``, ``dashboard.figures.year_overlay``):
growth with the comparison industries (derived: dotted, named so), the year overlay (one line
per chosen year over 12 months, gaps where nothing was printed), single-month growth, both
languages; built from small frames made here.
"""

from __future__ import annotations

import re

import pandas as pd

from dashboard.figures import base
from dashboard.figures.growth import growth_figure, month_figure
from dashboard.figures.look import CHART_HEIGHT, span_of
from dashboard.figures.rows import is_data_trace
from dashboard.figures.year_overlay import year_overlay

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
    figure = year_overlay(frame, [2024, 2023], "增加值增速（%）", "%", "zh")
    traces = [trace for trace in figure["data"] if is_data_trace(trace)]
    assert [trace["name"] for trace in traces] == ["2023年", "2024年"]
    for trace in traces:
        assert trace["x"] == [f"{month}月" for month in range(1, 13)]
        assert len(trace["y"]) == 12
        assert trace["connectgaps"] is False
    first = traces[0]["y"]
    assert first[:6] == [None, -2.6, -1.1, None, None, 0.0]  # April and May missing: gaps
    assert first[6:] == [None] * 6
    assert traces[1]["y"][1:3] == [14.6, 13.0]
    _, bulletin, period, _, _, hover = traces[0]["customdata"][1]
    assert bulletin == SHA[:16] and period == "2023-02"  # the bulletin's key
    assert "2023-02" in hover and "-2.6%" in hover and "公布值" in hover
    assert SHA[:12] not in hover  # a bulletin is named by its title, never by its key
    assert traces[0]["customdata"][0] == ["", "", "2023-01"]
    assert traces[1]["line"]["color"] == base.PALETTE[0]  # the latest year in red
    # April and May: a thin dotted line of 2023's colour from March to June, a hover naming them
    gap, hover = [trace for trace in figure["data"] if not is_data_trace(trace)]
    assert (gap["x"], gap["y"]) == (["3月", "6月", None], [-1.1, 0.0, None])
    assert gap["line"] == {"color": traces[0]["line"]["color"], "dash": "dot", "width": 1}
    assert hover["customdata"][0][0] == "2023-04 至 2023-05 无数据（2个月）"
    assert hover["x"] == ["4月"] and hover["name"] == "2023年"
    layout = figure["layout"]
    assert layout["xaxis"]["type"] == "category"
    assert layout["xaxis"]["categoryarray"] == traces[0]["x"]
    assert layout["yaxis"]["title"]["text"] == "%"
    assert layout["title"]["text"] == "增加值增速（%）"
    assert "annotations" not in layout


def test_year_overlay_in_english_and_with_derived_points() -> None:
    frame = series([("2022-07", 3.5, True), ("2022-08", 3.6, True), ("2022-08", 9.3, False)])
    figure = year_overlay(frame, [2022], "Growth (%)", "%", "en")
    (trace,) = figure["data"]
    assert trace["x"][:3] == ["Jan", "Feb", "Mar"] and trace["x"][-1] == "Dec"
    assert trace["y"][6:8] == [3.5, 9.3]  # a printed figure wins over a derived one
    assert trace["marker"]["symbol"][6] == "circle-open"  # derived: drawn differently
    assert trace["marker"]["symbol"][7] == "circle"
    assert "(derived)" in trace["customdata"][6][5] and "(reported)" in trace["customdata"][7][5]
    assert trace["customdata"][6][3] == "derived" and trace["customdata"][7][3] == "reported"
    assert trace["customdata"][7][0] == "9.3%"  # the figure alone, as its download says it
    assert "derived" in trace["name"]
    assert figure["layout"]["xaxis"]["title"]["text"] == "Month"
    assert not CJK.search(str(trace["customdata"]))


def test_year_overlay_without_figures_says_so() -> None:
    figure = year_overlay(series([]), [2023], "增速（%）", "%", "zh")
    assert figure["data"][0]["y"] == [None] * 12
    assert figure["layout"]["annotations"][0]["text"] == "暂无数据"
    empty = year_overlay(series([]), [], "Growth (%)", "%", "en")
    assert empty["data"] == [] and empty["layout"]["annotations"][0]["text"] == "No data"


# -- growth and single-month charts --------------------------------------------------------


def test_comparison_lines_are_curves_of_open_markers() -> None:
    frames = {
        "value_added": series([("2024-02", 14.6, False), ("2024-04", 13.0, False)]),
        "industry_value_added": series([("2024-02", 7.0, True), ("2024-03", 6.1, True)]),
        "high_tech_value_added": series([]),
    }
    figure = growth_figure(frames, "value_added", "ytd", "zh")
    electronics, gap, gap_hover, industry, *keys = figure["data"]
    assert electronics["name"] == "电子信息制造业"
    assert electronics["line"]["dash"] == "solid"
    # the missing month breaks the solid line; a thin dotted line of the same colour spans it
    assert electronics["x"] == ["2024-02", None, "2024-04"]
    assert electronics["y"] == [14.6, None, 13.0]
    assert electronics["connectgaps"] is False
    assert (gap["line"]["dash"], gap["line"]["color"]) == ("dot", electronics["line"]["color"])
    assert gap["x"] == ["2024-02", "2024-04", None] and gap["showlegend"] is False
    assert gap_hover["x"] == ["2024-03"] and "2024-03 无数据" in gap_hover["customdata"][0][0]
    # derived points: open markers on a solid line between consecutive months
    assert industry["name"] == "全部工业" and industry["line"]["dash"] == "solid"
    assert industry["marker"]["symbol"] == ["circle-open", "circle-open"]
    assert [c[3] for c in industry["customdata"]] == ["推算值", "推算值"]
    assert [key["name"] for key in keys] == ["空心点：推算值", "虚线：其间月份无数据"]
    assert figure["layout"]["title"]["text"] == "增加值累计同比增速（%）"
    assert figure["layout"]["yaxis"]["title"]["text"] == "%"
    assert figure["layout"]["xaxis"]["type"] == "date"
    assert figure["layout"]["height"] == CHART_HEIGHT
    assert "template" not in figure["layout"]

    english = growth_figure(frames, "value_added", "month", "en")
    assert english["data"][3]["name"].startswith("All industry")
    assert english["data"][-1]["name"] == "Dotted: months without a figure"
    assert english["layout"]["title"]["text"] == "Value added: growth y/y, single month (%)"


def test_revenue_and_profit_are_drawn_together() -> None:
    frames = {
        "revenue": series([("2024-02", 8.0, False)]),
        "total_profit": series([("2024-02", 12.0, False)]),
    }
    for indicator in ("revenue", "total_profit"):
        figure = growth_figure(frames, indicator, "ytd", "en")
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
    figure = month_figure(frames, "zh")
    assert [trace["name"] for trace in figure["data"]] == ["增加值", "出口交货值"]
    assert "当月" in figure["layout"]["title"]["text"]


def test_a_shared_span_gives_charts_the_same_months_and_draws_nothing() -> None:
    frames = {
        "a": series([("2024-02", 1.0, False), ("2024-03", 2.0, False)]),
        "b": series([("2023-11", 3.0, True)]),
        "c": series([]),
    }
    span = span_of(frames.values())
    assert span == ("2023-11", "2024-03")
    assert span_of([frames["c"]]) == ()
    figure = month_figure({"value_added": frames["a"]}, "zh", span)
    (trace,) = figure["data"]
    assert trace["x"] == ["2024-02", "2024-03"] and trace["y"] == [1.0, 2.0]
    # the axis runs over the shared span: half a month of room at each end
    assert figure["layout"]["xaxis"]["range"] == ["2023-10-16", "2024-03-15"]
    alone = month_figure({"value_added": frames["a"]}, "zh")
    assert alone["layout"]["xaxis"]["range"] == ["2024-01-16", "2024-03-15"]
