"""A bulletin phrasing generator independent of ``loaders.writer``: the same facts stated in
many of the ways MIIT's prose and its web copies state them.

``Facts`` is one month's figures (made up, any year). ``Phrasing`` picks one way for each
choice: the period's words, the verbs, 为/达/实现 before a level, 亿元 or 万亿元, how the two gaps
are said, single-month sentences before or after the cumulative ones, section headings or
none, a news wrapper around the bulletin, and a cut after some paragraph. ``bulletin(facts,
phrasing)`` gives the text and the exact set of facts the loader must return for it, as
``(period, indicator, region, segment, basis, measure, ref_period, value)`` tuples.

Nothing here imports the loader's writer or rules: the phrasings are written from the
contract and from how bulletins read, so that the loader is tested against prose it was not
built from.
"""

from __future__ import annotations

import itertools
import random
from collections.abc import Iterator
from dataclasses import dataclass, fields
from typing import Any

Fact = tuple[str, str, str, str, str, str, str, float]

CN_QUARTER = {3: "一季度", 6: "上半年", 9: "前三季度"}


@dataclass(frozen=True)
class Facts:
    """One bulletin's figures: growth in %, gaps and changes in points, levels in 亿元 or
    万台 / 万块."""

    year: int = 2031
    month: int = 5
    va: float = 10.6
    va_change: float = 0.4
    va_gap_industry: float = 4.3
    va_gap_high_tech: float = 1.2
    va_month: float = 11.8
    edv: float = -2.4
    revenue: float = 61234.0
    revenue_growth: float = 8.3
    profit: float = 2187.0
    profit_growth: float = 120.0  # 增长1.2倍
    margin: float = 3.57
    fai: float = 0.0  # 持平
    phones: float = 61200.0
    phones_growth: float = 3.1
    laptops: float = 5620.0
    laptops_growth: float = -4.2
    chips: float = 12800000.0
    chips_growth: float = 18.5
    month_revenue: float = 13250.0
    month_revenue_growth: float = 9.1
    edv_year_earlier: float = 2.1
    telecom_va: float = 12.2
    telecom_edv: float = -1.7
    telecom_revenue: float = 6.4
    east: float = 42816.0
    east_growth: float = 9.4
    shares: tuple[float, float, float, float] = (69.9, 16.6, 12.9, 0.6)
    regional_levels: tuple[float, float, float, float] = (42816.0, 10168.0, 7900.0, 350.0)
    regional_growth: tuple[float, float, float, float] = (9.4, 8.1, -1.2, 3.0)

    @property
    def period(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"

    @property
    def previous(self) -> str:
        return f"{self.year:04d}-{self.month - 1:02d}"


@dataclass(frozen=True)
class Phrasing:
    """One choice per way of saying things (the index into each option list)."""

    period_words: int = 0
    verbs: int = 0
    level_verb: int = 0
    money_unit: int = 0
    gaps: int = 0
    month_first: bool = False
    headings: bool = True
    wrapper: bool = False
    cut_after: int = 0  # 0: whole; n: only the first n paragraphs
    separator: int = 0
    change_words: int = 0
    phone_unit: int = 0
    regions: bool = False
    customs: bool = False
    month_revenue: bool = False
    year_earlier: bool = False
    sub_industry: bool = False
    regions_listed: bool = False


OPTIONS = {
    "period_words": 4,
    "verbs": 2,
    "level_verb": 4,
    "money_unit": 3,
    "gaps": 4,
    "month_first": 2,
    "headings": 2,
    "wrapper": 2,
    "cut_after": 4,
    "separator": 2,
    "change_words": 3,
    "phone_unit": 3,
    "regions": 2,
    "customs": 2,
    "month_revenue": 2,
    "year_earlier": 2,
    "sub_industry": 2,
    "regions_listed": 2,
}

#: Words for a change of a rate: (rise, fall), per choice.
CHANGE_WORDS = (("提高", "回落"), ("加快", "放缓"), ("上升", "下降"))


def _number(value: float, places: int = 1) -> str:
    text = f"{abs(value):.{places}f}"
    return text.rstrip("0").rstrip(".") if "." in text and places > 1 else text


def _span(facts: Facts, choice: int) -> str:
    month = facts.month
    if choice == 0:
        return f"1—{month}月份"
    if choice == 1:
        return f"1-{month}月"
    if choice == 2:
        return CN_QUARTER.get(month, f"1~{month}月份")
    return f"{facts.year}年1—{month}月"


def _rate(value: float, choice: int) -> str:
    """同比增长8.3% / 同比下降2.4% / 同比持平 / 同比增长1.2倍, in one of two verb sets."""
    if value == 0:
        return "同比持平" if choice == 0 else "与上年同期持平"
    if value >= 100 and value % 10 == 0:
        return f"同比增长{_number(value / 100)}倍"
    up, down = (("增长", "下降"), ("增加", "减少"))[choice]
    return f"同比{up if value > 0 else down}{_number(value)}%"


def _money(value: float, choice: int) -> str:
    if choice == 1 and value >= 10000:
        return f"{value / 10000:.2f}万亿元"
    if choice == 2 and value >= 1000:
        return f"{int(value):,}亿元"
    return f"{int(value)}亿元"


def _level(name: str, amount: str, choice: int) -> str:
    """实现营业收入6.12万亿元 / 营业收入为… / 营业收入达… / 营业收入…."""
    if choice == 0:
        return f"实现{name}{amount}"
    return f"{name}{('', '为', '达', '')[choice]}{amount}"


def _gaps(facts: Facts, choice: int) -> str:
    ind, ht = facts.va_gap_industry, facts.va_gap_high_tech
    word = {True: "高", False: "低"}
    if choice != 1 and (ind < 0 or ht < 0):
        choice = 1  # the paired and 超出/高于 forms say only gaps above
    if choice == 0:
        return f"增速分别比同期工业、高技术制造业高{_number(ind)}个和{_number(ht)}个百分点"
    if choice == 1:
        return (
            f"比同期工业{word[ind > 0]}{_number(ind)}个百分点，"
            f"比高技术制造业{word[ht > 0]}{_number(ht)}个百分点"
        )
    if choice == 2:
        return f"分别超出工业、高技术制造业{_number(ind)}和{_number(ht)}个百分点"
    return f"高于同期工业增加值增速{_number(ind)}个百分点，高于高技术制造业{_number(ht)}个百分点"


def bulletin(facts: Facts, phrasing: Phrasing) -> tuple[str, set[Fact]]:
    """The text of ``facts`` said as ``phrasing`` says, and the facts the loader must read."""
    p = facts.period
    span = _span(facts, phrasing.period_words)
    sep = "，" if phrasing.separator == 0 else "；"

    def rate(value: float) -> str:
        return _rate(value, phrasing.verbs)

    def level(name: str, amount: str) -> str:
        return _level(name, amount, phrasing.level_verb)

    month_word = f"{facts.month}月份"

    def fact(indicator: str, measure: str, value: float, basis: str = "ytd", ref: str = "") -> Fact:
        return (p, indicator, "national", "all", basis, measure, ref, value)

    rise, fall = CHANGE_WORDS[phrasing.change_words]
    production_cumulative = (
        f"{span}，规模以上电子信息制造业增加值{rate(facts.va)}，增速较1—{facts.month - 1}月份"
        f"{rise if facts.va_change > 0 else fall}{_number(facts.va_change)}个百分点"
        f"{sep}{_gaps(facts, phrasing.gaps)}。"
    )
    production_month = f"{month_word}，规模以上电子信息制造业增加值{rate(facts.va_month)}。"
    phones = (
        f"{facts.phones / 10000:.2f}亿台",
        f"{facts.phones / 10000:.2f}亿部",
        f"{int(facts.phones)}万台",
    )[phrasing.phone_unit]
    products = f"{span}，主要产品中，手机产量{phones}，{rate(facts.phones_growth)}。"
    production = (
        production_month + production_cumulative
        if phrasing.month_first
        else production_cumulative + production_month
    )
    paragraphs: list[tuple[str, str, set[Fact]]] = [
        (
            "一、生产保持增长",
            production + "\n" + products,
            {
                fact("value_added", "yoy_pct", facts.va),
                fact("value_added", "change_pp", facts.va_change, ref=facts.previous),
                fact("value_added", "gap_industry_pp", facts.va_gap_industry),
                fact("value_added", "gap_high_tech_pp", facts.va_gap_high_tech),
                fact("value_added", "yoy_pct", facts.va_month, basis="month"),
                fact("output_mobile_phones", "level", facts.phones),
                fact("output_mobile_phones", "yoy_pct", facts.phones_growth),
            },
        ),
        (
            "二、出口降幅收窄",
            f"{span}，规模以上电子信息制造业出口交货值{rate(facts.edv)}"
            + (
                f"（去年同期为增长{_number(facts.edv_year_earlier)}%）"
                if phrasing.year_earlier
                else ""
            )
            + "。"
            + (
                f"据海关统计，{span}，出口笔记本电脑{int(facts.laptops)}万台，"
                f"{rate(facts.laptops_growth)}；出口集成电路{facts.chips / 10000:g}亿个，"
                f"{rate(facts.chips_growth)}。"
                if phrasing.customs
                else ""
            ),
            {fact("export_delivery_value", "yoy_pct", facts.edv)}
            | (
                {
                    (
                        f"{facts.year - 1:04d}-{facts.month:02d}",
                        "export_delivery_value",
                        "national",
                        "all",
                        "ytd",
                        "yoy_pct",
                        "",
                        facts.edv_year_earlier,
                    )
                }
                if phrasing.year_earlier
                else set()
            )
            | (
                {
                    fact("customs_export_laptops", "level", facts.laptops),
                    fact("customs_export_laptops", "yoy_pct", facts.laptops_growth),
                    fact("customs_export_integrated_circuits", "level", facts.chips),
                    fact("customs_export_integrated_circuits", "yoy_pct", facts.chips_growth),
                }
                if phrasing.customs
                else set()
            ),
        ),
        (
            "三、效益稳步改善",
            f"{span}，规模以上电子信息制造业"
            f"{level('营业收入', _money(facts.revenue, phrasing.money_unit))}，"
            f"{rate(facts.revenue_growth)}{sep}"
            f"{level('利润总额', _money(facts.profit, 0))}，{rate(facts.profit_growth)}{sep}"
            f"营业收入利润率为{facts.margin}%。"
            + (
                f"{month_word}，规模以上电子信息制造业"
                f"{level('营业收入', f'{int(facts.month_revenue)}亿元')}，"
                f"{rate(facts.month_revenue_growth)}。"
                if phrasing.month_revenue
                else ""
            ),
            (
                {
                    fact("revenue", "level", facts.month_revenue, basis="month"),
                    fact("revenue", "yoy_pct", facts.month_revenue_growth, basis="month"),
                }
                if phrasing.month_revenue
                else set()
            )
            | {
                fact("revenue", "level", _money_value(facts.revenue, phrasing.money_unit)),
                fact("revenue", "yoy_pct", facts.revenue_growth),
                fact("total_profit", "level", facts.profit),
                fact("total_profit", "yoy_pct", facts.profit_growth),
                fact("profit_margin", "level", facts.margin),
            },
        ),
        (
            "四、投资平稳",
            f"{span}，电子信息制造业固定资产投资{rate(facts.fai)}。",
            {fact("fixed_asset_investment", "yoy_pct", facts.fai)},
        ),
    ]
    if phrasing.regions and phrasing.regions_listed:
        levels = "、".join(f"{int(v)}亿元" for v in facts.regional_levels[:3])
        rates = "、".join(f"{v:g}%" for v in facts.regional_growth[:3])
        four = ("east", "central", "west", "northeast")
        paragraphs.append(
            (
                "五、地区营收",
                f"{span}，东部、中部、西部和东北地区分别实现营业收入{levels}和"
                f"{int(facts.regional_levels[3])}亿元，同比分别增长{rates}和"
                f"{facts.regional_growth[3]:g}%。",
                {
                    (p, "revenue", region, "all", "ytd", measure, "", value)
                    for measure, values in (
                        ("level", facts.regional_levels),
                        ("yoy_pct", facts.regional_growth),
                    )
                    for region, value in zip(four, values, strict=True)
                },
            )
        )
    elif phrasing.regions:
        east, central, west, northeast = facts.shares
        paragraphs.append(
            (
                "五、地区营收",
                f"{span}，东部地区{level('营业收入', f'{int(facts.east)}亿元')}，"
                f"{rate(facts.east_growth)}。"
                f"东部、中部、西部和东北地区营业收入占全国比重分别为{east}%、{central}%、"
                f"{west}%和{northeast}%。",
                {
                    (p, "revenue", "east", "all", "ytd", "level", "", facts.east),
                    (p, "revenue", "east", "all", "ytd", "yoy_pct", "", facts.east_growth),
                    *(
                        (p, "revenue", region, "all", "ytd", "share_pct", "", share)
                        for region, share in zip(
                            ("east", "central", "west", "northeast"), facts.shares, strict=True
                        )
                    ),
                },
            )
        )
    if phrasing.sub_industry:
        segment = "communication_equipment"
        paragraphs.append(
            (
                "六、主要分行业情况\n（一）通信设备制造业",
                f"{span}，通信设备制造业增加值{rate(facts.telecom_va)}，出口交货值"
                f"{rate(facts.telecom_edv)}；营业收入{rate(facts.telecom_revenue)}。",
                {
                    (p, indicator, "national", segment, "ytd", "yoy_pct", "", value)
                    for indicator, value in (
                        ("value_added", facts.telecom_va),
                        ("export_delivery_value", facts.telecom_edv),
                        ("revenue", facts.telecom_revenue),
                    )
                },
            )
        )
    if phrasing.cut_after:
        paragraphs = paragraphs[: phrasing.cut_after]
    title = f"{facts.year}年1—{facts.month}月份电子信息制造业运行情况"
    body = "\n".join(
        (f"{heading}\n{text}" if phrasing.headings else text) for heading, text, _ in paragraphs
    )
    text = f"{title}\n{body}\n"
    if phrasing.wrapper:
        text = (
            f"据工信部网站消息，工信部运行监测协调局日前发布{title}。原文如下：\n{text}"
            "（来源：工业和信息化部网站）\n"
        )
    return text, set().union(*(expected for _, _, expected in paragraphs))


def _money_value(value: float, choice: int) -> float:
    """The value (亿元) that ``_money`` prints: rounded to 万亿元's two decimals when used."""
    if choice == 1 and value >= 10000:
        return round(round(value / 10000, 2) * 10000, 6)
    return float(int(value))


def phrasings(count: int, seed: int = 0) -> Iterator[Phrasing]:
    """``count`` phrasings drawn from every combination of the options, always the same
    ones for a seed."""
    names = [f.name for f in fields(Phrasing)]
    combos = list(itertools.product(*(range(OPTIONS[name]) for name in names)))
    for combo in random.Random(seed).sample(combos, min(count, len(combos))):
        values: dict[str, Any] = dict(zip(names, combo, strict=True))
        values["month_first"] = bool(values["month_first"])
        values["headings"] = bool(values["headings"])
        values["wrapper"] = bool(values["wrapper"])
        for flag in (
            "regions",
            "customs",
            "month_revenue",
            "year_earlier",
            "sub_industry",
            "regions_listed",
        ):
            values[flag] = bool(values[flag])
        yield Phrasing(**values)
