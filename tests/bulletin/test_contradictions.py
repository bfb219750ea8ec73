"""Figures of one copy that contradict each other are refused, all those in doubt, each
refusal saying why (``loaders.bulletin.checks.refuse_doubted``); written bulletins, in the
bulletins' style, of a garbled copy and of the same copy intact."""

from __future__ import annotations

import pytest

from loaders import parse_bulletin

TITLE = "2031年1—5月份电子信息制造业运行情况\n"
PROFITS = (
    "1—5月份，规模以上电子信息制造业实现营业收入60000亿元，同比增长8.3%；"
    "实现利润总额{profit}亿元，同比增长10.1%；营业收入利润率为3.5%。"
)
REGIONS = (
    "1—5月份，东部地区实现营业收入40000亿元；中部地区实现营业收入11000亿元；西部地区实现营业收入"
    "{west}亿元；东北地区实现营业收入600亿元。四个地区电子信息制造业营业收入占全国比重分别为"
    "66.7%、18.3%、{west_share}%和1.0%。"
)
PHONES = (
    "1—5月份，主要产品中，手机产量{phones}亿台，同比增长3.1%，"
    "其中智能手机产量4.6亿台，同比增长5.2%。"
)


def keys(text: str) -> set[tuple[str, str, str]]:
    bulletin = parse_bulletin(TITLE + text)
    return {(o.indicator, o.region, o.measure) for o in bulletin.observations}


def refusals(text: str) -> list[str]:
    return [i.message for i in parse_bulletin(TITLE + text).issues if i.severity == "refused"]


@pytest.mark.parametrize(
    ("intact", "garbled", "doubted"),
    [
        (
            PROFITS.format(profit=2100),  # 2100 / 60000 = 3.5 %
            PROFITS.format(profit=2700),  # a digit spun: 4.5 %, not the 3.5 % printed
            {("profit_margin", "national", "level"), ("total_profit", "national", "level")},
        ),
        (
            REGIONS.format(west=8400, west_share="14.0"),
            REGIONS.format(west=8400, west_share="4.0"),  # the shares add up to 90 %
            {("revenue", r, "share_pct") for r in ("east", "central", "west", "northeast")},
        ),
        (
            PHONES.format(phones="6.12"),
            PHONES.format(phones="4.12"),  # fewer phones than smartphones
            {
                ("output_mobile_phones", "national", "level"),
                ("output_smartphones", "national", "level"),
            },
        ),
    ],
    ids=["margin-against-profit-over-revenue", "shares-not-adding-up", "smartphones-over-phones"],
)
def test_figures_that_contradict_each_other_are_refused_with_the_reason(
    intact: str, garbled: str, doubted: set[tuple[str, str, str]]
) -> None:
    assert refusals(intact) == []
    assert doubted <= keys(intact)
    found = keys(garbled)
    assert not doubted & found, f"taken although in doubt: {doubted & found}"
    [reason] = refusals(garbled)
    assert "contradict each other" in reason and "not taken" in reason
    # the figures no check doubts are still taken
    assert keys(intact) - found <= doubted | {("revenue", "national", "level")}
