"""The dashboard's frame and shared parts: languages and number formats, the figure
builders (gaps, derived points, units), the shell's URL handling and the Overview page."""

from __future__ import annotations

import pandas as pd
import pytest

from dashboard import data, i18n, shell
from dashboard.figures import base


@pytest.mark.parametrize(
    ("value", "unit", "zh", "en"),
    [
        (135000, "亿元", "13.5万亿元", "¥13.5 trillion"),
        (5736, "亿元", "5,736亿元", "¥573.6 billion"),
        (141000, "万台", "14.1亿台", "1.41 billion units"),
        (12849, "万台", "1.2849亿台", "128.49 million units"),
        (4107.8, "万台", "4,107.8万台", "41.078 million units"),
        (-1.8, "%", "-1.8%", "-1.8%"),
        (0.9, "pp", "+0.9个百分点", "+0.9 pp"),
        (-2.3, "pp", "-2.3个百分点", "-2.3 pp"),
    ],
)
def test_values_read_in_each_language(value: float, unit: str, zh: str, en: str) -> None:
    assert i18n.value_text(value, unit, "zh") == zh
    assert i18n.value_text(value, unit, "en") == en


def test_unknown_languages_fall_back_to_chinese() -> None:
    assert i18n.lang_of("fr") == "zh"
    assert i18n.t("nav.overview", "<script>") == "概览"
    assert i18n.t("nav.overview", "en") == "Overview"


def _frame(rows: list[tuple[str, float, bool]]) -> pd.DataFrame:
    return pd.DataFrame(
        [
            {"period": p, "value": v, "derived": d, "bulletin": "ab" * 32, "text": ""}
            for p, v, d in rows
        ]
    )


def test_consecutive_months_are_joined_and_derived_points_are_open() -> None:
    line = base.Line(
        "增加值",
        _frame([("2024-03", 1.0, False), ("2024-05", 3.0, False), ("2024-04", 2.0, True)]),
        "%",
    )
    figure = base.time_series([line], "增速", "%", "zh")
    curve, key = figure["data"]  # no gap: no dotted line; a legend key for the open marker
    assert curve["x"] == ["2024-03", "2024-04", "2024-05"]
    assert curve["y"] == [1.0, 2.0, 3.0]
    assert curve["marker"]["symbol"] == ["circle", "circle-open", "circle"]
    assert curve["customdata"][0][1] == "ab" * 8  # the bulletin's key: 16 hex digits
    assert [c[3] for c in curve["customdata"]] == ["公布值", "推算值", "公布值"]
    assert key["meta"] == "key" and key["marker"]["symbol"] == "circle-open"
    assert figure["layout"]["yaxis"]["title"]["text"] == "%"
    assert figure["layout"]["xaxis"]["type"] == "date"
    assert "template" not in figure["layout"]


def test_a_printed_figure_wins_over_a_derived_one_of_the_same_month() -> None:
    line = base.Line("增加值", _frame([("2024-03", 1.0, False), ("2024-03", 1.04, True)]), "%")
    (curve,) = base.time_series([line], "增速", "%", "zh")["data"]
    assert curve["y"] == [1.0] and curve["marker"]["symbol"] == ["circle"]


def test_a_figure_without_data_says_so() -> None:
    figure = base.time_series([], "增速", "%", "en")
    assert figure["data"] == []
    assert figure["layout"]["annotations"][0]["text"] == "No data"


def test_month_span_crosses_years() -> None:
    assert base.month_span(["2023-11", "2024-02"]) == [
        "2023-11",
        "2023-12",
        "2024-01",
        "2024-02",
    ]


def test_query_round_trip() -> None:
    assert shell.query_of("?lang=en&period=2024-05") == {"lang": "en", "period": "2024-05"}
    assert shell.with_query("/growth", {"lang": "en", "x": ""}) == "/growth?lang=en"


def test_navigation_keeps_the_language_and_offers_the_other(shipped_store: None) -> None:
    links = shell.navigation("/growth", "en")
    hrefs = [link.href for link in links]
    assert "/growth?lang=en" in hrefs
    assert hrefs[-1] == "/growth?lang=zh"


def test_overview_shows_cards_for_a_period_in_both_languages(shipped_store: None) -> None:
    from dashboard.pages import overview

    latest = data.latest_period()
    assert latest is not None
    zh = str(overview.layout(lang="zh"))
    en = str(overview.layout(lang="en", period=latest))
    assert "增加值" in zh and "Value added" in en
    assert str(overview.layout(lang="xx", period="1999-01")) == zh  # nonsense -> defaults


def test_overview_opens_on_the_latest_period_that_prints_the_headline(shipped_store: None) -> None:
    from dashboard.pages import overview

    periods = data.periods()
    chosen = overview.default_period(periods)
    printed = data.series("value_added", "yoy_pct", basis="ytd")
    printed = set(printed.loc[~printed["derived"], "period"])
    assert chosen in printed
    assert not [p for p in periods if p > chosen and p in printed]
    # the shipped data end with a period known from a partial copy only (exports, products)
    assert chosen < periods[-1]
    assert overview.default_period([]) == ""


def test_overview_cards_compare_like_with_like(shipped_store: None) -> None:
    from dashboard.pages import overview

    # what the bulletin prints: 1—11月 against 1—10月, and 1—2月 against the whole year before
    assert overview.comparison("value_added", "yoy_pct", "ytd", "2023-11", "zh") == (
        "较2023年1—10月：+0.9个百分点（公报所列）"
    )
    assert overview.comparison("export_delivery_value", "yoy_pct", "ytd", "2025-02", "en") == (
        "vs 2024: +3.7 pp (as printed)"
    )
    # else the same period a year earlier, never the previous bulletin (1—2月 vs 1—11月)
    early = overview.comparison("value_added", "yoy_pct", "ytd", "2025-02", "zh")
    assert early.startswith("较上年同期（2024年1—2月）：")
    # a level: the growth its bulletin prints
    assert overview.comparison("revenue", "level", "ytd", "2025-02", "en").startswith("y/y ")


def test_a_card_trend_is_a_dated_curve_with_a_hover() -> None:
    frame = _frame([("2024-11", 1.0, False), ("2024-12", 2.0, False), ("2025-02", 1.5, False)])
    frame["unit"] = "%"
    figure = base.sparkline(frame, "%", "zh")
    (curve,) = figure["data"]
    assert curve["x"] == ["2024-11", "2024-12", "2025-02"]  # no January: joined
    assert "%{customdata[2]}" in curve["hovertemplate"] and curve["customdata"][0][0] == "1%"
    assert figure["layout"]["xaxis"]["type"] == "date"
    levels = _frame(
        [("2024-11", 100.0, False), ("2024-12", 110.0, False), ("2025-02", 20.0, False)]
    )
    (per_year,) = base.sparkline(levels, "亿元", "zh", per_year=True)["data"]
    assert per_year["x"] == ["2024-11", "2024-12", None, "2025-02"]  # a new year, a new line


def test_every_page_answers_through_the_server(shipped_store: None) -> None:
    from dashboard.app import create_app

    client = create_app().server.test_client()
    for path, _ in shell.NAVIGATION:
        for lang in ("zh", "en"):
            response = client.get(f"{path}?lang={lang}")
            assert response.status_code == 200, (path, lang)


def test_the_graph_config_shares_nothing_and_speaks_the_page_language() -> None:
    zh, en = base.graph_config("zh"), base.graph_config("en")
    assert (zh["locale"], en["locale"]) == ("zh-CN", "en")
    assert zh["showSendToCloud"] is False and zh["showEditInChartStudio"] is False
    removed = zh["modeBarButtonsToRemove"]
    assert isinstance(removed, list) and "sendChartToCloud" in removed
    assert base.graph_config("xx")["locale"] == "zh-CN"  # Chinese first
