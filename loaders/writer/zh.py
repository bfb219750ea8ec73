"""The Chinese bulletin: the layout of ``loaders.writer.plan`` in the MIIT's phrasing.

Every sentence opens with its own period (``1—11月份，``) and every clause names its
subject, so the loader reads each figure back with the period, indicator, region and
segment it was written for. Words of sign follow the bulletins: 增长/下降 for rates,
提高/回落 for a change of a growth rate and 收窄/加深 for a decline's, 高/低 (or 降幅深/浅
when both rates are declines) for gaps, 上升/下降 for a margin, 持平 for zero.

A fact whose comparison period no phrase can name is left out and reported as unwritten.
"""

from __future__ import annotations

from loaders.bulletin.marks import DERIVED_MARK
from loaders.bulletin.periods import Month
from loaders.bulletin.text import to_traditional
from loaders.catalog import INDICATORS, REGIONS, SEGMENTS
from loaders.writer.document import Document, Figure, Piece
from loaders.writer.facts import Fact
from loaders.writer.numerals import is_approximate, is_multiple, magnitude, zh_level
from loaders.writer.phrasing import LEAD_INDICATORS, Phrasing, in_decline, joined
from loaders.writer.plan import Item, Sentence
from loaders.writer.style import Style

NUMERALS = "一二三四五六七八九十"
HEADINGS = {
    "production": "生产情况",
    "prices": "价格情况",
    "exports": "出口情况",
    "profits": "效益情况",
    "investment": "投资情况",
    "regions": "分地区情况",
    "segments": "分行业情况",
}
DERIVED_HEADING = f"{DERIVED_MARK}以下数字由EIM Monitor根据公报数字推算，不是公报原文"
NAMED_MONTHS = {3: "一季度", 6: "上半年", 9: "前三季度"}
INDUSTRY = "规模以上电子信息制造业"
#: Subjects of the national figures, as a bulletin names them.
SUBJECTS = {
    "value_added": f"{INDUSTRY}增加值",
    "sales_output_value": f"{INDUSTRY}销售产值",
    "output_mobile_phones": "手机产量",
    "output_smartphones": "智能手机产量",
    "output_microcomputers": "微型计算机设备产量",
    "output_integrated_circuits": "集成电路产量",
    "output_electronic_components": "电子元件产量",
    "producer_prices": "电子信息制造业生产者出厂价格",
    "export_delivery_value": f"{INDUSTRY}出口交货值",
    "customs_export_laptops": "出口笔记本电脑",
    "customs_export_mobile_phones": "出口手机",
    "customs_export_integrated_circuits": "出口集成电路",
    "customs_import_integrated_circuits": "进口集成电路",
    "revenue": f"{INDUSTRY}营业收入",
    "operating_cost": "营业成本",
    "total_profit": "利润总额",
    "profit_margin": "营业收入利润率",
    "receivables": "全行业应收票据及应收账款",
    "fixed_asset_investment": "电子信息制造业固定资产投资",
}
#: Indicators whose level a bulletin introduces with 实现.
ACHIEVED = ("revenue", "total_profit")
#: The comparison industries of each gap, and what follows their name for investment.
GAP_TARGETS = {
    "gap_industry_pp": "同期工业",
    "gap_high_tech_pp": "高技术制造业",
    "gap_manufacturing_pp": "同期制造业",
}


class ChineseWriter(Phrasing):
    """Phrases the sections of one document of ``main`` in ``style``."""

    lang = "zh"
    item_separator = "；"
    full_stop = "。"

    def __init__(self, main: Month, style: Style) -> None:
        super().__init__(main)
        self.style = style

    # -- periods -------------------------------------------------------------------

    def cumulative(self, month: int) -> str:
        """``1—11月份``, ``上半年`` (named style), ``1—1月份`` for January alone."""
        if self.style.named and month in NAMED_MONTHS:
            return NAMED_MONTHS[month]
        return f"1{self.style.dash}{month}月{'份' if self.style.fen else ''}"

    def span(self, period: Month, basis: str, *, stock: bool = False) -> str:
        """The opening of a sentence about ``period``: ``1—11月份``, ``11月份``, ``5月末``,
        ``2023年全年``; with its year when that is not the document's."""
        year = f"{period.year}年" if period.year != self.main.year else ""
        if basis == "month":
            return f"{year}{period.month}月{'份' if self.style.fen else ''}"
        if stock:
            return f"{year}{period.month}月末"
        if period.month == 12:
            return f"{period.year}年全年"
        return year + self.cumulative(period.month)

    def reference(self, fact: Fact) -> str | None:
        """The earlier period a change is measured against, as the loader reads it back
        (``上年同期``, ``上月``, ``1—10月份``, ``2022年``, ``2022年1—8月份``, ``10月份``);
        None when no phrase names it."""
        period, ref = Month.parse(fact.period), Month.parse(fact.ref_period)
        if ref == period.shifted(-12):
            return self.style.year_ago
        if fact.basis == "month":
            if ref == period.shifted(-1):
                return "上月"
            same_year = ref.year == period.year and ref.month < period.month
            year_before = ref.year == period.year - 1 and ref.month > period.month
            if same_year or year_before:
                return f"{ref.month}月{'份' if self.style.fen else ''}"
            return None
        if ref >= period:
            return None
        if ref.month == 12:
            return f"{ref.year}年"
        months = f"{ref.month}月{'份' if self.style.fen else ''}" if ref.month == 1 else None
        phrase = months or self.cumulative(ref.month)
        return phrase if ref.year == period.year else f"{ref.year}年{phrase}"

    # -- figures -------------------------------------------------------------------

    def figure(self, fact: Fact, digits: str, unit: str) -> Figure:
        """A written figure: digits (spaced or split as the style says) and unit."""
        if self.style.split_decimal and "." in digits:
            digits = digits.replace(".", ". ", 1)
        text = f" {digits} {unit}" if self.style.spaced else f"{digits}{unit}"
        return Figure(f"约{text}" if is_approximate(fact) else text, fact)

    def rate(self, fact: Fact) -> list[Piece]:
        """``同比增长2.6%``, ``同比下降1.8%``, ``同比增长2.1倍``, ``同比持平``."""
        if fact.value == 0:
            return ["同比", Figure("持平", fact)]
        verb = "增长" if fact.value > 0 else "下降"
        unit = "倍" if is_multiple(fact) else "%"
        return [f"同比{verb}", self.figure(fact, magnitude(fact), unit)]

    def change(self, fact: Fact, item: Item) -> list[Piece] | None:
        """A change against an earlier period: of a growth rate (增速…提高/回落, or
        降幅…收窄/加深 when the rate was and is a decline) or of a margin (上升/下降)."""
        ref = self.reference(fact)
        if ref is None:
            return None
        pp = self.figure(fact, magnitude(fact), "个百分点")
        compare = self.style.compare
        if fact.indicator == "profit_margin":
            if fact.value == 0:
                return [f"{compare}{ref}", Figure("持平", fact)]
            # ``较2018年下降…`` would read as growth over a year; 提高/回落 cannot
            words = ("提高", "回落") if ref.endswith("年") else ("上升", "下降")
            return [f"{compare}{ref}{words[0] if fact.value > 0 else words[1]}", pp]
        declining = in_decline(item, fact)
        if fact.value == 0:
            return [f"{'降幅' if declining else '增速'}与{ref}", Figure("持平", fact)]
        if declining:
            return [f"降幅{compare}{ref}{'收窄' if fact.value > 0 else '加深'}", pp]
        return [f"增速{compare}{ref}{'提高' if fact.value > 0 else '回落'}", pp]

    def gap(self, fact: Fact, item: Item) -> list[Piece]:
        """``比同期工业低1.7个百分点``; ``比同期工业降幅深2.3个百分点`` when both rates are
        declines; ``与同期工业持平``."""
        target = GAP_TARGETS[fact.measure] + _gap_tail(fact)
        if fact.value == 0:
            return [f"与{target}", Figure("持平", fact)]
        pp = self.figure(fact, magnitude(fact), "个百分点")
        if in_decline(item, fact):
            return [f"比{target}{'降幅浅' if fact.value > 0 else '降幅深'}", pp]
        return [f"比{target}{'高' if fact.value > 0 else '低'}", pp]

    def gap_pair(self, industry: Fact, high_tech: Fact) -> list[Piece]:
        """``分别比同期工业、高技术制造业高4.7个和1.5个百分点``."""
        word = "高" if industry.value > 0 else "低"
        return [
            f"分别比同期工业、高技术制造业{_gap_tail(industry)}{word}",
            self.figure(industry, magnitude(industry), "个"),
            "和",
            self.figure(high_tech, magnitude(high_tech), "个百分点"),
        ]

    def paired(self, item: Item) -> tuple[Fact, Fact] | None:
        """The item's two gaps when the style writes them in one clause."""
        industry, high_tech = item.get("gap_industry_pp"), item.get("gap_high_tech_pp")
        if not (self.style.gap_pair and industry and high_tech):
            return None
        same_sign = industry.value * high_tech.value > 0
        if not same_sign or in_decline(item, industry) or in_decline(item, high_tech):
            return None
        return industry, high_tech

    # -- items and sentences -------------------------------------------------------

    def subject(self, item: Item, sentence: Sentence, first: bool) -> str:
        """What a clause is about: ``规模以上电子信息制造业增加值``, ``东部地区营业收入``,
        ``通信设备制造业利润总额``, ``同期工业增加值`` (a derived comparison rate)."""
        name = INDICATORS[item.indicator].name_zh
        if sentence.kind == "comparison":
            return f"同期{name}"
        if item.region != "national":
            return f"{REGIONS[item.region][0]}{name}"
        if sentence.segment != "all":
            return f"{SEGMENTS[sentence.segment][0] if first else ''}{name}"
        return SUBJECTS[item.indicator]

    def item(self, item: Item, sentence: Sentence, first: bool) -> list[Piece]:
        """One item's clauses, joined by ``，``."""
        clauses: list[list[Piece]] = []
        subject = self.subject(item, sentence, first)
        level = item.get("level")
        if level is not None and item.indicator == "profit_margin":
            clauses.append([f"{subject}为", self.figure(level, *zh_level(level))])
        elif level is not None:
            name = INDICATORS[item.indicator].name_zh
            if item.indicator in ACHIEVED and subject.endswith(name):
                subject = f"{subject[: -len(name)]}实现{name}"
            clauses.append([subject, self.figure(level, *zh_level(level))])
        paired = self.paired(item)
        for fact in item.facts:
            if fact.measure == "level":
                continue
            pieces = self.measure(fact, item, paired)
            if pieces is None:
                if not (paired and fact is paired[1]):
                    self.unwritten.append(fact)
                continue
            clauses.append(pieces)
        if not clauses:
            return []
        if level is None:
            clauses[0] = [subject, *clauses[0]]
        return joined(clauses, "，")

    def measure(
        self, fact: Fact, item: Item, paired: tuple[Fact, Fact] | None
    ) -> list[Piece] | None:
        """The clause of one fact (not a level), or None when it is written elsewhere or
        cannot be written."""
        if fact.measure == "yoy_pct":
            return self.rate(fact)
        if fact.measure == "change_pp":
            return self.change(fact, item)
        if paired and fact is paired[0]:
            return self.gap_pair(*paired)
        if paired and fact is paired[1]:
            return None
        if fact.measure.startswith("gap_"):
            return self.gap(fact, item)
        if fact.measure == "share_pct":
            verb = "" if is_approximate(fact) else "为"  # 占全国比重约70.3%
            return [f"占全国比重{verb}", self.figure(fact, magnitude(fact), "%")]
        return None

    def opening(self, sentence: Sentence) -> str:
        """``1—11月份，``; ``据海关统计，1—11月份，``; ``1—11月份，主要产品中，``."""
        stock = sentence.kind == "stocks"
        opening = f"{self.span(sentence.period, sentence.basis, stock=stock)}，"
        if sentence.kind == "customs":
            return f"据海关统计，{opening}"
        return opening + ("主要产品中，" if sentence.kind == "products" else "")

    # -- the document --------------------------------------------------------------

    def lead(self, directions: dict[str, int]) -> str:
        """``1—11月份，我国电子信息制造业生产增长，出口下降，…。``: directions in words only
        (no figure: the sections print them)."""
        words = {1: "增长", -1: "下降", 0: "持平"}
        parts = [f"{LEAD_NAMES[code]}{words[sign]}" for code, sign in directions.items()]
        return f"{self.span(self.main, 'ytd')}，我国电子信息制造业{'，'.join(parts)}。"

    def title(self) -> str:
        if self.main.month == 12:
            return f"{self.main.year}年全年电子信息制造业运行情况"
        return f"{self.main.year}年{self.cumulative(self.main.month)}电子信息制造业运行情况"

    def heading(self, section: str, number: int) -> str:
        if section == "derived":
            return DERIVED_HEADING
        return f"{NUMERALS[number - 1]}、{HEADINGS[section]}"

    def finish(self, document: Document) -> None:
        if self.style.traditional:
            _to_traditional(document)


#: The lead sentence's words for its indicators.
LEAD_NAMES = dict(
    zip(LEAD_INDICATORS, ("生产", "出口", "营业收入", "利润总额", "投资"), strict=True)
)


def _gap_tail(fact: Fact) -> str:
    """``投资增速`` after the comparison industry of an investment gap."""
    return "投资增速" if fact.indicator == "fixed_asset_investment" else ""


def _to_traditional(document: Document) -> None:
    """The document in traditional characters, figures still holding their facts."""
    document.title = to_traditional(document.title)
    for paragraph in document.paragraphs:
        paragraph.pieces = [
            to_traditional(piece)
            if isinstance(piece, str)
            else Figure(to_traditional(piece.text), piece.fact)
            for piece in paragraph.pieces
        ]
