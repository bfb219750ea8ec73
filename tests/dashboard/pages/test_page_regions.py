"""The Regions page: growth bars of the four regions and the two clusters, printed and
computed shares side by side where they differ, shares over time, levels; both languages;
nonsense queries fall back to the defaults.

The bulletins below are made up for these tests, in the bulletins' style. In 1—5月 the East's
printed share (68.5%) is deliberately not its revenue over the national revenue
(40000 / 60000 = 66.67%); every other share agrees within rounding. 1—3月 prints levels but
no shares, so the loader derives them.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pandas as pd
import plotly.graph_objects as go
import pytest

from dashboard import data, ids
from dashboard.figures import regions as figures
from dashboard.pages import regions
from dashboard.views import regions as views
from loaders import parse_bulletin
from loaders.bulletin.models import Bulletin
from loaders.store import Store

MARCH = """2026年1—3月份电子信息制造业运行情况

1—3月份，我国电子信息制造业生产平稳。

一、效益情况

1—3月份，规模以上电子信息制造业实现营业收入3.50万亿元，同比增长7.0%；实现利润总额1400亿元，同比增长10.0%。

二、分地区情况

1—3月份，东部地区实现营业收入23800亿元，同比增长8.1%；中部地区实现营业收入6300亿元，同比增长5.0%；西部地区实现营业收入4550亿元，同比下降2.2%；东北地区实现营业收入350亿元，同比增长1.0%。
"""

MAY = """2026年1—5月份电子信息制造业运行情况

1—5月份，我国电子信息制造业生产平稳，效益改善。

一、效益情况

1—5月份，规模以上电子信息制造业实现营业收入6.00万亿元，同比增长8.0%；实现利润总额2500亿元，同比增长12.0%。

二、分地区情况

1—5月份，东部地区实现营业收入40000亿元，同比增长9.5%；中部地区实现营业收入11000亿元，同比增长6.2%；西部地区实现营业收入8400亿元，同比下降1.5%；东北地区实现营业收入600亿元，同比增长3.0%。四个地区电子信息制造业营业收入占全国比重分别为66.7%、18.3%、14.0%和1.0%。
1—5月份，京津冀地区实现营业收入3300亿元，同比增长4.4%，营收占全国比重5.5%；长三角地区实现营业收入17400亿元，同比增长7.7%，营收占全国比重29%。
"""


#: The east's share as the store holds it for 2026-05: 68.5 %, where its revenue gives 66.67 %.
#: The loader refuses a copy whose figures contradict each other like this, but a store may
#: hold one (a bulletin stored before the check, or a table imported with ``eim import``):
#: the page must say so.
EAST_SHARE_STORED = 68.5


def with_east_share(bulletin: Bulletin, share: float) -> Bulletin:
    """``bulletin`` with its printed east share (if any) set to ``share``."""
    observations = [
        o.model_copy(update={"value": share, "printed": f"{share}%"})
        if (o.region, o.measure) == ("east", "share_pct")
        else o
        for o in bulletin.observations
    ]
    return bulletin.model_copy(update={"observations": observations})


def _reset_data() -> None:
    data.reset()


@pytest.fixture()
def regional_store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[dict[str, str]]:
    """A store holding only the two made-up bulletins, with their texts; their sha256s."""
    path = tmp_path / "regions.sqlite"
    monkeypatch.setenv("EIM_DATABASE_PATH", str(path))
    monkeypatch.delenv("EIM_DATABASE_URL", raising=False)
    _reset_data()
    store = Store(f"sqlite:///{path}")
    shas = {}
    for name, text in (("2026-03", MARCH), ("2026-05", MAY)):
        bulletin = with_east_share(parse_bulletin(text, name=f"{name}.txt"), EAST_SHARE_STORED)
        store.add(bulletin, text, source=f"{name}.txt", added_at=datetime(2026, 6, 1, tzinfo=UTC))
        shas[name] = bulletin.sha256
    store.close()
    yield shas
    _reset_data()


def _frame() -> pd.DataFrame:
    return views.regional(data.observations())


def _valid(figure: Any) -> go.Figure:
    """The figure as plotly validates it (a misspelt property raises)."""
    return go.Figure(figure)


# -- figures -------------------------------------------------------------------------------


def test_growth_has_four_region_bars_and_the_clusters_beside_them(
    regional_store: dict[str, str],
) -> None:
    figure = _valid(figures.growth_figure(_frame(), "2026-05", "zh"))
    four, clusters = figure.data
    assert list(four.x) == ["东部地区", "中部地区", "西部地区", "东北地区"]
    assert list(four.y) == [9.5, 6.2, -1.5, 3.0]
    assert list(clusters.x) == ["京津冀地区", "长三角地区"]
    assert list(clusters.y) == [4.4, 7.7]
    text, sha, period, kind, _, hover = four.customdata[2]
    assert sha == regional_store["2026-05"][:16] and period == "2026-05"
    assert text == "-1.5%" and kind == "公布值"
    assert "-1.5%" in hover and "2026年1—5月" in hover and sha[:12] not in hover
    assert "%" in figure.layout.title.text and figure.layout.yaxis.title.text == "%"
    english = _valid(figures.growth_figure(_frame(), "2026-05", "en"))
    assert list(english.data[0].x) == ["East", "Central", "West", "Northeast"]
    assert "Jan–May 2026" in english.layout.title.text


def test_printed_and_computed_shares_side_by_side_where_they_differ(
    regional_store: dict[str, str],
) -> None:
    shares = {s.region: s for s in views.share_table(_frame(), "2026-05")}
    assert shares["east"].printed == 68.5
    assert shares["east"].computed == pytest.approx(100 * 40000 / 60000)
    assert shares["east"].differs
    assert not shares["central"].differs  # 18.3 printed, 18.33 computed: rounding
    assert not shares["yangtze_delta"].differs  # 29 printed (± 0.5), 29.0 computed

    figure = _valid(figures.shares_figure(list(shares.values()), "2026-05", "zh"))
    printed, computed = figure.data
    assert printed.name == "公布值" and "推算值" in computed.name
    assert printed.y[0] == 68.5
    assert list(computed.x) == ["东部地区"]  # agreeing shares: the printed bar only
    assert computed.y[0] == pytest.approx(66.6667, abs=1e-4)
    assert computed.marker.pattern.shape[0] == figures.DERIVED_PATTERN
    assert figure.layout.barmode == "group"

    note = str(regions.share_note(list(shares.values()), "zh"))
    assert "东部地区" in note and "66.7%（推算值）" in note and "中部地区" not in note
    assert "101.8%" in note  # the four printed shares do not add up to 100


def test_shares_never_printed_are_computed_and_drawn_as_derived(
    regional_store: dict[str, str],
) -> None:
    shares = views.share_table(_frame(), "2026-03")
    assert all(s.printed is None and s.computed is not None for s in shares[:4])
    figure = _valid(figures.shares_figure(shares, "2026-03", "en"))
    computed, missing = figure.data
    assert "derived" in computed.name
    assert list(missing.x) == ["Beijing-Tianjin-Hebei", "Yangtze River Delta"]  # none printed
    assert computed.y[0] == pytest.approx(100 * 23800 / 35000)
    # the bar is hatched and named derived; its label is the figure, its hover says derived
    assert computed.text[0] == "68.0%" and computed.marker.pattern.shape[0]
    assert "derived" in computed.customdata[0][5]
    note = str(regions.share_note(shares, "en"))
    assert "No share was printed" in note


def test_shares_over_time_draw_derived_points_open_and_dotted_across_gaps(
    regional_store: dict[str, str],
) -> None:
    figure = _valid(figures.shares_over_time_figure(_frame(), "zh"))
    curve, gap, gap_hover = [trace for trace in figure.data if trace.name == "东部地区"]
    assert list(curve.x) == ["2026-03", None, "2026-05"]  # April: no bulletin, a break
    assert curve.y[0] == pytest.approx(68.0) and curve.y[2] == 68.5
    assert list(curve.marker.symbol) == ["circle-open", "circle", "circle"]
    assert gap.line.dash == "dot" and list(gap.x) == ["2026-03", "2026-05", None]
    assert gap_hover.customdata[0][0] == "2026-04 无数据"


def test_the_four_shares_stack_to_a_whole_bar_per_period_derived_ones_hatched(
    regional_store: dict[str, str],
) -> None:
    figure = _valid(figures.shares_stacked_figure(_frame(), "zh"))
    assert figure.layout.barmode == "stack" and list(figure.layout.yaxis.range) == [0, 102]
    *four, key = figure.data
    assert [trace.name for trace in four] == ["东部地区", "中部地区", "西部地区", "东北地区"]
    assert key.name == "按营业收入计算（推算值）" and key.marker.pattern.shape == ("/",)
    east = figure.data[0]
    assert list(east.x) == ["2026-03", "2026-05"]
    assert east.y[0] == pytest.approx(68.0) and east.y[1] == 68.5  # computed, then printed
    assert list(east.marker.pattern.shape) == ["/", ""]
    assert "推算值" in east.customdata[0][5] and "公布值" in east.customdata[1][5]
    assert east.customdata[0][3] == "推算值" and east.customdata[0][0] == "68.0%"
    totals = [sum(trace.y[i] for trace in four) for i in range(2)]
    # no share is scaled to make 100: the shares stored for May add up to 101.8
    assert totals == [pytest.approx(100.0), pytest.approx(101.8)]


def test_growth_over_time_has_every_region_and_the_clusters_as_curves(
    regional_store: dict[str, str],
) -> None:
    figure = _valid(figures.growth_over_time_figure(_frame(), "en"))
    curves = [trace for trace in figure.data if isinstance(trace.meta, dict)]  # not gaps
    assert [trace.name for trace in curves] == [
        "East",
        "Central",
        "West",
        "Northeast",
        "Beijing-Tianjin-Hebei",
        "Yangtze River Delta",
    ]
    east = curves[0]
    assert list(east.x) == ["2026-03", None, "2026-05"] and list(east.y) == [8.1, None, 9.5]
    gap_hover = next(t for t in figure.data if t.meta == "gap-hover" and t.name == "East")
    assert gap_hover.customdata[0][0] == "No figure for 2026-04"
    assert figure.layout.xaxis.type == "date"


def test_levels_bars_carry_unit_and_missing_regions_leave_a_gap(shipped_store: None) -> None:
    frame = _frame()
    figure = _valid(figures.levels_figure(frame, "2024-08", "en"))
    four, missing = figure.data  # 2024-08 printed no cluster figures
    assert list(four.x) == ["East", "Central"] and list(four.y) == [69927.0, 15863.0]
    # axis, title and labels in one unit, chosen by the largest bar; the axis says it, so
    # a bar's label is its digits
    assert list(four.text) == ["6.9927", "1.5863"]
    assert figure.layout.yaxis.title.text == "¥ trillion"
    assert "¥ trillion" in figure.layout.title.text
    assert figure.layout.yaxis.ticktext[:3] == ("0", "2", "4")
    assert figure.layout.yaxis.tickvals[1] == 20000  # values stay in 亿元, as stored
    chinese = _valid(figures.levels_figure(frame, "2024-08", "zh"))
    assert chinese.data[0].text[0] == "6.9927" and chinese.layout.yaxis.title.text == "万亿元"
    assert "69927亿元（公布值）" in chinese.data[0].customdata[0][5]  # the hover: as printed
    # the regions without a figure keep their place on the axis, saying so at the baseline
    assert missing.type == "scatter" and missing.mode == "text"
    assert list(missing.x) == ["West", "Northeast", "Beijing-Tianjin-Hebei", "Yangtze River Delta"]
    assert set(missing.text) == {"No data"} and list(missing.y) == [0, 0, 0, 0]
    assert list(figure.layout.xaxis.categoryarray)[:2] == ["East", "Central"]


def test_a_period_without_figures_says_no_data() -> None:
    empty = pd.DataFrame(
        columns=["period", "region", "measure", "value", "derived", "bulletin", "printed", "text"]
    )
    figure = _valid(figures.growth_figure(empty, "2026-05", "en"))
    (missing,) = figure.data
    assert len(missing.x) == 6 and set(missing.text) == {"No data"}


# -- the page ------------------------------------------------------------------------------


def _graph_ids(component: Any) -> list[Any]:
    found = []
    if getattr(component, "id", None) is not None and type(component).__name__ == "Graph":
        found.append(component.id)
    children = getattr(component, "children", None)
    for child in children if isinstance(children, list) else [children]:
        if child is not None and not isinstance(child, str):
            found += _graph_ids(child)
    return found


def _period_chosen(component: Any) -> Any:
    """The value of the page's period dropdown."""
    if getattr(component, "id", None) == ids.REGIONS_PERIOD:
        return component.value
    children = getattr(component, "children", None)
    for child in children if isinstance(children, list) else [children]:
        if child is not None and not isinstance(child, str):
            found = _period_chosen(child)
            if found is not None:
                return found
    return None


def test_layout_in_both_languages_defaults_to_the_latest_period_with_all_four_regions(
    shipped_store: None,
) -> None:
    zh = regions.layout()
    en = regions.layout(lang="en", period="2023-11")
    assert "分地区运行情况" in str(zh) and "Regions" in str(en)
    # 2025-05 has regional figures, but its only copy is cut after the east
    assert _period_chosen(zh) == "2025-02"
    assert "2025-05 · 2025年1—5月" in str(zh)  # still offered
    assert _period_chosen(en) == "2023-11"
    assert "Jan–Nov 2023" in str(en)
    assert _graph_ids(zh) == [
        {"type": ids.CHART, "page": "regions", "name": name}
        for name in (
            "growth",
            "shares",
            "levels",
            "shares_stacked",
            "growth_over_time",
            "shares_over_time",
        )
    ]


@pytest.mark.parametrize(
    "query",
    [
        {"lang": "xx", "period": "1999-01"},
        {"period": "<script>alert(1)</script>"},
        {"period": ["2023-11", "2023-12"], "lang": ["en", "zh"]},
        {"period": "", "unknown": "1"},
        {"period": "2024-02"},  # a period with figures, but none regional
    ],
)
def test_nonsense_queries_fall_back_to_the_defaults(
    shipped_store: None, query: dict[str, Any]
) -> None:
    assert str(regions.layout(**query)) == str(regions.layout())


def test_an_empty_store_says_there_are_no_regional_figures(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("EIM_DATABASE_PATH", str(tmp_path / "empty.sqlite"))
    monkeypatch.delenv("EIM_DATABASE_URL", raising=False)
    _reset_data()
    try:
        from loaders import api

        monkeypatch.setattr(data.api, "default_store", lambda: api.Store.from_settings())
        assert "暂无分地区数据" in str(regions.layout())
        assert "No regional figures yet" in str(regions.layout(lang="en"))
    finally:
        _reset_data()


def test_the_charts_over_time_name_each_point_s_bulletin(regional_store: dict[str, str]) -> None:
    history = regions.over_time(data.version(), "zh")
    curve = next(t for t in history["growth_over_time"]["data"] if t.get("name") == "东部地区")
    names = {custom[4] for custom in curve["customdata"] if custom[0]}
    assert names == {"2026年1—3月份电子信息制造业运行情况", "2026年1—5月份电子信息制造业运行情况"}
    english = regions.over_time(data.version(), "en")["growth_over_time"]["data"][0]
    assert {c[4] for c in english["customdata"] if c[0]} == {
        "MIIT bulletin, Jan–Mar 2026",
        "MIIT bulletin, Jan–May 2026",
    }
