"""The rule tables, sentence by sentence: one short invented bulletin per row.

Each row is a title line plus one sentence (a few lines for the old layout's sub-industry
blocks) in the bulletins' style, with every fact the contract's codes can express in it:
(indicator, region, segment, basis, measure, ref_period, value), and the fact's period when it
is not the bulletin's own. Sections: production, product output, export delivery value,
customs, profits, investment, regions, prices, old-layout sub-industries, and the negative
cases whose figures must not become facts but must be reported as issues.

A row marked ``xfail`` is a correct expectation the loader does not meet yet.
"""

from __future__ import annotations

from typing import NamedTuple

import pytest

from loaders import Bulletin, parse_bulletin

TITLE = "2024年1—5月份电子信息制造业运行情况"
TITLE_2020 = "2020年1—5月份电子信息制造业运行情况"
TITLE_2025 = "2025年1—2月份电子信息制造业运行情况"
TITLE_NOVEMBER = "2024年1—11月份电子信息制造业运行情况"


class Fact(NamedTuple):
    """A fact's key and value; ``period`` empty means the bulletin's own period."""

    indicator: str
    region: str
    segment: str
    basis: str
    measure: str
    ref_period: str
    value: float
    period: str = ""


def fact(
    indicator: str,
    measure: str,
    value: float,
    *,
    basis: str = "ytd",
    region: str = "national",
    segment: str = "all",
    ref: str = "",
    period: str = "",
) -> Fact:
    """A ``Fact`` with the contract's defaults (national, whole industry, cumulative)."""
    return Fact(indicator, region, segment, basis, measure, ref, value, period)


def facts_of(bulletin: Bulletin) -> set[Fact]:
    """The bulletin's observations as ``Fact``s, each with its own period spelled out."""
    return {
        Fact(o.indicator, o.region, o.segment, o.basis, o.measure, o.ref_period, o.value, o.period)
        for o in bulletin.observations
    }


def resolved(expected: set[Fact], period: str) -> set[Fact]:
    """``expected`` with the bulletin's period filled in where a fact names none."""
    return {e._replace(period=e.period or period) for e in expected}


def case(
    sentence: str,
    *expected: Fact,
    id: str,
    title: str = TITLE,
    xfail: str = "",
) -> object:
    """One row: the sentence under ``title``, the facts it must give, an optional xfail."""
    marks = [pytest.mark.xfail(reason=xfail, strict=True)] if xfail else []
    return pytest.param(f"{title}\n{sentence}", set(expected), id=id, marks=marks)


VA = "value_added"
EDV = "export_delivery_value"
FAI = "fixed_asset_investment"
PPI = "producer_prices"
YOY = "yoy_pct"
CHG = "change_pp"
GAP_IND = "gap_industry_pp"
GAP_HT = "gap_high_tech_pp"
GAP_MFG = "gap_manufacturing_pp"

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
]

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


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        *PRODUCTION,
        *PRODUCTS,
        *EXPORTS,
        *CUSTOMS,
        *PROFITS,
        *INVESTMENT,
        *REGIONS,
        *PRICES,
        *SEGMENTS,
    ],
)
def test_sentence_gives_its_facts(text: str, expected: set[Fact]) -> None:
    bulletin = parse_bulletin(text)
    assert facts_of(bulletin) == resolved(expected, bulletin.period)
    assert [issue.message for issue in bulletin.issues] == []


def negative(
    sentence: str,
    issue: str,
    *expected: Fact,
    id: str,
    title: str = TITLE,
    xfail: str = "",
) -> object:
    """A row whose figure must not be a fact: ``issue`` is in the message that reports it;
    ``expected`` are the sentence's other, intact facts."""
    marks = [pytest.mark.xfail(reason=xfail, strict=True)] if xfail else []
    return pytest.param(f"{title}\n{sentence}", issue, set(expected), id=id, marks=marks)


NEGATIVES = [
    negative(
        "1—5月份，规模以上电子信息制造业增加值两年平均增速为11.3%。",
        "「11.3」",
        id="two-year-average",
    ),
    negative(
        "1—5月份，规模以上电子信息制造业增加值近两年复合增长率为9.7%。",
        "「9.7」",
        id="two-year-compound",
    ),
    negative(
        "1—5月份，规模以上电子信息制造业增加值同比增长17.4%，比2019年同期增长25.1%。",
        "「25.1」",
        fact(VA, YOY, 17.4),
        id="growth-over-five-years",
    ),
    negative(
        "5月份，规模以上电子信息制造业增加值环比增长1.2%。",
        "「1.2」",
        id="month-on-month",
    ),
    negative(
        "1—5月份，规模以上电子信息制造业增加值同比增长8。6",
        "full stop",
        id="full-stop-in-figure",
    ),
    negative(
        "1—5月份，规模以上电子信息制造业增加值同比增长8。6%，增速较1—4月份提高0.6个百分点。",
        "full stop",
        fact(VA, CHG, 0.6, ref="2024-04"),
        id="full-stop-in-figure-keeps-the-sentence",
    ),
    negative(
        "1—5月份，规模以上电子信息制造业实现利润总额同比增长1500%。",
        "1000%",
        id="growth-rate-beyond-1000-percent",
    ),
    negative(
        "1—4月份，主要产品中，手机产量87亿台，同比增长6.3%。",
        "plausible",
        fact("output_mobile_phones", YOY, 6.3),
        id="implausible-phone-output",
        title="2024年1—4月份电子信息制造业运行情况",
    ),
    negative(
        "1—5月份，规模以上电子信息制造业营业成本06万亿元。",
        "zero",
        id="leading-zero",
    ),
    negative(
        "1—5月份，电子信息制造业固定资产投资同比增长11.4%，比同期工业投资增速高2.",
        "「2.」",
        fact(FAI, YOY, 11.4),
        id="cut-after-decimal-point",
    ),
    negative(
        "1—5月份，规模以上电子信息制造业增加值同比增长12.8%，增速分别比同期工业、高技术制造业高2.",
        "2",
        fact(VA, YOY, 12.8),
        id="cut-after-decimal-point-in-gap-pair",
    ),
    negative(
        "1—5月份，规模以上电子信息制造业实现营业收入1.28万",
        "1.28",
        id="cut-inside-unit",
    ),
    negative(
        "1—5月份，规模以上电子信息制造业实现利润总额1987亿元，同比增长21.6%，较1—4月份提高1.3个百",
        "「1.3」",
        fact("total_profit", "level", 1987),
        fact("total_profit", YOY, 21.6),
        id="cut-inside-percentage-points",
    ),
    negative(
        "1—5月份，电子信息制造业固定资产投资同比增长13.6%。其中，电子及通信设备制造业投资增长6.3%。",
        "「6.3」",
        fact(FAI, YOY, 13.6),
        id="narrower-industry-investment",
    ),
    negative(
        "1—5月份，电子信息制造业生产者出厂价格同比下降1.2%，与工业生产者出厂价格同比增长4.6%"
        "形成较大反差。",
        "「4.6」",
        fact(PPI, YOY, -1.2),
        id="all-industry-ppi",
    ),
    negative(
        "1—5月份，主要产品中，彩色电视机产量7634万台，同比增长2.1%。",
        "「7634」",
        id="product-without-code",
    ),
    negative(
        "1—5月份，规模以上电子信息制造业出口交货值同比增长3.1%，其中外商投资企业出口交货值同比"
        "增长2.4%。",
        "「2.4」",
        fact(EDV, YOY, 3.1),
        id="foreign-funded-exports",
    ),
    negative(
        f"{TITLE}\n1—5月份，规模以上电子信息制造业增加值同比增长11.8%。",
        "12",
        fact(VA, YOY, 11.8),
        id="headline-rounds-the-bulletin-figure",
        title="工信部：1—5月规模以上电子信息制造业增加值同比增长12%",
    ),
    negative(
        "18月份，规模以上电子信息制造业增加值同比增长8.4%。",
        "period",
        id="lost-dash-month",
        title="2022年1—8月份电子信息制造业运行情况",
    ),
    negative(
        "1—5月份，规模以上电子信息制造业增加值同比增长8.9，增速较1—4月份提高0.6个百分点。",
        "「8.9」",
        fact(VA, CHG, 0.6, ref="2024-04"),
        id="growth-without-percent",
    ),
    negative(
        "据报道，2024年1—9月，规模以上电子信息制造业增加值同比增长12.2%。\n"
        "1—5月份，规模以上电子信息制造业增加值同比增长13.8%。",
        "a figure of 2024-09 in a bulletin of 2024-05",
        fact(VA, YOY, 13.8),
        id="later-period-in-a-wrapper",
    ),
]


@pytest.mark.parametrize(("text", "issue", "expected"), NEGATIVES)
def test_untrusted_figure_is_an_issue_not_a_fact(
    text: str, issue: str, expected: set[Fact]
) -> None:
    bulletin = parse_bulletin(text)
    assert facts_of(bulletin) == resolved(expected, bulletin.period)
    messages = [i.message for i in bulletin.issues if i.severity in ("unread", "refused")]
    assert any(issue in message for message in messages), messages
