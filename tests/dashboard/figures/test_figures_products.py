"""The Products and trade page's figures (``dashboard.figures.products``): levels (printed
solid, derived single months dotted) on an axis in the unit a reader expects, growth year on
year; both languages; built from small frames made here.
"""

from __future__ import annotations

import re

import pandas as pd
import pytest

from dashboard.figures.look import CHART_HEIGHT
from dashboard.figures.products import growth_figure, level_axis, level_figure, level_ticks

CJK = re.compile(r"[\u3400-\u9fff]")
SHA = "cd" * 32
#: A series with no rows.
EMPTY = pd.DataFrame(columns=["period", "value", "unit", "derived", "bulletin", "text"])


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
    found_factor, found_axis = level_axis(unit, values, lang)
    assert found_factor == pytest.approx(factor)
    assert found_axis == (f"万{axis}" if axis == "台" else axis)


def test_level_ticks_are_round_in_the_axis_unit() -> None:
    tickvals, ticktext = level_ticks([14000, 12700, 16000], 1e-4)
    assert ticktext == ["1.2", "1.3", "1.4", "1.5", "1.6"]
    assert tickvals == [12000, 13000, 14000, 15000, 16000]
    assert level_ticks([], 1e-4) == ([], [])
    assert level_ticks([5.0], 10.0) == ([5.0], ["50"])


# -- figures -------------------------------------------------------------------------------


def test_level_figure_draws_a_curve_with_derived_months_open_and_exact_values() -> None:
    frame = series([("2021-06", 14000, False), ("2021-08", 13000, False), ("2021-09", 12700, True)])
    figure = level_figure(frame, "output_mobile_phones", "month", "zh")
    curve, gap, gap_hover, *keys = figure["data"]
    assert curve["x"] == ["2021-06", None, "2021-08", "2021-09"]  # July missing: a break
    assert curve["y"] == [14000.0, None, 13000.0, 12700.0]
    assert curve["connectgaps"] is False and curve["line"]["dash"] == "solid"
    assert (
        curve["marker"]["symbol"][-1] == "circle-open" and curve["marker"]["symbol"][0] == "circle"
    )
    assert gap["x"] == ["2021-06", "2021-08", None] and gap["line"]["dash"] == "dot"
    assert gap_hover["customdata"] == [["2021-07 无数据", "", "2021-07"]]
    hover, bulletin, period, kind, _source = curve["customdata"][3]
    assert (hover, bulletin, period, kind) == ("1.27亿台", SHA[:16], "2021-09", "推算值")
    assert curve["customdata"][0][3] == "公布值"
    assert "%{customdata[0]}" in curve["hovertemplate"]
    assert "%{customdata[4]}" in curve["hovertemplate"]  # the bulletin by name, not its key
    assert len(keys) == 2
    layout = figure["layout"]
    assert layout["title"]["text"] == "手机产量（当月，亿台）"
    assert layout["yaxis"]["title"]["text"] == "亿台"
    assert layout["yaxis"]["ticktext"] == ["1.25", "1.3", "1.35", "1.4"]
    assert layout["yaxis"]["tickvals"] == [12500, 13000, 13500, 14000]
    assert layout["height"] == CHART_HEIGHT


def test_a_year_to_date_level_is_never_joined_across_a_january() -> None:
    frame = series(
        [("2023-11", 140000, False), ("2023-12", 156000, False), ("2024-02", 21000, False)]
    )
    figure = level_figure(frame, "output_mobile_phones", "ytd", "zh")
    curve, *_keys = figure["data"]
    assert curve["x"] == ["2023-11", "2023-12", None, "2024-02"]  # one line a year
    assert not any(trace.get("meta") == "gap" for trace in figure["data"])
    # a gap inside a year is still dotted
    inside = series([("2024-02", 21000, False), ("2024-05", 52000, False)])
    _, gap, *_ = level_figure(inside, "output_mobile_phones", "ytd", "zh")["data"]
    assert gap["meta"] == "gap" and gap["x"] == ["2024-02", "2024-05", None]
    # a rate is joined from December to February: January has no bulletin
    rates = series([("2023-12", 6.0, False), ("2024-02", 5.1, False)], unit="%")
    (joined,) = growth_figure(rates, "output_mobile_phones", "ytd", "zh")["data"]
    assert joined["x"] == ["2023-12", "2024-02"]


def test_level_figure_in_english() -> None:
    frame = series([("2021-06", 31_230_000, False)], unit="万个")
    figure = level_figure(frame, "customs_import_integrated_circuits", "ytd", "en")
    (trace,) = figure["data"]
    assert trace["y"] == [31_230_000.0]
    assert "312.3 billion chips" in trace["customdata"][0][0]
    title = figure["layout"]["title"]["text"]
    assert title == "Customs imports: integrated circuits (year to date, billion chips)"
    assert not CJK.search(title + trace["name"])


def test_growth_figure_and_empty_figures() -> None:
    frame = series([("2020-05", -9.0, False), ("2020-08", 3.5, False)], unit="%")
    figure = growth_figure(frame, "output_mobile_phones", "month", "en")
    trace, _gap, gap_hover, _key = figure["data"]
    assert trace["y"] == [-9.0, None, 3.5]
    assert gap_hover["customdata"][0][:2] == ["No figure from 2020-06 to 2020-07 (2 months)", ""]
    assert (
        figure["layout"]["title"]["text"] == "Output: mobile phones: growth y/y, single month (%)"
    )
    assert figure["layout"]["yaxis"]["title"]["text"] == "%"
    for empty in (
        growth_figure(EMPTY, "output_smartphones", "ytd", "zh"),
        level_figure(EMPTY, "output_smartphones", "month", "zh"),
    ):
        assert empty["data"] == []
        assert empty["layout"]["annotations"][0]["text"] == "暂无数据"
