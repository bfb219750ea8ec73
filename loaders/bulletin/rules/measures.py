"""The measures: phrases that hold a figure, and what each figure measures.

One table for every section: the same words measure growth, changes, gaps and
shares whatever the indicator. Each rule's docstring shows the sentences it
reads; its function gives the figure a measure and a sign (words of sign in
``loaders.bulletin.numbers``) and hands it to the reader, which adds the period,
indicator, region and segment in force and checks the value.

Rules are tried in the order below where two match at the same place, so the
longer, more specific phrasings come first.
"""

from __future__ import annotations

from loaders.bulletin.notes import Note
from loaders.bulletin.numbers import (
    NUMBER,
    SCALED_UNIT_PATTERN,
    change_sign,
    gap_sign,
    rate_sign,
)
from loaders.bulletin.periods import REFERENCE, Month, reference_month
from loaders.bulletin.rules.base import Match, MeasureRule, Reader, measure
from loaders.catalog import INDICATORS

MEASURES: list[MeasureRule] = []

N = rf"(?P<num>{NUMBER})"
PP = r"(?P<pp>个?百分点)?"
RATE_VERBS = "增长|增加|下降|减少|降低|下滑|上升|提高|上涨|下跌|增|降"
CHANGE_VERBS = (
    "提高|上升|加快|回升|提升|增加|增长|扩大|上涨|回落|放缓|下降|下滑|降低|减少|收窄|加深|缩小"
    "|高出|高|低|快|慢"
)
SUBJECT = r"(?:增速|增幅|涨幅|降幅|跌幅|减幅)"
TARGET_NAME = r"(?:同期)?(?:全国|全部)?(?:规模以上)?"
TARGET_TAIL = r"(?:增加值|投资|出口交货值|营业收入)?(?:增速|增幅|增长)?"
COMPARATIVE = "降幅深|降幅多|降幅大|降幅浅|降幅小|降幅少|高出|超出|高|低|快|慢|多|少|深|浅"
GAP_MEASURES = {
    "工业": "gap_industry_pp",
    "规模以上工业": "gap_industry_pp",
    "高技术制造业": "gap_high_tech_pp",
    "制造业": "gap_manufacturing_pp",
}
TARGET = rf"{TARGET_NAME}(?P<target>工业|高技术制造业|制造业){TARGET_TAIL}"


def _gap_measure(target: str) -> str:
    return GAP_MEASURES[target]


def _pair_unit(m: Match) -> str:
    """The unit two paired gaps share as printed (``低5个和3.1个百分点``: ``个百分点``), the
    printed form of both; "" when the copy lost it (the second figure is then refused)."""
    return m["pp"] or ""


def _implied_subject(verb: str, reader: Reader) -> str:
    """``降幅`` when the rate just read is a decline and the verb speaks of its size:
    ``同比下降3.6%，较1—4月份收窄1.2个百分点`` is a decline narrowing (+1.2)."""
    return "降幅" if verb in ("收窄", "加深", "缩小", "扩大") and reader.in_decline() else ""


@measure(
    rf"(?:同比)?由(?P<ref>\d{{1,2}}月份?)(?:同比)?(?P<v1>增长|下降|增加|减少)(?P<n1>{NUMBER})%"
    rf"转为(?:同比)?(?P<v2>增长|下降|增加|减少)(?P<n2>{NUMBER})%",
    MEASURES,
)
def turned(m: Match, reader: Reader) -> None:
    """同比由10月份同比增长2.7%转为同比下降16.2%: both months' rates."""
    if reader.period is not None:
        earlier = reference_month(m["ref"], reader.period)
        reader.emit("yoy_pct", m.figure("n1"), rate_sign(m["v1"]), suffix="%", period=earlier)
    reader.emit("yoy_pct", m.figure("n2"), rate_sign(m["v2"]), suffix="%")


@measure(
    rf"(?:增速|(?P<fall>降幅))?由(?P<ref>{REFERENCE})的(?P<m1>-)?(?P<n1>{NUMBER})%"
    rf"(?:提高|上升|加快|回升|回落|下降|放缓|下滑|收窄|扩大|加深)?(?:到|至)"
    rf"(?P<m2>-)?(?P<n2>{NUMBER})%",
    MEASURES,
)
def moved(m: Match, reader: Reader) -> None:
    """增速由1—4月份的10.2%提高到10.6%; 降幅由1—4月份的3.1%收窄至2.4% (declines): the
    earlier period's rate, and the rate now."""
    fall = -1 if m["fall"] else 1
    if reader.period is not None:
        earlier = reference_month(m["ref"], reader.period)
        sign = -fall if m["m1"] else fall
        reader.emit("yoy_pct", m.figure("n1"), sign, suffix="%", period=earlier)
    reader.emit("yoy_pct", m.figure("n2"), -fall if m["m2"] else fall, suffix="%")


@measure(
    rf"(?:(?:近)?(?:两|二|三|2|3)年(?:同期)?(?:平均|复合)(?:增长率|增速|增长|增幅)?(?:为|达到|达)?"
    rf"|环比(?:增长|下降|增加|减少)"
    rf"|(?:比|较)\d{{4}}年(?:同期)?(?:增长|下降|增加|减少))(?P<num>{NUMBER})%?",
    MEASURES,
)
def not_ours(m: Match, reader: Reader) -> None:
    """两年平均增速为12.4%; 近两年复合增长率为12.5%; 比2019年同期增长15.2%; 环比增长3%:
    growth over other spans than a year, which no code expresses."""
    reader.unread(m.figure("num"), Note.of("other_span"))


@measure(rf"[(]?(?:去年|上年)同期为(?P<verb>增长|下降|增加|减少){N}(?P<unit>%)", MEASURES)
def year_earlier_rate(m: Match, reader: Reader) -> None:
    """利润总额同比增长34.7%(去年同期为下降13%): the rate of a year earlier."""
    earlier: Month | None = reader.period.shifted(-12) if reader.period else None
    reader.emit("yoy_pct", m.figure("num"), rate_sign(m["verb"]), suffix="%", period=earlier)


@measure(
    rf"(?:分别)?(?:比|较)?{TARGET_NAME}(?P<t1>工业)[、和与及](?P<t2>高技术制造业){TARGET_TAIL}"
    rf"(?:分别)?(?P<cmp>{COMPARATIVE})(?P<n1>{NUMBER})个?(?:百分点)?和(?P<n2>{NUMBER}){PP}",
    MEASURES,
)
def gap_pair(m: Match, reader: Reader) -> None:
    """增速分别比同期工业、高技术制造业低5个和3.1个百分点;
    比同期工业、高技术制造业投资增速分别高7.3个和1.1个百分点."""
    sign = gap_sign(m["cmp"])
    reader.emit(_gap_measure(m["t1"]), m.figure("n1"), sign, suffix=_pair_unit(m) or "个百分点")
    reader.emit(_gap_measure(m["t2"]), m.figure("n2"), sign, suffix=_pair_unit(m))


@measure(
    rf"(?:分别)?(?P<cmp>超出|高出|高于|低于|超过){TARGET_NAME}(?P<t1>工业)[、和与及](?P<t2>高技术制造业)"
    rf"{TARGET_TAIL}(?P<n1>{NUMBER})个?(?:百分点)?和(?P<n2>{NUMBER}){PP}",
    MEASURES,
)
def gap_pair_verb_first(m: Match, reader: Reader) -> None:
    """增速分别超出工业、高技术制造业6.3和3.9个百分点."""
    sign = gap_sign(m["cmp"])
    reader.emit(_gap_measure(m["t1"]), m.figure("n1"), sign, suffix=_pair_unit(m) or "个百分点")
    reader.emit(_gap_measure(m["t2"]), m.figure("n2"), sign, suffix=_pair_unit(m))


@measure(rf"(?:但|还)?(?:比|较){TARGET}(?P<cmp>{COMPARATIVE}){N}{PP}", MEASURES)
def gap(m: Match, reader: Reader) -> None:
    """增速比同期工业低1.7个百分点; 比高技术制造业高0.3个百分点;
    比同期工业降幅深2.3个百分点; 比工业投资快12.1个百分点; 比制造业投资增速快9.2个百分点."""
    reader.emit(_gap_measure(m["target"]), m.figure("num"), gap_sign(m["cmp"]), suffix=m["pp"])


@measure(rf"(?:但|还)?(?P<cmp>高于|低于|超出|超过|快于|慢于|高出){TARGET}{N}{PP}", MEASURES)
def gap_verb_first(m: Match, reader: Reader) -> None:
    """高于同期制造业投资增速4.2个百分点; 还超出同期高技术制造业增加值1.4个百分点."""
    reader.emit(_gap_measure(m["target"]), m.figure("num"), gap_sign(m["cmp"]), suffix=m["pp"])


@measure(rf"(?:和|与){TARGET}(?P<flat>基本持平|持平)", MEASURES)
def gap_flat(m: Match, reader: Reader) -> None:
    """和同期工业投资增速持平: a gap of 0."""
    reader.emit(_gap_measure(m["target"]), m.figure("flat"), 0)


@measure(r"(?:同比|与(?:上年|去年)(?:同期)?)(?P<flat>基本持平|持平)", MEASURES)
def rate_flat(m: Match, reader: Reader) -> None:
    """增加值与去年同期持平; 出口交货值与去年持平; 同比持平: a rate of 0."""
    reader.emit("yoy_pct", m.figure("flat"), 0)


@measure(
    rf"(?P<s1>{SUBJECT})?(?:较|比|与)(?P<ref>{REFERENCE})(?:相比)?(?P<s2>{SUBJECT})?"
    rf"(?:(?P<verb>{CHANGE_VERBS}){N}(?:(?P<pp>个?百分点)|(?![\d.%倍]))|(?P<flat>基本持平|持平))",
    MEASURES,
)
def change(m: Match, reader: Reader) -> None:
    """增速较1—10月份提高0.9个百分点; 较1—10月份降幅收窄1.1个百分点; 降幅比上月收窄0.1个
    百分点; 增速比上年同期提高14.1个百分点; 较2024年提高3.7个百分点; 降幅与1-5月份持平."""
    subject = m["s1"] or m["s2"] or _implied_subject(m["verb"], reader)
    if m["flat"]:
        reader.emit("change_pp", m.figure("flat"), 0, ref=m["ref"])
        return
    reader.emit(
        "change_pp",
        m.figure("num"),
        change_sign(m["verb"], subject),
        suffix=m["pp"],
        ref=m["ref"],
    )


@measure(rf"(?P<s1>{SUBJECT})?同比(?P<verb>{CHANGE_VERBS}){N}(?P<pp>个?百分点)", MEASURES)
def change_on_year(m: Match, reader: Reader) -> None:
    """增速同比回落2.6个百分点; 同比加快0.7个百分点: a change against a year earlier."""
    reader.emit(
        "change_pp",
        m.figure("num"),
        change_sign(m["verb"], m["s1"] or _implied_subject(m["verb"], reader)),
        suffix=m["pp"],
        ref="同比",
    )


@measure(
    rf"(?:占全国(?:的)?比重|占全国|占比)(?:分别)?(?:为|达到|达|是)?(?P<n1>{NUMBER})%?"
    rf"(?:[、,和及](?P<n2>{NUMBER})%?)?(?:[、,和及](?P<n3>{NUMBER})%?)?"
    rf"(?:[、,和及](?P<n4>{NUMBER})%?)?",
    MEASURES,
)
def share(m: Match, reader: Reader) -> None:
    """营收占全国比重5%; 四个地区…占全国比重分别为67.9%、16.7%、14.7%和0.7%."""
    names = [name for name in ("n1", "n2", "n3", "n4") if m[name]]
    if reader.four_regions:
        for name, region in zip(names, ("east", "central", "west", "northeast"), strict=False):
            reader.emit("share_pct", m.figure(name), 1, suffix="%", region=region)
        return
    for name in names:
        reader.emit("share_pct", m.figure(name), 1, suffix="%")


_FOUR = ("east", "central", "west", "northeast")
#: A list item after the first: 、8.1% / 和-1.2% / 及600亿元.
_ITEM = r"(?:[、,和及](?P<m{i}>-)?(?P<n{i}>{number})(?P<u{i}>{unit}))?"


def _list_pattern(head: str, unit: str) -> str:
    """``head`` then up to four figures with ``unit`` (the first required), each may carry a
    minus sign: the list of the four regions' figures."""
    items = "".join(_ITEM.format(i=i, number=NUMBER, unit=unit) for i in range(2, 5))
    return rf"{head}(?P<m1>-)?(?P<n1>{NUMBER})(?P<u1>{unit}){items}"


def _each_region(m: Match, reader: Reader, measure: str, sign: int) -> None:
    """The listed figures of the four regions, east to northeast, in the order printed."""
    names = [i for i in range(1, 5) if m[f"n{i}"]]
    if len(names) < 2:
        # one figure after 分别: no list, so no region of its own; the reader refuses it if the
        # four regions are in force, else it is the subject's
        reader.emit(measure, m.figure("n1"), -sign if m["m1"] else sign, suffix=m["u1"])
        return
    if not reader.four_regions:
        for i in names:  # a list whose items the text does not name: nobody's figures
            reader.unread(m.figure(f"n{i}"), Note.of("unnamed_list"))
        return
    for i, region in zip(names, _FOUR, strict=False):
        value_sign = -sign if m[f"m{i}"] else sign
        reader.emit(measure, m.figure(f"n{i}"), value_sign, suffix=m[f"u{i}"], region=region)


@measure(_list_pattern(rf"(?:同比)?分别(?P<verb>{RATE_VERBS})", "%"), MEASURES)
def rates_of_the_regions(m: Match, reader: Reader) -> None:
    """东部、中部、西部和东北地区营业收入同比分别增长9.4%、8.1%、-1.2%和3.0%."""
    _each_region(m, reader, "yoy_pct", rate_sign(m["verb"]))


@measure(
    _list_pattern(
        r"分别(?:实现|为|达到|达)?(?P<subject>营业收入|营收)?(?:为|达到|达)?", SCALED_UNIT_PATTERN
    ),
    MEASURES,
)
def levels_of_the_regions(m: Match, reader: Reader) -> None:
    """四个地区营业收入分别为42816亿元、11002亿元、8400亿元和600亿元; 东部、中部、西部和东北地区
    分别实现营业收入…."""
    if m["subject"]:
        reader.set_indicator("revenue")
    _each_region(m, reader, "level", 1)


@measure(rf"(?:营业收入|主营业务收入|主营收入)?利润率(?:为|达到|达|是)?{N}(?P<unit>%)?", MEASURES)
def margin(m: Match, reader: Reader) -> None:
    """营业收入利润率为4.2%: the margin's level, in %."""
    reader.set_indicator("profit_margin")
    reader.emit("level", m.figure("num"), 1, suffix=m["unit"])


@measure(rf"(?:同比)?增速(?:为|达到|达|是)(?P<minus>-)?{N}(?P<unit>%)", MEASURES)
def rate_stated(m: Match, reader: Reader) -> None:
    """同比增速为10.6%; 增速达10.6%; 增速为-2.4%: a growth rate stated as a level."""
    reader.emit("yoy_pct", m.figure("num"), -1 if m["minus"] else 1, suffix=m["unit"])


@measure(
    rf"(?:同比|比)?(?:累计)?(?:实现)?(?P<verb>{RATE_VERBS}){N}(?P<unit>%|倍)?(?![\d.个百])",
    MEASURES,
)
def rate(m: Match, reader: Reader) -> None:
    """同比增长2.6%; 同比下降1.8%; 同比增加8.5%; 同比增长2.1倍 (210%); 出口交货值比增长7.0%."""
    reader.emit("yoy_pct", m.figure("num"), rate_sign(m["verb"]), suffix=m["unit"])


@measure(
    rf"(?:为|达到|达|共)?(?:{N}(?P<unit>{SCALED_UNIT_PATTERN})"
    rf"|(?P<count>\d{{5,}})(?P<plain>[台部块个只])(?!百分点)"
    rf"|(?P<cut>{NUMBER})亿(?=\s*\Z))",
    MEASURES,
)
def level(m: Match, reader: Reader) -> None:
    """营业收入13.5万亿元; 手机产量14.1亿台; 出口笔记本电脑12849万台; 营业成本9.33万亿 (cut);
    出口笔记本电脑128490000台 (a plain count: five digits or more, so that 5个 is no level);
    营业成本95353亿 where the copy ends: 亿 of the indicator's unit (亿元, 亿台 …), the digits
    and the scale being whole."""
    if m["count"]:
        reader.emit("level", m.figure("count"), 1, suffix=m["plain"])
    elif m["cut"]:
        reader.emit("level", m.figure("cut"), 1, suffix=cut_unit(reader.indicator))
    else:
        reader.emit("level", m.figure("num"), 1, suffix=m["unit"])


def cut_unit(indicator: str | None) -> str:
    """The unit 亿 stands for at the very end of a cut copy: 亿元 for money, 亿台 (块, 个,
    只) for a count of the indicator's kind; "" when the indicator has no level unit."""
    level_unit = INDICATORS[indicator].level_unit if indicator in INDICATORS else ""
    if level_unit == "亿元":
        return "亿元"
    return f"亿{level_unit[-1]}" if level_unit.startswith("万") else ""
