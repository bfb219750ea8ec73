"""The rule tables, sentence by sentence: production (value added: growth, changes, gaps to
industry and high-tech manufacturing) and product output. One short invented bulletin per row
(``tests/support/rule_cases.py``); a row marked ``xfail`` is a correct expectation the loader
does not meet yet.
"""

from __future__ import annotations

import pytest
from rule_cases import (
    CHG,
    EDV,
    GAP_HT,
    GAP_IND,
    TITLE_2020,
    TITLE_NOVEMBER,
    VA,
    YOY,
    Fact,
    assert_sentence_gives,
    case,
    fact,
)

PRODUCTION = [
    case(
        "1—5月份，规模以上电子信息制造业增加值同比增长12.8%，增速较1—4月份提高0.6个百分点。",
        fact(VA, YOY, 12.8),
        fact(VA, CHG, 0.6, ref="2024-04"),
        id="production-growth-and-change",
    ),
    case(
        "1—5月份，规模以上电子信息制造业增加值同比增长13.4%，增速分别比同期工业、"
        "高技术制造业高5.2个和1.9个百分点。",
        fact(VA, YOY, 13.4),
        fact(VA, GAP_IND, 5.2),
        fact(VA, GAP_HT, 1.9),
        id="production-gap-pair",
    ),
    case(
        "1—5月份，规模以上电子信息制造业增加值同比增长3.2%，增速比同期工业低2.4个百分点，"
        "比高技术制造业高0.6个百分点。",
        fact(VA, YOY, 3.2),
        fact(VA, GAP_IND, -2.4),
        fact(VA, GAP_HT, 0.6),
        id="production-gap-low-then-high",
    ),
    case(
        "1—5月份，规模以上电子信息制造业增加值同比增长9.6%，增速分别超出工业、高技术制造业"
        "6.1和2.0个百分点。",
        fact(VA, YOY, 9.6),
        fact(VA, GAP_IND, 6.1),
        fact(VA, GAP_HT, 2.0),
        id="production-gap-pair-chaochu",
    ),
    case(
        "1—5月份，规模以上电子信息制造业增加值同比增长10.9%，比同期全国工业增加值高出4.3个"
        "百分点，还超出同期高技术制造业增加值1.2个百分点。",
        fact(VA, YOY, 10.9),
        fact(VA, GAP_IND, 4.3),
        fact(VA, GAP_HT, 1.2),
        id="production-gap-gaochu-and-chaochu",
    ),
    case(
        "1—5月份，规模以上电子信息制造业增加值同比增长8.6%，比同期规模以上工业增加值增速"
        "高2.7个百分点。",
        fact(VA, YOY, 8.6),
        fact(VA, GAP_IND, 2.7),
        id="production-gap-guimo-yishang-gongye",
    ),
    case(
        "5月份，规模以上电子信息制造业增加值同比增长14.2%，增速比上月加快1.3个百分点。",
        fact(VA, YOY, 14.2, basis="month"),
        fact(VA, CHG, 1.3, basis="month", ref="2024-04"),
        id="production-single-month-vs-last-month",
    ),
    case(
        "5月份，规模以上电子信息制造业增加值同比增长10.3%，增速同比增加0.4个百分点。",
        fact(VA, YOY, 10.3, basis="month"),
        fact(VA, CHG, 0.4, basis="month", ref="2023-05"),
        id="production-single-month-change-on-year",
    ),
    case(
        "1—5月份，规模以上电子信息制造业增加值同比持平。",
        fact(VA, YOY, 0),
        id="production-flat",
    ),
    case(
        "1—5月份，规模以上电子信息制造业增加值同比基本持平，较1—4月份回落0.3个百分点。",
        fact(VA, YOY, 0),
        fact(VA, CHG, -0.3, ref="2024-04"),
        id="production-basically-flat",
    ),
    case(
        "1—5月份，规模以上电子信息制造业增加值同比增长8.4%，增速比上年同期提高3.1个百分点。",
        fact(VA, YOY, 8.4),
        fact(VA, CHG, 3.1, ref="2023-05"),
        id="production-vs-year-earlier",
    ),
    case(
        "1—5月份，规模以上电子信息制造业增加值同比增长4.1%，增速比去年同期回落5.3个百分点。",
        fact(VA, YOY, 4.1),
        fact(VA, CHG, -5.3, ref="2023-05"),
        id="production-vs-last-year-falls",
    ),
    case(
        "1—5月份，规模以上电子信息制造业增加值同比增长11.6%，增速比上年同期高8.2个百分点。",
        fact(VA, YOY, 11.6),
        fact(VA, CHG, 8.2, ref="2023-05"),
        id="production-higher-than-year-earlier",
    ),
    case(
        "1—5月份，规模以上电子信息制造业增加值同比增长4.6%，增速比上年同期低2.3个百分点。",
        fact(VA, YOY, 4.6),
        fact(VA, CHG, -2.3, ref="2023-05"),
        id="production-lower-than-year-earlier",
    ),
    case(
        "1—5月份，规模以上电子信息制造业增加值同比增长11.6%，增速与1—4月份持平。",
        fact(VA, YOY, 11.6),
        fact(VA, CHG, 0, ref="2024-04"),
        id="production-change-flat",
    ),
    case(
        "5月份，规模以上电子信息制造业增加值同比增长11.6%，增速与上月基本持平。",
        fact(VA, YOY, 11.6, basis="month"),
        fact(VA, CHG, 0, basis="month", ref="2024-04"),
        id="production-month-change-basically-flat",
    ),
    case(
        "1—5月份，规模以上电子信息制造业增加值同比增长7.3%，增速较1—4月份放缓0.4个百分点。",
        fact(VA, YOY, 7.3),
        fact(VA, CHG, -0.4, ref="2024-04"),
        id="production-slows",
    ),
    case(
        "1—5月份，规模以上电子信息制造业增加值同比增长8.4%，增速较2023年同期提高2.2个百分点。",
        fact(VA, YOY, 8.4),
        fact(VA, CHG, 2.2, ref="2023-05"),
        id="production-vs-named-year-same-period",
    ),
    case(
        "1—5月份，规模以上电子信息制造业增加值同比增长12.8",
        fact(VA, YOY, 12.8),
        id="production-cut-after-complete-digits",
    ),
    case(
        "11月份，规模以上电子信息制造业出口交货值同比由10月份同比增长3.4%转为同比下降7.9%。",
        fact(EDV, YOY, 3.4, basis="month", period="2024-10"),
        fact(EDV, YOY, -7.9, basis="month"),
        id="turned-from-last-month",
        title=TITLE_NOVEMBER,
    ),
    case(
        "一季度，规模以上电子信息制造业增加值同比增长13.3%，较1—2月份回落1.3个百分点。"
        "3月份，规模以上电子信息制造业增加值同比增长11.9%。",
        fact(VA, YOY, 13.3),
        fact(VA, CHG, -1.3, ref="2024-02"),
        fact(VA, YOY, 11.9, basis="month"),
        id="first-quarter",
        title="2024年一季度电子信息制造业运行情况",
    ),
    case(
        "前三季度，规模以上电子信息制造业增加值同比增长12.4%，较上半年回落0.6个百分点。"
        "9月份，规模以上电子信息制造业增加值同比增长10.2%，较8月份加快0.8个百分点。",
        fact(VA, YOY, 12.4),
        fact(VA, CHG, -0.6, ref="2024-06"),
        fact(VA, YOY, 10.2, basis="month"),
        fact(VA, CHG, 0.8, basis="month", ref="2024-08"),
        id="three-quarters",
        title="2024年前三季度电子信息制造业运行情况",
    ),
    case(
        "2023年，规模以上电子信息制造业增加值同比增长3.9%，增速比同期工业低0.7个百分点，"
        "较2022年回落3.7个百分点。12月份，规模以上电子信息制造业增加值同比增长8.6%。",
        fact(VA, YOY, 3.9),
        fact(VA, GAP_IND, -0.7),
        fact(VA, CHG, -3.7, ref="2022-12"),
        fact(VA, YOY, 8.6, basis="month"),
        id="full-year",
        title="2023年电子信息制造业运行情况",
    ),
]

PRODUCTION += [
    case(
        # found by tests/support/phrasings.py: a ; before 高于 goes on with the same figure
        "1—5月份，规模以上电子信息制造业增加值同比增长10.6%，增速较1—4月份提高0.4个百分点；"
        "高于同期工业增加值增速4.3个百分点，高于高技术制造业1.2个百分点。",
        fact(VA, YOY, 10.6),
        fact(VA, CHG, 0.4, ref="2024-04"),
        fact(VA, GAP_IND, 4.3),
        fact(VA, GAP_HT, 1.2),
        id="gaps-after-a-semicolon",
    ),
    case(
        "1—5月份，规模以上电子信息制造业增加值同比增速为10.6%；当月，规模以上电子信息制造业"
        "增加值同比增长11.8%。",
        fact(VA, YOY, 10.6),
        fact(VA, YOY, 11.8, basis="month"),
        id="growth-stated-as-a-rate-and-this-month",
    ),
    case(
        "1—5月份，规模以上电子信息制造业增加值同比增长10.6%，增速较前4个月提高0.4个百分点，"
        "比同期工业快4.3个百分点。",
        fact(VA, YOY, 10.6),
        fact(VA, CHG, 0.4, ref="2024-04"),
        fact(VA, GAP_IND, 4.3),
        id="change-on-the-first-four-months",
    ),
    case(
        "1—5月份，规模以上电子信息制造业增加值同比增长10.6%，增速由1—4月份的10.2%提高到10.6%。",
        fact(VA, YOY, 10.6),
        fact(VA, YOY, 10.2, period="2024-04"),
        id="rate-moved-from-the-previous-period",
    ),
    case(
        "1—5月份，规模以上电子信息制造业出口交货值同比下降2.4%，降幅由1—4月份的3.1%收窄至2.4%。",
        fact(EDV, YOY, -2.4),
        fact(EDV, YOY, -3.1, period="2024-04"),
        id="decline-narrowed-from-the-previous-period",
    ),
    case(
        # issue #14's example (a text of the project's own): the products are year to date
        "1—7月份，规模以上电子信息制造业增加值同比增长10.8%，增速分别比同期工业、高技术制造业高"
        "4.4个和1.2个百分点。7月份，规模以上电子信息制造业增加值同比增长10.2%。主要产品中，"
        "手机产量8.1亿台，同比下降3.5%，其中智能手机产量6.2亿台，同比增长1.1%；微型计算机设备"
        "产量1.9亿台，同比增长4.5%；集成电路产量2800亿块，同比增长8.8%。",
        fact(VA, YOY, 10.8),
        fact(VA, GAP_IND, 4.4),
        fact(VA, GAP_HT, 1.2),
        fact(VA, YOY, 10.2, basis="month"),
        fact("output_mobile_phones", "level", 81000),
        fact("output_mobile_phones", YOY, -3.5),
        fact("output_smartphones", "level", 62000),
        fact("output_smartphones", YOY, 1.1),
        fact("output_microcomputers", "level", 19000),
        fact("output_microcomputers", YOY, 4.5),
        fact("output_integrated_circuits", "level", 28000000),
        fact("output_integrated_circuits", YOY, 8.8),
        id="issue-14-products-after-a-month-sentence",
        title="2025年1—7月份电子信息制造业运行情况",
    ),
    case(
        "1—5月份，规模以上电子信息制造业增加值增速达10.6%。当月，主要产品中，手机产量1.3亿台，"
        "同比增长3%。",
        fact(VA, YOY, 10.6),
        fact("output_mobile_phones", "level", 13000, basis="month"),
        fact("output_mobile_phones", YOY, 3, basis="month"),
        id="products-of-this-month",
    ),
]

PRODUCTS = [
    case(
        "1—5月份，主要产品中，手机产量6.12亿台，同比增长8.7%，其中智能手机产量4.56亿台，"
        "同比增长10.2%；微型计算机设备产量1.32亿台，同比下降3.4%；集成电路产量1702亿块，"
        "同比增长28.1%。",
        fact("output_mobile_phones", "level", 61200),
        fact("output_mobile_phones", YOY, 8.7),
        fact("output_smartphones", "level", 45600),
        fact("output_smartphones", YOY, 10.2),
        fact("output_microcomputers", "level", 13200),
        fact("output_microcomputers", YOY, -3.4),
        fact("output_integrated_circuits", "level", 17020000),
        fact("output_integrated_circuits", YOY, 28.1),
        id="products-yi-tai-yi-kuai",
    ),
    case(
        "5月份，主要产品中，手机产量1.3亿部，同比增长3.6%；微型计算机设备产量2976.5万台，"
        "同比增长12.4%；集成电路产量372.6亿块，同比增长41.3%。",
        fact("output_mobile_phones", "level", 13000, basis="month"),
        fact("output_mobile_phones", YOY, 3.6, basis="month"),
        fact("output_microcomputers", "level", 2976.5, basis="month"),
        fact("output_microcomputers", YOY, 12.4, basis="month"),
        fact("output_integrated_circuits", "level", 3726000, basis="month"),
        fact("output_integrated_circuits", YOY, 41.3, basis="month"),
        id="products-single-month-yi-bu-wan-tai",
    ),
    case(
        "1—5月份，主要产品中，微型计算机设备产量4126万台，同比下降1.9%。",
        fact("output_microcomputers", "level", 4126),
        fact("output_microcomputers", YOY, -1.9),
        id="products-wan-tai",
    ),
    case(
        # a product list after a single-month sentence, without a period of its own, is
        # the paragraph's cumulative period: MIIT prints output year to date
        "1—5月份，规模以上电子信息制造业增加值同比增长11.4%。5月份，规模以上电子信息制造业"
        "增加值同比增长12.9%。主要产品中，手机产量6.3亿台，同比增长2.2%，其中智能手机产量"
        "4.9亿台，同比增长4.1%；集成电路产量1840亿块，同比增长9.5%。",
        fact(VA, YOY, 11.4),
        fact(VA, YOY, 12.9, basis="month"),
        fact("output_mobile_phones", "level", 63000),
        fact("output_mobile_phones", YOY, 2.2),
        fact("output_smartphones", "level", 49000),
        fact("output_smartphones", YOY, 4.1),
        fact("output_integrated_circuits", "level", 18400000),
        fact("output_integrated_circuits", YOY, 9.5),
        id="products-after-a-single-month-sentence-are-cumulative",
    ),
    case(
        # … but a single-month product sentence goes on after 。其中
        "5月份，主要产品中，手机产量1.3亿台，同比增长3.6%。其中，智能手机产量1.0亿台，"
        "同比增长5.1%。",
        fact("output_mobile_phones", "level", 13000, basis="month"),
        fact("output_mobile_phones", YOY, 3.6, basis="month"),
        fact("output_smartphones", "level", 10000, basis="month"),
        fact("output_smartphones", YOY, 5.1, basis="month"),
        id="products-single-month-go-on-after-qizhong",
    ),
    case(
        # … and so does a sub-industry section of the 2019–2021 layout
        "（一）通信设备制造业\n5月，通信设备制造业增加值同比增长9.6%，出口交货值同比增长4.2%。"
        "主要产品中，手机产量同比下降2%，其中智能手机产量同比增长3.3%。",
        fact(VA, YOY, 9.6, basis="month", segment="communication_equipment"),
        fact(EDV, YOY, 4.2, basis="month", segment="communication_equipment"),
        fact("output_mobile_phones", YOY, -2, basis="month"),
        fact("output_smartphones", YOY, 3.3, basis="month"),
        id="products-of-a-sub-industry-month",
        title=TITLE_2020,
    ),
]


@pytest.mark.parametrize(("text", "expected"), [*PRODUCTION, *PRODUCTS])
def test_sentence_gives_its_facts(text: str, expected: set[Fact]) -> None:
    assert_sentence_gives(text, expected)
