"""The rule tables, sentence by sentence: the regions and the old layout's sub-industry blocks
(a few lines each). One short invented bulletin per row (``tests/support/rule_cases.py``).
"""

from __future__ import annotations

import pytest
from rule_cases import (
    CHG,
    EDV,
    TITLE_2020,
    VA,
    YOY,
    Fact,
    assert_sentence_gives,
    case,
    fact,
)

REGIONS = [
    case(
        "1—5月份，规模以上电子信息制造业东部地区实现营业收入41874亿元，同比增长6.2%，较1—4月份"
        "提高0.5个百分点；中部地区实现营业收入9626亿元，同比下降0.6%，较1—4月份降幅收窄3.3个"
        "百分点；西部地区实现营业收入7893亿元，同比下降2.7%，较1—4月份降幅加深0.8个百分点；"
        "东北地区实现营业收入411亿元，同比增加8.5%，较1—4月份回落0.5个百分点。四个地区电子"
        "信息制造业营业收入占全国比重分别为70.4%、16.2%、12.7%和0.7%。",
        fact("revenue", "level", 41874, region="east"),
        fact("revenue", YOY, 6.2, region="east"),
        fact("revenue", CHG, 0.5, region="east", ref="2024-04"),
        fact("revenue", "level", 9626, region="central"),
        fact("revenue", YOY, -0.6, region="central"),
        fact("revenue", CHG, 3.3, region="central", ref="2024-04"),
        fact("revenue", "level", 7893, region="west"),
        fact("revenue", YOY, -2.7, region="west"),
        fact("revenue", CHG, -0.8, region="west", ref="2024-04"),
        fact("revenue", "level", 411, region="northeast"),
        fact("revenue", YOY, 8.5, region="northeast"),
        fact("revenue", CHG, -0.5, region="northeast", ref="2024-04"),
        fact("revenue", "share_pct", 70.4, region="east"),
        fact("revenue", "share_pct", 16.2, region="central"),
        fact("revenue", "share_pct", 12.7, region="west"),
        fact("revenue", "share_pct", 0.7, region="northeast"),
        id="regions-four-and-shares",
    ),
    case(
        "1—5月份，规模以上电子信息制造业京津冀地区实现营业收入3119亿元、同比下降4.9%，"
        "较1—4月份降幅收窄1.4个百分点，营收占全国比重5.2%；长三角地区实现营业收入17261亿元、"
        "同比增长3.7%，较1—4月份提高1.1个百分点，营收占全国比重29.1%。",
        fact("revenue", "level", 3119, region="jing_jin_ji"),
        fact("revenue", YOY, -4.9, region="jing_jin_ji"),
        fact("revenue", CHG, 1.4, region="jing_jin_ji", ref="2024-04"),
        fact("revenue", "share_pct", 5.2, region="jing_jin_ji"),
        fact("revenue", "level", 17261, region="yangtze_delta"),
        fact("revenue", YOY, 3.7, region="yangtze_delta"),
        fact("revenue", CHG, 1.1, region="yangtze_delta", ref="2024-04"),
        fact("revenue", "share_pct", 29.1, region="yangtze_delta"),
        id="regions-clusters",
    ),
    case(
        "1—5月份，规模以上电子信息制造业东部地区实现营业收入 41874 亿元，同比增长 6.2%。"
        "四个地区电子信息制造业营业收入占全国比重分别为 70.4%、16.2%、12.7%和 0.7%。",
        fact("revenue", "level", 41874, region="east"),
        fact("revenue", YOY, 6.2, region="east"),
        fact("revenue", "share_pct", 70.4, region="east"),
        fact("revenue", "share_pct", 16.2, region="central"),
        fact("revenue", "share_pct", 12.7, region="west"),
        fact("revenue", "share_pct", 0.7, region="northeast"),
        id="regions-spaced",
    ),
    case(
        # found by tests/support/phrasings.py: the four regions named one by one
        "东部、中部、西部和东北地区营业收入占全国比重分别为69.9%、16.6%、12.9%和0.6%。",
        fact("revenue", "share_pct", 69.9, region="east"),
        fact("revenue", "share_pct", 16.6, region="central"),
        fact("revenue", "share_pct", 12.9, region="west"),
        fact("revenue", "share_pct", 0.6, region="northeast"),
        id="regions-four-named",
    ),
    case(
        "四个地区营业收入分别为42816亿元、11002亿元、8400亿元和600亿元，同比分别增长9.4%、"
        "8.1%、-1.2%和3.0%。",
        fact("revenue", "level", 42816, region="east"),
        fact("revenue", "level", 11002, region="central"),
        fact("revenue", "level", 8400, region="west"),
        fact("revenue", "level", 600, region="northeast"),
        fact("revenue", YOY, 9.4, region="east"),
        fact("revenue", YOY, 8.1, region="central"),
        fact("revenue", YOY, -1.2, region="west"),
        fact("revenue", YOY, 3.0, region="northeast"),
        id="regions-levels-and-rates-listed",
    ),
    case(
        "东部、中部、西部和东北地区分别实现营业收入42816亿元、11002亿元、8400亿元和600亿元；"
        "京津冀地区实现营业收入3300亿元，同比增长4.4%。",
        fact("revenue", "level", 42816, region="east"),
        fact("revenue", "level", 11002, region="central"),
        fact("revenue", "level", 8400, region="west"),
        fact("revenue", "level", 600, region="northeast"),
        fact("revenue", "level", 3300, region="jing_jin_ji"),
        fact("revenue", YOY, 4.4, region="jing_jin_ji"),
        id="regions-listed-then-a-cluster",
    ),
]

SEGMENTS = [
    case(
        "5月，通信设备制造业增加值同比增长12.3%，出口交货值同比增长5.1%。",
        fact(VA, YOY, 12.3, basis="month", segment="communication_equipment"),
        fact(EDV, YOY, 5.1, basis="month", segment="communication_equipment"),
        id="segment-communication",
        title=TITLE_2020,
    ),
    case(
        "二、主要分行业情况\n(一)通信设备制造业\n5月，通信设备制造业增加值同比增长12.3%，"
        "出口交货值同比增长5.1%。主要产品中，手机产量同比下降7%，其中智能手机产量同比增长"
        "6.2%。\n1—5月，通信设备制造业营业收入同比下降1.3%，利润同比增长48.6%。",
        fact(VA, YOY, 12.3, basis="month", segment="communication_equipment"),
        fact(EDV, YOY, 5.1, basis="month", segment="communication_equipment"),
        fact("output_mobile_phones", YOY, -7, basis="month"),
        fact("output_smartphones", YOY, 6.2, basis="month"),
        fact("revenue", YOY, -1.3, segment="communication_equipment"),
        fact("total_profit", YOY, 48.6, segment="communication_equipment"),
        id="segment-block-products-stay-national",
        title=TITLE_2020,
    ),
    case(
        "5月，电子元件及电子专用材料制造业增加值同比增长4.7%，出口交货值同比增长9.2%。"
        "主要产品中，电子元件产量同比增长42.5%。",
        fact(VA, YOY, 4.7, basis="month", segment="electronic_components"),
        fact(EDV, YOY, 9.2, basis="month", segment="electronic_components"),
        fact("output_electronic_components", YOY, 42.5, basis="month"),
        id="segment-components",
        title=TITLE_2020,
    ),
    case(
        "5月，电子器件制造业增加值同比增长6.4%，出口交货值同比增长11.8%。主要产品中，"
        "集成电路产量同比增长5.7%。",
        fact(VA, YOY, 6.4, basis="month", segment="electronic_devices"),
        fact(EDV, YOY, 11.8, basis="month", segment="electronic_devices"),
        fact("output_integrated_circuits", YOY, 5.7, basis="month"),
        id="segment-devices",
        title=TITLE_2020,
    ),
    case(
        "5月，计算机制造业增加值同比增长6.3%，出口交货值与去年持平。\n1—5月，计算机制造业"
        "营业收入同比增长3.1%，利润同比下降11.9%。",
        fact(VA, YOY, 6.3, basis="month", segment="computers"),
        fact(EDV, YOY, 0, basis="month", segment="computers"),
        fact("revenue", YOY, 3.1, segment="computers"),
        fact("total_profit", YOY, -11.9, segment="computers"),
        id="segment-computers-flat",
        title=TITLE_2020,
    ),
    case(
        "(一)通信设备制造业\n5月，通信设备制造业增加值同比增长12.3%。\n"
        "1—5月，规模以上电子信息制造业增加值同比增长4.2%。",
        fact(VA, YOY, 12.3, basis="month", segment="communication_equipment"),
        fact(VA, YOY, 4.2),
        id="segment-ends-at-whole-industry",
        title=TITLE_2020,
    ),
]


@pytest.mark.parametrize(("text", "expected"), [*REGIONS, *SEGMENTS])
def test_sentence_gives_its_facts(text: str, expected: set[Fact]) -> None:
    assert_sentence_gives(text, expected)
