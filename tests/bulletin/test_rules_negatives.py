"""The rule tables' negative cases: figures that must not become facts (two-year averages,
month-on-month rates, cut or garbled figures, narrower industries, other periods …) but must be
reported as issues, the sentence's other facts intact. One short invented bulletin per row
(``tests/support/rule_cases.py``).
"""

from __future__ import annotations

import pytest
from rule_cases import (
    CHG,
    EDV,
    FAI,
    PPI,
    TITLE,
    VA,
    YOY,
    Fact,
    fact,
    facts_of,
    negative,
    resolved,
)

from loaders import parse_bulletin

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
    negative(
        # the four regions together are no region: never the nation's figure
        "1—5月份，四个地区营业收入同比增长7.7%。",
        "said of the four regions together",
        id="four-regions-together",
    ),
    negative(
        "1—5月份，手机和电脑产量同比分别增长3.1%和4.2%。",
        "whose items are not named",
        id="a-list-of-unnamed-items",
    ),
    negative(
        "1—5月份，规模以上电子信息制造业出口交货值同比增长3.8%。但7月开始回落，"
        "规模以上电子信息制造业出口交货值同比增长3.3%。",
        "it follows 「7月」 with no year, a month after the bulletin's 2024-05",
        fact(EDV, YOY, 3.8),
        id="a-later-month-without-its-year-spliced-in",
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


@pytest.mark.parametrize("words", ["去年", "上年"])
def test_a_later_month_of_last_year_written_in_words_is_read(words: str) -> None:
    # the month after the bulletin's with its year in words is last year's, not spliced text
    bulletin = parse_bulletin(
        "2024年1—2月份电子信息制造业运行情况\n"
        "1—2月份，规模以上电子信息制造业增加值同比增长12.5%。"
        f"{words}12月份，规模以上电子信息制造业增加值同比增长11.3%。"
    )
    found = {(o.period, o.basis, o.measure, o.value) for o in bulletin.observations}
    assert found == {("2024-02", "ytd", "yoy_pct", 12.5), ("2023-12", "month", "yoy_pct", 11.3)}
    assert not [i for i in bulletin.issues if i.severity == "refused"]


@pytest.mark.parametrize(
    ("ending", "expected"),
    [
        # the copy ends inside 个百分点: the figure is whole and its unit recognisable
        ("较1—4月份提高1.3个百", fact("total_profit", CHG, 1.3, ref="2024-04")),
        ("较1—4月份提高1.3个", fact("total_profit", CHG, 1.3, ref="2024-04")),
        # … or after 亿 of 亿元: the operating cost is 95353亿元
        ("营业成本95353亿", fact("operating_cost", "level", 95353)),
    ],
    ids=["cut-inside-percentage-points", "cut-after-ge", "cut-after-yi"],
)
def test_a_whole_figure_where_the_copy_ends_inside_its_unit_is_a_fact(
    ending: str, expected: Fact
) -> None:
    text = f"{TITLE}\n1—5月份，规模以上电子信息制造业实现利润总额1987亿元，同比增长21.6%，{ending}"
    bulletin = parse_bulletin(text)
    assert facts_of(bulletin) == resolved(
        {fact("total_profit", "level", 1987), fact("total_profit", YOY, 21.6), expected},
        bulletin.period,
    )


def test_a_cut_yi_is_no_fact_before_the_end_of_the_copy() -> None:
    bulletin = parse_bulletin(
        f"{TITLE}\n1—5月份，规模以上电子信息制造业营业成本95353亿，同比增长3%。"
    )
    assert not [o for o in bulletin.observations if o.measure == "level"]
