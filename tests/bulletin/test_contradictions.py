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


def test_a_copy_that_lost_its_decimal_points_gives_no_whole_percentage() -> None:
    # 9.4亿台 became 94亿台 (no nine months make that many): the copy drops decimal points,
    # so 增长4% may be 1.4% or 4.5%; 5.1% kept its point and 2447亿块 is printed whole anyway
    text = (
        "2031年1—9月份电子信息制造业运行情况\n"
        "1—9月份，规模以上电子信息制造业增加值同比增长4%，比同期工业高6个百分点。"
        "主要产品中，手机产量94亿台，同比增长1%；集成电路产量2447亿块，同比下降5.1%。"
    )
    bulletin = parse_bulletin(text)
    found = {(o.indicator, o.measure): o.value for o in bulletin.observations}
    assert found == {
        ("output_integrated_circuits", "level"): 24470000,
        ("output_integrated_circuits", "yoy_pct"): -5.1,
    }
    reasons = [i.message for i in bulletin.issues if "lost decimal points" in i.message]
    assert len(reasons) == 3 and all("94亿台" in reason for reason in reasons)
    # the same copy with its points: every figure is taken
    intact = text.replace("4%", "4.5%").replace("高6个", "高6.2个").replace("94亿台", "9.4亿台")
    assert len(parse_bulletin(intact.replace("增长1%", "增长1.3%")).observations) == 6
