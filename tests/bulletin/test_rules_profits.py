"""The rule tables, sentence by sentence: revenue, costs and profits, fixed-asset investment and
prices. One short invented bulletin per row (``tests/support/rule_cases.py``).
"""

from __future__ import annotations

import pytest
from rule_cases import (
    CHG,
    FAI,
    GAP_HT,
    GAP_IND,
    GAP_MFG,
    PPI,
    YOY,
    Fact,
    assert_sentence_gives,
    case,
    fact,
)

PROFITS = [
    case(
        "1—5月份，规模以上电子信息制造业实现营业收入5.93万亿元，同比增长7.1%，较1—4月份提高"
        "0.8个百分点；营业成本5.21万亿元，同比增长6.8%；实现利润总额1987亿元，同比增长21.6%，"
        "较1—4月份回落3.2个百分点；营业收入利润率为3.35%，较1—4月份提高0.11个百分点。",
        fact("revenue", "level", 59300),
        fact("revenue", YOY, 7.1),
        fact("revenue", CHG, 0.8, ref="2024-04"),
        fact("operating_cost", "level", 52100),
        fact("operating_cost", YOY, 6.8),
        fact("total_profit", "level", 1987),
        fact("total_profit", YOY, 21.6),
        fact("total_profit", CHG, -3.2, ref="2024-04"),
        fact("profit_margin", "level", 3.35),
        fact("profit_margin", CHG, 0.11, ref="2024-04"),
        id="profits-2024-layout",
    ),
    case(
        "1—5月份，规模以上电子信息制造业实现营业收入同比增长2.6%，利润总额同比增长31.2%"
        "(去年同期为下降9%)。营业收入利润率为4.37%，营业成本同比增长1.8%。5月末，全行业"
        "应收账款同比增长10.7%。",
        fact("revenue", YOY, 2.6),
        fact("total_profit", YOY, 31.2),
        fact("total_profit", YOY, -9, period="2023-05"),
        fact("profit_margin", "level", 4.37),
        fact("operating_cost", YOY, 1.8),
        fact("receivables", YOY, 10.7),
        id="profits-old-layout-year-earlier-and-receivables",
    ),
    case(
        "5月末，全行业应收票据及应收账款同比增长8.9%。",
        fact("receivables", YOY, 8.9),
        id="receivables-notes-and-accounts",
    ),
    case(
        "5月份，规模以上电子信息制造业实现营业收入1.27万亿元，同比增长9.2%；实现利润556亿元，"
        "同比增长33.1%。",
        fact("revenue", "level", 12700, basis="month"),
        fact("revenue", YOY, 9.2, basis="month"),
        fact("total_profit", "level", 556, basis="month"),
        fact("total_profit", YOY, 33.1, basis="month"),
        id="profits-single-month",
    ),
    case(
        "5月份，规模以上电子信息制造业实现利润总额412亿元，同比增长10%(上年同期为下降3.1%)。",
        fact("total_profit", "level", 412, basis="month"),
        fact("total_profit", YOY, 10, basis="month"),
        fact("total_profit", YOY, -3.1, basis="month", period="2023-05"),
        id="profits-single-month-year-earlier",
    ),
    case(
        "1—5月份，规模以上电子信息制造业实现利润总额396.4亿元，同比增长1.7倍。",
        fact("total_profit", "level", 396.4),
        fact("total_profit", YOY, 170),
        id="profits-multiple",
    ),
    case(
        "1—5月份，规模以上电子信息制造业实现利润总额358亿元，同比增长37倍。",
        fact("total_profit", "level", 358),
        fact("total_profit", YOY, 3700),
        id="profits-large-multiple",
    ),
    case(
        "1—5月份，规模以上电子信息制造业营业收入利润率为4.8%，比去年同期提高0.6个百分点。",
        fact("profit_margin", "level", 4.8),
        fact("profit_margin", CHG, 0.6, ref="2023-05"),
        id="profits-margin-vs-year-earlier",
    ),
    case(
        "1—5月份，规模以上电子信息制造业营业收入利润率为3.3%，较1—4月份提高0.1个百分点，"
        "比上年同期下降0.4个百分点。",
        fact("profit_margin", "level", 3.3),
        fact("profit_margin", CHG, 0.1, ref="2024-04"),
        fact("profit_margin", CHG, -0.4, ref="2023-05"),
        id="profits-margin-two-changes",
    ),
    case(
        "1—5月份，规模以上电子信息制造业营业收入利润率为4.1%，与1—4月份持平。",
        fact("profit_margin", "level", 4.1),
        fact("profit_margin", CHG, 0, ref="2024-04"),
        id="profits-margin-flat",
    ),
    case(
        "1—5月份，规模以上电子信息制造业实现营业收入6.04万亿元，同比增长8.3%；营业成本5.87万亿",
        fact("revenue", "level", 60400),
        fact("revenue", YOY, 8.3),
        fact("operating_cost", "level", 58700),
        id="profits-cut-after-complete-unit",
    ),
    case(
        "1—5月份，规模以上电子信息制造业实现营业收入61,234亿元，同比增长8.3%；营业成本"
        "53，876亿元，同比增长8.1%；实现利润总额1,987亿元。",
        fact("revenue", "level", 61234),
        fact("revenue", YOY, 8.3),
        fact("operating_cost", "level", 53876),
        fact("operating_cost", YOY, 8.1),
        fact("total_profit", "level", 1987),
        id="profits-thousands-separators",
    ),
    case(
        # before 2019 the statistics were 主营业务收入, 主营业务成本 and 主营收入利润率
        "1—5月，规模以上电子信息制造业主营业务收入同比增长9.7%，主营业务成本同比增长9.8%，"
        "主营收入利润率为3.6%。",
        fact("revenue", YOY, 9.7),
        fact("operating_cost", YOY, 9.8),
        fact("profit_margin", "level", 3.6),
        id="profits-pre-2019-wording",
    ),
    case(
        "1—5月份，规模以上电子信息制造业营业收入利润率3.57%。",
        fact("profit_margin", "level", 3.57),
        id="profits-margin-without-wei",
        title="2018年1—5月份电子信息制造业运行情况",
    ),
]

INVESTMENT = [
    case(
        "1—5月份，电子信息制造业固定资产投资同比增长9.7%，比同期工业投资增速高0.7个百分点，"
        "比高技术制造业投资增速低1.6个百分点。",
        fact(FAI, YOY, 9.7),
        fact(FAI, GAP_IND, 0.7),
        fact(FAI, GAP_HT, -1.6),
        id="investment-gaps",
    ),
    case(
        "1—5月份，电子信息制造业固定资产投资同比增长6.2%，比1—4月份加快1.2个百分点，高于同期"
        "制造业投资增速3.8个百分点。",
        fact(FAI, YOY, 6.2),
        fact(FAI, CHG, 1.2, ref="2024-04"),
        fact(FAI, GAP_MFG, 3.8),
        id="investment-vs-manufacturing",
    ),
    case(
        "1—5月份，电子信息制造业固定资产投资同比增长10.3%，和同期工业投资增速持平。",
        fact(FAI, YOY, 10.3),
        fact(FAI, GAP_IND, 0),
        id="investment-flat-with-industry",
    ),
    case(
        "1—5月份，电子信息制造业固定资产投资同比增长15.2%，比同期工业、高技术制造业投资增速"
        "分别高3.6个和1.4个百分点。",
        fact(FAI, YOY, 15.2),
        fact(FAI, GAP_IND, 3.6),
        fact(FAI, GAP_HT, 1.4),
        id="investment-gap-pair",
    ),
    case(
        "1—5月份，电子信息制造业固定资产投资同比增长7.4%，同比加快0.9个百分点。",
        fact(FAI, YOY, 7.4),
        fact(FAI, CHG, 0.9, ref="2023-05"),
        id="investment-change-on-year",
    ),
    case(
        "1—5月份，电子信息制造业固定资产投资同比增长24.6%，增速比上年同期提高11.3个百分点，"
        "比工业投资快9.4个百分点。",
        fact(FAI, YOY, 24.6),
        fact(FAI, CHG, 11.3, ref="2023-05"),
        fact(FAI, GAP_IND, 9.4),
        id="investment-faster-than-industry",
    ),
]

PRICES = [
    case(
        "1—5月份，电子信息制造业生产者出厂价格同比下降1.6%。5月份，电子信息制造业生产者出厂"
        "价格同比下降0.7%，降幅比上月收窄0.2个百分点。",
        fact(PPI, YOY, -1.6),
        fact(PPI, YOY, -0.7, basis="month"),
        fact(PPI, CHG, 0.2, basis="month", ref="2024-04"),
        id="prices-ytd-and-month",
    ),
    case(
        "5月份，电子信息制造业生产者出厂价格同比增长0.4%，比上月提高0.3个百分点。",
        fact(PPI, YOY, 0.4, basis="month"),
        fact(PPI, CHG, 0.3, basis="month", ref="2024-04"),
        id="prices-rise",
    ),
]


@pytest.mark.parametrize(("text", "expected"), [*PROFITS, *INVESTMENT, *PRICES])
def test_sentence_gives_its_facts(text: str, expected: set[Fact]) -> None:
    assert_sentence_gives(text, expected)
