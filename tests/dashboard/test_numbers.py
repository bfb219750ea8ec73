"""One writer of numbers (``dashboard.i18n.numbers``) and the precision of derived rows
(``dashboard.precision``): printed figures as printed, derived ones at their inputs'
precision and marked, levels scaled by magnitude, a chart's labels in its axis' unit."""

from __future__ import annotations

import pandas as pd
import pytest

from dashboard.i18n.numbers import chart_scale, figure_text, printed_decimals
from dashboard.precision import row_decimals


@pytest.mark.parametrize(
    ("value", "unit", "printed", "zh", "en"),
    [
        (135000.0, "亿元", "13.5万亿元", "13.5万亿元", "¥13.5 trillion"),
        (99400.0, "亿元", "9.94万亿", "9.94万亿元", "¥9.94 trillion"),
        (51118.0, "亿元", "51118亿元", "51118亿元", "¥5.1118 trillion"),
        (15500.0, "万台", "1.55亿台", "1.55亿台", "155 million units"),
        (-14.1, "%", "14.1%", "-14.1%", "-14.1%"),  # 下降14.1%: the sign from the words
        (210.0, "%", "2.1倍", "2.1倍", "210%"),
        (-3.5, "pp", "3.5个百分点", "-3.5个百分点", "-3.5 pp"),
        (0.5, "pp", "0.5pp", "+0.5个百分点", "+0.5 pp"),
        (0.0, "pp", "基本持平pp", "基本持平", "0 pp"),
        (11.0, "%", "11.0%", "11.0%", "11.0%"),  # the printed decimals kept
    ],
)
def test_a_printed_figure_reads_as_printed(
    value: float, unit: str, printed: str, zh: str, en: str
) -> None:
    assert figure_text(value, unit, "zh", printed=printed) == zh
    assert figure_text(value, unit, "en", printed=printed) == en


def test_a_printed_form_that_does_not_match_the_value_is_not_shown() -> None:
    assert figure_text(12.5, "%", "zh", printed="13.5%") == "12.5%"


def test_derived_figures_are_rounded_to_their_inputs_and_marked_one_way() -> None:
    assert figure_text(70.831897, "%", "zh", derived=True, decimals=1) == "70.8%（推算值）"
    assert figure_text(70.831897, "%", "en", derived=True, decimals=1) == "70.8% (derived)"
    assert figure_text(16.530172, "%", "en", derived=True) == "16.5% (derived)"
    # 1—7月 17850000 − 1—6月 15140000 万个, both printed to 亿个: 271亿个, not 2710000 万个
    assert figure_text(2710000.0, "万个", "zh", derived=True, decimals=-4) == "271亿个（推算值）"
    assert figure_text(2710000.0, "万个", "en", derived=True, decimals=-4, marked=False) == (
        "27.1 billion chips"
    )


@pytest.mark.parametrize(
    ("value", "unit", "zh", "en"),
    [
        (4730000.0, "万个", "473亿个", "47.3 billion chips"),
        (17030000.0, "万块", "1,703亿块", "170.3 billion chips"),
        (980.0, "亿元", "980亿元", "¥98 billion"),
        (12708.0, "亿元", "1.2708万亿元", "¥1.2708 trillion"),
        (-1.8, "%", "-1.8%", "-1.8%"),
    ],
)
def test_big_numbers_are_scaled_never_raw(value: float, unit: str, zh: str, en: str) -> None:
    assert figure_text(value, unit, "zh") == zh
    assert figure_text(value, unit, "en") == en
    assert "e+" not in zh + en


def test_a_charts_labels_use_its_axis_scale() -> None:
    scale = chart_scale("亿元", [69927.0, 911.0, None], "zh")
    assert scale is not None and scale.label == "万亿元" and scale.factor == 1e-4
    assert figure_text(911.0, "亿元", "zh", printed="911亿元", scale=scale) == "0.0911万亿元"
    english = chart_scale("亿元", [69927.0], "en")
    assert english is not None and english.label == "¥ trillion"
    assert chart_scale("%", [12.0], "zh") is None


@pytest.mark.parametrize(
    ("printed", "unit", "decimals"),
    [
        ("11.2%", "%", 1),
        ("4个百分点", "pp", 0),
        ("13.5万亿元", "亿元", -3),
        ("1.55亿台", "万台", -2),
        ("2.1倍", "%", -1),
        ("持平%", "%", None),
        ("", "%", None),
    ],
)
def test_printed_decimals_count_in_the_rows_unit(
    printed: str, unit: str, decimals: int | None
) -> None:
    assert printed_decimals(printed, unit) == decimals


def test_derived_rows_take_the_precision_of_their_inputs() -> None:
    def row(period: str, basis: str, measure: str, value: float, printed: str, **kw: object):
        return {
            "period": period,
            "indicator": kw.get("indicator", "output_mobile_phones"),
            "region": kw.get("region", "national"),
            "segment": "all",
            "basis": basis,
            "measure": measure,
            "unit": kw.get("unit", "万台"),
            "value": value,
            "derived": not printed,
            "printed": printed,
        }

    frame = pd.DataFrame(
        [
            row("2024-06", "ytd", "level", 74400.0, "7.44亿台"),
            row("2024-07", "ytd", "level", 86300.0, "86300万台"),
            row("2024-07", "month", "level", 11900.0, ""),  # 86300 − 74400: to the 百万
            row("2024-07", "ytd", "share_pct", 67.9, "67.9%", indicator="revenue", unit="%"),
            row("2024-08", "ytd", "share_pct", 70.83, "", indicator="revenue", unit="%"),
            row("2024-08", "ytd", "yoy_pct", 5.9, "", indicator="value_added", unit="%"),
        ]
    )
    assert row_decimals(frame) == [-2, 0, -2, 1, 1, 1]
