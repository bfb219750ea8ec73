"""The chart builder (``dashboard.pages.explore``) and its query (``dashboard.views.explore``):
any series of the store, several at once, in both languages; levels, shares and margins;
the first series year by year; nonsense falls back to the default; an embed is the chart
alone. The page runs on the shipped datasets (a store of its own)."""

from __future__ import annotations

import re
from typing import Any

import pytest
from dash_tree import graphs

from dashboard import data, ids
from dashboard.figures.rows import chart_rows
from dashboard.pages import explore
from dashboard.views.explore import (
    DEFAULT_SERIES,
    MAX_SERIES,
    chosen_series,
    key_of,
    offered,
    series_label,
    series_text,
)

CJK = re.compile(r"[\u3400-\u9fff]")
MARGIN = "profit_margin.national.all.ytd.level"
EAST_SHARE = "revenue.east.all.ytd.share_pct"
REVENUE = "revenue.national.all.ytd.level"


def test_series_texts_round_trip_and_change_pp_is_not_offered(shipped_store: None) -> None:
    keys = data.series_keys()
    assert len(keys) > 100
    for key in offered(keys):
        assert key_of(series_text(key)) == key
    assert all(key[1] != "change_pp" for key in offered(keys))
    assert any(key[1] == "change_pp" for key in keys)


def test_chosen_series_keeps_known_ones_in_order_once(shipped_store: None) -> None:
    available = set(offered(data.series_keys()))
    asked = f"{EAST_SHARE},nonsense,{MARGIN},{EAST_SHARE},revenue.national.all.ytd.change_pp"
    assert [series_text(k) for k in chosen_series(asked, available)] == [EAST_SHARE, MARGIN]
    assert [series_text(k) for k in chosen_series([MARGIN], available)] == [MARGIN]
    assert [series_text(k) for k in chosen_series("", available)] == list(DEFAULT_SERIES)
    many = ",".join(series_text(k) for k in list(available)[:20])
    assert len(chosen_series(many, available)) == MAX_SERIES


def test_labels_name_region_segment_basis_and_measure() -> None:
    key = key_of(EAST_SHARE)
    assert key is not None
    assert series_label(key, "zh") == "营业收入 · 东部地区 · 累计 · 占全国比重"
    assert "East" in series_label(key, "en") and not CJK.search(series_label(key, "en"))


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_margin_beside_a_level_and_a_share(shipped_store: None, lang: str) -> None:
    page = explore.layout(lang=lang, series=f"{MARGIN},{REVENUE},{EAST_SHARE}")
    charts = graphs(page)
    assert set(charts) == {"chart", "years"}
    assert charts["chart"].id == {"type": ids.CHART, "page": "explore", "name": "chart"}
    figure = charts["chart"].figure
    rows = chart_rows(figure)
    drawn = {row.series for row in rows}
    margin, revenue, share = (series_label(key_of(s), lang) for s in (MARGIN, REVENUE, EAST_SHARE))  # type: ignore[arg-type]
    assert drawn == {margin, revenue, share}  # % twice (margin, share) and 亿元: two axes
    assert figure["layout"]["yaxis2"]["overlaying"] == "y"
    units = {row.series: row.unit for row in rows}
    assert units[margin] == units[share] == "%" and units[revenue] == "亿元"
    overlay = chart_rows(charts["years"].figure)
    assert overlay and {row.unit for row in overlay} == {"%"}
    if lang == "en":
        assert not CJK.search(figure["layout"]["title"]["text"])


@pytest.mark.parametrize(
    "query",
    [
        {},
        {"series": "bogus"},
        {"series": ["a.b.c.d.e", 3]},
        {"series": None, "years": "1999,abc"},
        {"series": MARGIN, "start": "2024-13", "end": "x"},
    ],
)
def test_nonsense_falls_back_to_the_default(shipped_store: None, query: dict[str, Any]) -> None:
    figure = graphs(explore.layout(lang="zh", **query))["chart"].figure
    assert chart_rows(figure)


def test_an_embed_is_the_chart_alone(shipped_store: None) -> None:
    page = explore.layout(lang="en", series=MARGIN, embed="1", chart="years")
    assert set(graphs(page)) == {"years"}
    assert "embedded-chart" in str(page.className)
