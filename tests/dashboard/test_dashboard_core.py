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
        (135000, "亿元", "13.5万亿元", "13.5 trillion yuan"),
        (5736, "亿元", "5,736亿元", "573.6 billion yuan"),
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


def test_missing_months_are_gaps_and_derived_points_are_dotted() -> None:
    line = base.Line(
        "增加值",
        _frame([("2024-03", 1.0, False), ("2024-05", 3.0, False), ("2024-04", 2.0, True)]),
        "%",
    )
    figure = base.time_series([line], "增速", "%", "zh")
    reported, derived = figure["data"]
    assert reported["x"] == ["2024-03", "2024-04", "2024-05"]
    assert reported["y"] == [1.0, None, 3.0]
    assert reported["connectgaps"] is False
    assert derived["y"] == [None, 2.0, None]
    assert derived["line"]["dash"] == "dot" and "推算值" in derived["name"]
    assert reported["customdata"][0][1] == "ab" * 8  # the bulletin's key: 16 hex digits
    assert reported["customdata"][1] == ["", ""]  # a gap has no hover and no source
    assert figure["layout"]["yaxis"]["title"]["text"] == "%"
    assert "template" not in figure["layout"]


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


def test_every_page_answers_through_the_server(shipped_store: None) -> None:
    from dashboard.app import create_app

    client = create_app().server.test_client()
    for path, _ in shell.NAVIGATION:
        for lang in ("zh", "en"):
            response = client.get(f"{path}?lang={lang}")
            assert response.status_code == 200, (path, lang)
