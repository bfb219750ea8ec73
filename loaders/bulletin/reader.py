"""The reader: walks a bulletin's tokens and turns measures into checked facts.

Shape: normalised text and the bulletin's period in; ``Observation`` rows (one
per printed number the codes can express) and ``Issue`` rows out.

The reader keeps what is in force while it reads: the period and basis (set by
``1-11月份``, ``11月份``, ``5月末``; back to the bulletin's own cumulative period at
each paragraph), the indicator (set by a subject such as ``营业收入``, cleared at
each sentence), the region (cleared at each sentence) and the segment (back to
the whole industry at each paragraph). A measure is a fact only when all of
them are known and its figure is whole, in a fitting unit and plausible; else
it becomes an issue saying why.
"""

from __future__ import annotations

import bisect
import re
from decimal import Decimal, InvalidOperation

from loaders.bulletin.models import Issue, Observation
from loaders.bulletin.notes import Note
from loaders.bulletin.numbers import FAMILY_OF_LEVEL_UNIT, NUMBER, as_float, damage, level_value
from loaders.bulletin.periods import Basis, Month, marker_period, reference_month
from loaders.bulletin.rules.base import Figure, MeasureRule, Subject
from loaders.bulletin.scanner import Token, scan
from loaders.catalog import INDICATORS, REGIONAL_MONTHLY_RANGE, unit_of
from loaders.number_text import full

#: Indicators that belong to the whole industry even inside a sub-industry block
#: (products and customs figures are national).
NATIONAL_ONLY = tuple(code for code in INDICATORS if code.startswith(("output_", "customs_")))
_NOT_A_MARKER_AFTER = "较比与由同自从和于"
#: A figure that could be a statistic: with a unit or %, or where a copy was cut.
_STAT_NUMBER = re.compile(rf"{NUMBER}(?=%|倍|个|百分点|万|亿|台|部|块|只|元|\.?\s*\Z)")
_FLAT = "持平"
#: Words that name a measured item. Outside a token they mean an item with no code of
#: ours (``彩色电视机产量``, ``出口金额``): figures after them are not the last subject's.
_FOREIGN_ITEM = re.compile(
    "产量|出口|进口|投资|收入|利润|成本|价格|产值|交货值|金额|总额|美元|存货|资产|负债|费用|亏损"
    "|营业|量|智能"
)
#: ``区`` outside a region subject, or ``部``/``北``/``地`` left before ``实现``: a region name
#: we cannot read (``部地区``, ``部区``, ``部地`` of a damaged ``东部地区``); figures until the
#: next region or sentence are not the nation's.
_UNKNOWN_REGION = re.compile("区|[部北地](?=实现|地)")
_EXPECTED_SUFFIX = {"yoy_pct": "%", "share_pct": "%", "level": "a unit"}


#: Words before a month that name the year before the bulletin's: 去年12月份, 上年12月份.
LAST_YEAR = ("去年", "上年")


class BulletinReader:
    """Reads one normalised bulletin of ``period``; see the module docstring."""

    def __init__(self, text: str, period: Month) -> None:
        self.text = text
        self.bulletin = period
        self.end_of_text = len(text.rstrip())
        self.observations: list[Observation] = []
        self.issues: list[Issue] = []
        self.consumed: list[tuple[int, int]] = []
        self.period: Month | None = period
        #: Why ``period`` is None, said in the refusal of each figure it leaves unread.
        self.no_period = Note.of("no_period")
        self.basis: Basis = "ytd"
        #: The paragraph's cumulative period (its last ``1—N月`` marker, else the bulletin's).
        self.cumulative = period
        #: Sentences read so far, and the sentence the period in force was set in.
        self.sentences = 0
        self.marker_sentence = 0
        #: Whether products were read in the sentence of the period marker in force.
        self.marker_products = False
        self.indicator: str | None = None
        self.region = "national"
        self.segment = "all"
        self.four_regions = False
        self.foreign = ""
        self.last_rate: float | None = None
        #: Figures that are plausible only with a decimal point put back (``94亿台`` of a
        #: copy that dropped them: 9.4亿台): signs that the copy's whole figures are unsafe.
        self.lost_decimals: list[str] = []

    # -- the walk --------------------------------------------------------------------

    def read(self) -> None:
        """Walk every token of the text."""
        previous_end = 0
        for token in scan(self.text):
            foreign = _FOREIGN_ITEM.search(self.text, previous_end, token.start)
            if foreign:
                self.foreign = foreign.group(0)
            if _UNKNOWN_REGION.search(self.text, previous_end, token.start):
                self.region = ""
            previous_end = token.end
            if token.kind == "boundary":
                self._boundary(token.name)
            elif token.kind == "period":
                self._period_marker(token)
            elif token.kind == "subject" and isinstance(token.rule, Subject):
                self._subject(token.rule)
            elif token.kind == "measure" and isinstance(token.rule, MeasureRule):
                self.consumed.append((token.start, token.end))
                token.rule.build(token, self)
        self._report_unread()

    def _boundary(self, name: str) -> None:
        self.indicator = None
        self.last_rate = None
        self.foreign = ""
        if name == "clause":
            return
        self.sentences += 1
        self.region = "national"
        self.four_regions = False
        if name == "paragraph":
            self.period, self.basis = self.bulletin, "ytd"
            self.cumulative = self.bulletin
            self.segment = "all"

    def _period_marker(self, token: Token) -> None:
        before = self.text[token.start - 1 : token.start] if token.start else ""
        if (before and before in _NOT_A_MARKER_AFTER) or self.text.startswith("以来", token.end):
            return
        self.consumed.append((token.start, token.end))
        year = token["year"] or None
        if year is None and self.text[max(0, token.start - 2) : token.start] in LAST_YEAR:
            year = str(self.bulletin.year - 1)  # 去年12月份: the year is written, in words
        if token.name == "cumulative":
            month = int(token["to"]) if token["to"] else _named_month(token["named"])
            self._set_period(year, month, "ytd")
        elif token.name == "broken":
            self.period = (
                None  # ``5份`` with its 月 lost: figures until the next marker are refused
            )
        elif token.name == "single":
            self._set_period(year, int(token["month"]), "ytd" if token["end"] else "month")
        elif token.name == "this_month":
            self._set_period(None, self.bulletin.month, "month")
        else:
            self.period, self.basis = Month(int(token["year"]), 12), "ytd"

    def _set_period(self, year: str | None, month: int, basis: Basis) -> None:
        self.marker_sentence = self.sentences
        self.marker_products = False
        self.no_period = Note.of("no_period")
        if not 1 <= month <= 12:
            self.period = None  # e.g. "18月": no month; figures until the next marker are refused
            return
        if year is None and self.bulletin is not None and month > self.bulletin.month:
            # a later month with no year: a bulletin never reports one, and the year before
            # is always written out (去年7月, 2023年7月); it is text spliced into the copy
            self.period = None
            self.no_period = Note.of("spliced_month", month=str(month), bulletin=str(self.bulletin))
            return
        self.period, self.basis = marker_period(year, month, basis, self.bulletin), basis
        if basis == "ytd":
            self.cumulative = self.period

    def _subject(self, subject: Subject) -> None:
        if subject.blocks or subject.indicator:
            self.foreign = ""
            self.last_rate = None
        if subject.blocks:
            self.indicator = None
        if subject.indicator:
            self.indicator = subject.indicator
            if subject.indicator.startswith("output_"):
                self._products_are_cumulative()
        if subject.region:
            self.region = subject.region
            self.four_regions = False  # one region named: the four are no longer in force
        if subject.segment:
            self.segment = subject.segment
        if subject.four_regions:
            self.four_regions = True

    def _products_are_cumulative(self) -> None:
        """A product sentence with no period of its own after a single-month sentence of
        the whole industry (``7月份，…增加值同比增长10.2%。主要产品中，手机产量8.1亿台…``) is
        about the paragraph's cumulative period: MIIT prints product output year to date
        unless the sentence says ``N月份``. The month goes on inside a sub-industry section
        (2019–2021: ``5月，通信设备制造业…。主要产品中，手机产量同比下降9%``) and after a
        single-month product sentence (``6月，主要产品中，手机产量1.4亿台…。其中，智能手机…``)."""
        if self.marker_sentence == self.sentences:
            self.marker_products = True
            return
        if (
            self.basis == "month"
            and not self.marker_products
            and self.segment == "all"
            and self.cumulative is not None
        ):
            self.period, self.basis = self.cumulative, "ytd"

    def in_decline(self) -> bool:
        """True when the last growth rate read for the indicator in force was negative."""
        return self.last_rate is not None and self.last_rate < 0

    def set_indicator(self, indicator: str) -> None:
        """Let a measure rule name its indicator (``营业收入利润率为4.2%``)."""
        self.indicator = indicator
        self.foreign = ""

    # -- facts -----------------------------------------------------------------------

    def emit(
        self,
        measure: str,
        figure: Figure,
        sign: int,
        *,
        suffix: str = "",
        ref: str = "",
        period: Month | None = None,
        region: str | None = None,
        indicator: str | None = None,
    ) -> None:
        """Turn one figure into a fact, or into an issue saying why it is not one."""
        explicit_indicator = indicator
        indicator = indicator or self.indicator
        period = period or self.period
        if region is None and self.four_regions and measure != "share_pct":
            # 四个地区营业收入同比增长9.4%: the four together are no region of ours
            self._refuse(figure, Note.of("four_regions"))
            return
        region = region or self.region
        if period is None:
            self._refuse(figure, self.no_period)
            return
        if indicator is None:
            self.unread(figure, Note.of("no_indicator"))
            return
        if self.foreign and explicit_indicator is None:
            self.unread(figure, Note.of("foreign_item", item=self.foreign))
            return
        if not region:
            self.unread(figure, Note.of("unknown_region"))
            return
        if measure == "share_pct" and region == "national":
            self.unread(figure, Note.of("national_share"))
            return
        why = self._why_untrusted(measure, figure, suffix)
        if why:
            self._refuse(figure, why)
            return
        value = self._value(measure, indicator, figure, sign, suffix)
        if isinstance(value, str):
            self._refuse(figure, value)
            return
        ref_period = ""
        if measure == "change_pp":
            ref_month = reference_month(ref, period)
            if ref_month is None:
                self._refuse(figure, Note.of("unreadable_reference", reference=ref))
                return
            ref_period = str(ref_month)
        implausible = _implausible(measure, indicator, region, value, self.basis, period)
        if implausible:
            self._refuse(figure, implausible)
            if _lost_decimal_point(figure.printed, measure, indicator, region, value, self):
                self.lost_decimals.append(figure.printed + suffix)
            return
        segment = "all" if indicator in NATIONAL_ONLY else self.segment
        self.observations.append(
            Observation(
                period=str(period),
                basis=self.basis,
                indicator=indicator,
                region=region,
                segment=segment,
                measure=measure,
                value=as_float(value),
                unit=unit_of(indicator, measure),
                ref_period=ref_period,
                printed=figure.printed + suffix,
                text=self._sentence(figure.start),
            )
        )
        if measure == "yoy_pct" and indicator == self.indicator:
            self.last_rate = float(value)

    def _why_untrusted(self, measure: str, figure: Figure, suffix: str) -> Note | None:
        if figure.printed == _FLAT or figure.printed.endswith(_FLAT):
            return None
        broken = damage(self.text, figure.start, figure.end)
        if broken:
            return broken
        expected = _EXPECTED_SUFFIX.get(measure, "个百分点")
        # the copy ends here, or in the middle of the expected unit (提高0.4个 where it was cut)
        rest = self.text[figure.end : self.end_of_text]
        cut_here = figure.end >= self.end_of_text or (bool(rest) and expected.startswith(rest))
        if not suffix and not cut_here:
            return Note.of("unit_missing", figure=figure.printed, expected=expected)
        return None

    def _value(
        self, measure: str, indicator: str, figure: Figure, sign: int, suffix: str
    ) -> Decimal | Note:
        if figure.printed.endswith(_FLAT):
            return Decimal(0)
        try:
            number = Decimal(figure.printed)
        except InvalidOperation:
            return Note.of("not_a_number", figure=figure.printed)
        if measure == "yoy_pct" and suffix == "倍":
            return number * 100 * sign
        if measure == "yoy_pct" and number > 1000:
            return Note.of("rate_beyond", number=f"{number}")
        if measure != "level":
            return number * sign
        level_unit = INDICATORS[indicator].level_unit
        if suffix == "%" or (not suffix and level_unit == "%"):
            if level_unit != "%":
                return Note.of("level_in_percent", indicator=INDICATORS[indicator].name_zh)
            return number
        if not suffix:
            return Note.of("level_without_unit")
        scaled, family = level_value(figure.printed, suffix)
        if FAMILY_OF_LEVEL_UNIT.get(level_unit) != family:
            return Note.of("wrong_unit", indicator=INDICATORS[indicator].name_zh, unit=suffix)
        return scaled

    # -- issues ----------------------------------------------------------------------

    def _sentence(self, index: int) -> str:
        start = max(self.text.rfind(mark, 0, index) for mark in "。!?\n") + 1
        ends = [e for e in (self.text.find(mark, index) for mark in "。!?\n") if e >= 0]
        end = min(ends) + 1 if ends else len(self.text)
        return self.text[start:end].strip()

    def _refuse(self, figure: Figure, why: Note) -> None:
        self.issues.append(
            Issue(
                severity="refused",
                message=Note.of("not_taken", figure=figure.printed, why=why),
                text=self._sentence(figure.start),
            )
        )

    def unread(self, figure: Figure, why: Note) -> None:
        self.issues.append(
            Issue(
                severity="unread",
                message=Note.of("not_read", figure=figure.printed, why=why),
                text=self._sentence(figure.start),
            )
        )

    def _report_unread(self) -> None:
        """One issue per sentence that holds figures no rule read."""
        by_sentence: dict[str, list[str]] = {}
        starts = [start for start, _ in self.consumed]  # in text order: tokens come left to right
        for match in _STAT_NUMBER.finditer(self.text):
            index = bisect.bisect_right(starts, match.start()) - 1
            if index >= 0 and match.start() < self.consumed[index][1]:
                continue
            sentence = self._sentence(match.start())
            by_sentence.setdefault(sentence, []).append(match.group(0))
        for sentence, figures in by_sentence.items():
            self.issues.append(
                Issue(
                    severity="unread",
                    message=Note.of("no_rule", figures="、".join(f"「{f}」" for f in figures)),
                    text=sentence,
                )
            )


def _named_month(named: str) -> int:
    from loaders.bulletin.periods import NAMED_PERIODS

    return NAMED_PERIODS[named]


def _lost_decimal_point(
    printed: str, measure: str, indicator: str, region: str, value: Decimal, reader: BulletinReader
) -> bool:
    """Whether an implausible whole figure (``94``) becomes plausible with a decimal point
    put back between its digits (9.4): the copy lost its decimal points."""
    if "." in printed or not printed.isdigit() or len(printed) < 2 or reader.period is None:
        return False
    return any(
        _implausible(
            measure, indicator, region, value / Decimal(10) ** places, reader.basis, reader.period
        )
        is None
        for places in range(1, len(printed))
    )


def _implausible(
    measure: str, indicator: str, region: str, value: Decimal, basis: Basis, period: Month
) -> Note | None:
    """Why a value cannot be true (a growth rate below -100 %, a level far outside its
    indicator's range), or None."""
    number = float(value)
    if measure == "yoy_pct" and not -100 <= number <= 10_000:
        return Note.of("impossible_rate", number=full(number))
    if measure == "yoy_pct" and number > 1000:
        return None  # printed as a multiple (增长59倍) it is plausible; in % it was refused
    if measure.endswith("_pp") and abs(number) > 100:
        return Note.of("implausible_change", number=full(number))
    if measure == "share_pct" and not 0 < number <= 100:
        return Note.of("impossible_share", number=full(number))
    if measure != "level":
        return None
    spec = INDICATORS[indicator]
    bounds = REGIONAL_MONTHLY_RANGE if region != "national" else spec.monthly_range
    if bounds is None:
        return Note.of("no_level", indicator=spec.name_zh)
    months = period.month if basis == "ytd" and spec.per_month else 1
    per_month = number / months
    low, high = bounds
    if not low <= per_month <= high:
        return Note.of(
            "implausible_level",
            indicator=spec.name_zh,
            number=full(number),
            unit=str(spec.level_unit),
            months=str(months),
            low=full(low),
            high=full(high),
        )
    return None
