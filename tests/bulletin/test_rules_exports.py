"""The rule tables, sentence by sentence: export delivery value and customs figures. One short
invented bulletin per row (``tests/support/rule_cases.py``).
"""

from __future__ import annotations

import pytest
from rule_cases import (
    CHG,
    EDV,
    GAP_IND,
    TITLE_2025,
    YOY,
    Fact,
    assert_sentence_gives,
    case,
    fact,
)

EXPORTS = [
    case(
        "1—5月份，规模以上电子信息制造业出口交货值同比下降3.6%，降幅较1—4月份收窄1.2个百分点，"
        "比同期工业降幅深3.2个百分点。5月份，规模以上电子信息制造业出口交货值同比增长2.4%。",
        fact(EDV, YOY, -3.6),
        fact(EDV, CHG, 1.2, ref="2024-04"),
        fact(EDV, GAP_IND, -3.2),
        fact(EDV, YOY, 2.4, basis="month"),
        id="exports-decline-narrows-deeper-than-industry",
    ),
    case(
        "1—5月份，规模以上电子信息制造业累计实现出口交货值同比增长1.9%，较1—4月份回落0.6个"
        "百分点，比同期工业高0.8个百分点。",
        fact(EDV, YOY, 1.9),
        fact(EDV, CHG, -0.6, ref="2024-04"),
        fact(EDV, GAP_IND, 0.8),
        id="exports-falls-back",
    ),
    case(
        "1—5月份，规模以上电子信息制造业出口交货值同比下降4.5%，降幅与1—4月份持平。",
        fact(EDV, YOY, -4.5),
        fact(EDV, CHG, 0, ref="2024-04"),
        id="exports-decline-flat",
    ),
    case(
        "1—5月份，规模以上电子信息制造业出口交货值同比下降5.2%，降幅较1—4月份加深0.7个百分点。",
        fact(EDV, YOY, -5.2),
        fact(EDV, CHG, -0.7, ref="2024-04"),
        id="exports-decline-deepens",
    ),
    case(
        "1—5月份，规模以上电子信息制造业出口交货值同比下降2.8%，降幅比1—4月份扩大1.3个百分点。",
        fact(EDV, YOY, -2.8),
        fact(EDV, CHG, -1.3, ref="2024-04"),
        id="exports-decline-widens",
    ),
    case(
        "1—5月份，规模以上电子信息制造业出口交货值同比下降6.1%，降幅比上年同期收窄2.9个百分点。",
        fact(EDV, YOY, -6.1),
        fact(EDV, CHG, 2.9, ref="2023-05"),
        id="exports-decline-narrows-vs-year-earlier",
    ),
    case(
        "1—5月份，规模以上电子信息制造业出口交货值同比下降2.1%，比同期工业降幅浅1.2个百分点。",
        fact(EDV, YOY, -2.1),
        fact(EDV, GAP_IND, 1.2),
        id="exports-decline-shallower-than-industry",
    ),
    case(
        "1—5月份，规模以上电子信息制造业出口交货值同比下降4.1%，比同期工业降幅多2.6个百分点。",
        fact(EDV, YOY, -4.1),
        fact(EDV, GAP_IND, -2.6),
        id="exports-decline-more-than-industry",
    ),
    case(
        "1—5月份，规模以上电子信息制造业出口交货值同比增长2.2%，较去年同期下降1.7个百分点。",
        fact(EDV, YOY, 2.2),
        fact(EDV, CHG, -1.7, ref="2023-05"),
        id="exports-change-xiajiang",
    ),
    case(
        "1—5月份，规模以上电子信息制造业出口交货值同比增长1.7%，较一季度提高2.2个百分点。",
        fact(EDV, YOY, 1.7),
        fact(EDV, CHG, 2.2, ref="2024-03"),
        id="exports-vs-first-quarter",
    ),
    case(
        "1—5月份，规模以上电子信息制造业出口交货值与去年同期基本持平。",
        fact(EDV, YOY, 0),
        id="exports-flat-with-last-year",
    ),
    case(
        "1—2月，规模以上电子信息制造业出口交货值同比增长4.3%，较2024年提高2.6个百分点。",
        fact(EDV, YOY, 4.3),
        fact(EDV, CHG, 2.6, ref="2024-12"),
        id="exports-vs-previous-full-year",
        title=TITLE_2025,
    ),
    case(
        "1—5月份，规模以上电子信息制造业出口交货值同比下降3.6%，较1—4月份收窄1.2个百分点。",
        fact(EDV, YOY, -3.6),
        fact(EDV, CHG, 1.2, ref="2024-04"),
        id="exports-decline-narrows-without-jiangfu",
    ),
]

CUSTOMS = [
    case(
        "据海关统计，1—5月份，我国出口笔记本电脑5783万台，同比增长3.9%；出口手机3.02亿台，"
        "同比下降1.7%；出口集成电路1183亿个，同比增长8.6%。",
        fact("customs_export_laptops", "level", 5783),
        fact("customs_export_laptops", YOY, 3.9),
        fact("customs_export_mobile_phones", "level", 30200),
        fact("customs_export_mobile_phones", YOY, -1.7),
        fact("customs_export_integrated_circuits", "level", 11830000),
        fact("customs_export_integrated_circuits", YOY, 8.6),
        id="customs-wan-tai-yi-tai-yi-ge",
    ),
    case(
        "据海关统计，1—5月份，我国出口笔记本电脑0.61亿台，同比增长2.1%；出口手机2.87亿部，"
        "同比增长4.4%；进口集成电路2215亿块，同比增长13.4%。",
        fact("customs_export_laptops", "level", 6100),
        fact("customs_export_laptops", YOY, 2.1),
        fact("customs_export_mobile_phones", "level", 28700),
        fact("customs_export_mobile_phones", YOY, 4.4),
        fact("customs_import_integrated_circuits", "level", 22150000),
        fact("customs_import_integrated_circuits", YOY, 13.4),
        id="customs-yi-bu-and-imports",
    ),
    case(
        "据海关统计，1—5月份，我国出口笔记本电脑57830000台，同比增长3.9%。",
        fact("customs_export_laptops", "level", 5783),
        fact("customs_export_laptops", YOY, 3.9),
        id="customs-plain-count",
    ),
]


@pytest.mark.parametrize(("text", "expected"), [*EXPORTS, *CUSTOMS])
def test_sentence_gives_its_facts(text: str, expected: set[Fact]) -> None:
    assert_sentence_gives(text, expected)
