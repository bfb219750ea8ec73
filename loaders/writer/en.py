"""The English bulletin: the layout of ``loaders.writer.plan`` as a careful translation
of the MIIT's Chinese would put it.

Terms: value added, export delivery value, operating revenue, operating cost, total
profit, profit margin on operating revenue, fixed-asset investment; enterprises above
designated size; percentage points; money in billion or trillion yuan (1 亿元 = 100
million yuan), counts in million or billion units. Every sentence names its period;
every figure is a ``Figure`` holding its fact.
"""

from __future__ import annotations

from loaders.bulletin.periods import Month
from loaders.catalog import SEGMENTS
from loaders.writer.document import Figure, Piece
from loaders.writer.facts import Fact
from loaders.writer.numerals import en_level, exact, is_approximate, is_multiple, magnitude, plain
from loaders.writer.phrasing import LEAD_INDICATORS, Phrasing, in_decline, joined
from loaders.writer.plan import Item, Sentence

MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
HEADINGS = {
    "production": "Production",
    "prices": "Prices",
    "exports": "Exports",
    "profits": "Revenue and profits",
    "investment": "Investment",
    "regions": "Regions",
    "segments": "Sub-industries",
}
DERIVED_HEADING = (
    "Computed figures: EIM Monitor computed the figures below from the bulletins' "
    "figures; no bulletin prints them"
)
INDUSTRY = "electronic information manufacturers above designated size"
NAMES = {
    "value_added": "value added",
    "sales_output_value": "sales output value",
    "output_mobile_phones": "output of mobile phones",
    "output_smartphones": "output of smartphones",
    "output_microcomputers": "output of microcomputer equipment",
    "output_integrated_circuits": "output of integrated circuits",
    "output_electronic_components": "output of electronic components",
    "producer_prices": "producer prices",
    "export_delivery_value": "export delivery value",
    "customs_export_laptops": "exports of laptop computers",
    "customs_export_mobile_phones": "exports of mobile phones",
    "customs_export_integrated_circuits": "exports of integrated circuits",
    "customs_import_integrated_circuits": "imports of integrated circuits",
    "revenue": "operating revenue",
    "operating_cost": "operating cost",
    "total_profit": "total profit",
    "profit_margin": "the profit margin on operating revenue",
    "receivables": "notes and accounts receivable",
    "fixed_asset_investment": "fixed-asset investment",
    "industry_value_added": "the value added of all industry",
    "high_tech_value_added": "the value added of high-tech manufacturing",
    "industry_export_delivery_value": "the export delivery value of all industry",
    "industry_fixed_asset_investment": "fixed-asset investment in all industry",
    "high_tech_fixed_asset_investment": "fixed-asset investment in high-tech manufacturing",
    "manufacturing_fixed_asset_investment": "fixed-asset investment in all manufacturing",
}
#: Subjects of the national figures of the whole industry.
SUBJECTS = {
    "value_added": f"the value added of {INDUSTRY}",
    "sales_output_value": f"the sales output value of {INDUSTRY}",
    "producer_prices": "producer prices in electronic information manufacturing",
    "export_delivery_value": f"the export delivery value of {INDUSTRY}",
    "revenue": f"the operating revenue of {INDUSTRY}",
    "receivables": "the industry's notes and accounts receivable",
    "fixed_asset_investment": "fixed-asset investment in electronic information manufacturing",
}
REGION_NAMES = {
    "east": "the eastern region",
    "central": "the central region",
    "west": "the western region",
    "northeast": "the northeastern region",
    "jing_jin_ji": "the Beijing-Tianjin-Hebei region",
    "yangtze_delta": "the Yangtze River Delta",
}
GAP_TARGETS = {
    "gap_industry_pp": "all industry",
    "gap_high_tech_pp": "high-tech manufacturing",
    "gap_manufacturing_pp": "all manufacturing",
}
NAMED_SPANS = {3: "the first quarter", 6: "the first half", 9: "the first three quarters"}


def span(period: Month, basis: str, *, stock: bool = False) -> str:
    """``January–November 2023``, ``November 2023``, ``the end of May 2023``, ``2023``."""
    if basis == "month":
        return f"{MONTHS[period.month - 1]} {period.year}"
    if stock:
        return f"the end of {MONTHS[period.month - 1]} {period.year}"
    if period.month == 12:
        return str(period.year)
    if period.month == 1:
        return f"January {period.year} (cumulative)"
    return f"January–{MONTHS[period.month - 1]} {period.year}"


def reference(fact: Fact) -> str:
    """The earlier period of a change: ``a year earlier``, ``the previous month``,
    ``January–October 2023``, ``2022``, ``October 2023``."""
    period, ref = Month.parse(fact.period), Month.parse(fact.ref_period)
    if ref == period.shifted(-12):
        return "a year earlier"
    if fact.basis == "month":
        if ref == period.shifted(-1):
            return "the previous month"
        return f"{MONTHS[ref.month - 1]} {ref.year}"
    return span(ref, "ytd")


def than(fact: Fact) -> str:
    """``than a year earlier``, ``than in January–October 2023``."""
    ref = reference(fact)
    return f"than {ref}" if ref == "a year earlier" else f"than in {ref}"


def points(fact: Fact) -> Figure:
    """``0.9 percentage points``; ``1 percentage point``."""
    digits = magnitude(fact)
    return Figure(f"{digits} percentage point{'' if digits == '1' else 's'}", fact)


class EnglishWriter(Phrasing):
    """Phrases the sections of one document of ``main`` in English."""

    lang = "en"
    sentence_gap = " "
    item_separator = "; "
    full_stop = "."

    def rate(self, fact: Fact, after_level: bool) -> list[Piece]:
        """``grew 2.6% year on year`` (``up 2.6% …`` after a level), ``fell …``,
        ``was unchanged year on year``."""
        if fact.value == 0:
            return ["" if after_level else "was ", Figure("unchanged", fact), " year on year"]
        rising = fact.value > 0
        words = ("up", "down") if after_level else ("grew", "fell")
        figure = Figure(f"{_percent(fact)}%", fact)
        return [f"{words[0] if rising else words[1]} ", figure, " year on year"]

    def change(self, fact: Fact, item: Item) -> list[Piece]:
        """A change against an earlier period, of a growth rate, a decline or a margin."""
        ref = reference(fact)
        if fact.indicator == "profit_margin":
            if fact.value == 0:
                return [Figure("unchanged", fact), f" from {ref}"]
            return [points(fact), f" {'higher' if fact.value > 0 else 'lower'} {than(fact)}"]
        declining = in_decline(item, fact)
        if fact.value == 0:
            subject = "the decline" if declining else "the growth rate"
            return [f"{subject} ", Figure("unchanged", fact), f" from {ref}"]
        if declining:
            word = "narrower" if fact.value > 0 else "deeper"
            return ["a decline ", points(fact), f" {word} {than(fact)}"]
        word = "faster" if fact.value > 0 else "slower"
        return ["growth ", points(fact), f" {word} {than(fact)}"]

    def gap(self, fact: Fact) -> list[Piece]:
        """``1.7 percentage points below the rate of all industry``."""
        target = GAP_TARGETS[fact.measure]
        if fact.value == 0:
            return [Figure("the same rate", fact), f" as {target}"]
        word = "above" if fact.value > 0 else "below"
        return [points(fact), f" {word} the rate of {target}"]

    def subject(self, item: Item, sentence: Sentence, first: bool) -> str:
        name = NAMES[item.indicator]
        if sentence.kind == "comparison":
            return name
        if item.region != "national":
            return f"{REGION_NAMES[item.region]}'s {name}"
        if sentence.segment != "all":
            segment = SEGMENTS[sentence.segment][1].lower()
            return f"the {name} of {segment} manufacturing" if first else f"its {name}"
        return SUBJECTS.get(item.indicator, name)

    def item(self, item: Item, sentence: Sentence, first: bool) -> list[Piece]:
        """One item: subject, then its measures as appositive clauses."""
        subject = self.subject(item, sentence, first)
        level = item.get("level")
        clauses: list[list[Piece]] = []
        if level is not None:
            verb = "were" if _plural(subject) else "was"
            clauses.append([f"{subject} {verb} ", Figure(en_level(level), level)])
        for fact in item.facts:
            if fact.measure == "level":
                continue
            if fact.measure == "yoy_pct":
                pieces = self.rate(fact, after_level=bool(clauses))
            elif fact.measure == "change_pp":
                pieces = self.change(fact, item)
            elif fact.measure.startswith("gap_"):
                pieces = self.gap(fact)
            elif fact.measure == "share_pct":
                about = "about " if is_approximate(fact) else ""
                pieces = [Figure(f"{about}{magnitude(fact)}%", fact), " of the national total"]
            else:
                self.unwritten.append(fact)
                continue
            if not clauses and fact.measure == "yoy_pct":
                pieces = [f"{subject} ", *pieces]
            elif not clauses and fact.measure == "share_pct":
                pieces = [f"{subject} was ", *pieces]
            elif not clauses:
                pieces = [f"{subject}: ", *pieces]
            clauses.append(pieces)
        return joined(clauses, ", ")

    def opening(self, sentence: Sentence) -> str:
        """``In January–November 2023, ``; ``According to customs statistics, in …``."""
        stock = sentence.kind == "stocks"
        when = span(sentence.period, sentence.basis, stock=stock)
        if sentence.kind == "customs":
            return f"According to customs statistics, in {when}, "
        opening = f"{'At' if stock else 'In'} {when}, "
        return opening + ("among the main products, " if sentence.kind == "products" else "")

    def lead(self, directions: dict[str, int]) -> str:
        """``In January–November 2023, China's electronic information manufacturing saw
        value added grow, …`` : directions in words only (the sections print the figures)."""
        words = {1: "grow", -1: "fall", 0: "hold steady"}
        parts = [f"{LEAD_NAMES[code]} {words[sign]}" for code, sign in directions.items()]
        listed = parts[0] if len(parts) == 1 else f"{', '.join(parts[:-1])} and {parts[-1]}"
        return (
            f"In {span(self.main, 'ytd')}, China's electronic information manufacturing saw "
            f"{listed} year on year."
        )

    def title(self) -> str:
        return f"Electronic information manufacturing in {span(self.main, 'ytd')}"

    def heading(self, section: str, number: int) -> str:
        return DERIVED_HEADING if section == "derived" else f"{number}. {HEADINGS[section]}"


LEAD_NAMES = dict(
    zip(
        LEAD_INDICATORS,
        (
            "value added",
            "export delivery value",
            "operating revenue",
            "total profit",
            "fixed-asset investment",
        ),
        strict=True,
    )
)


def _percent(fact: Fact) -> str:
    """A growth rate's magnitude in %, a multiple written out (``2.1倍`` -> ``210``)."""
    return plain(abs(exact(fact.value))) if is_multiple(fact) else magnitude(fact)


def _plural(subject: str) -> bool:
    """True for subjects that take ``were``: exports, imports, receivables, prices."""
    head = subject.split(" of ")[0].split("'s ")[-1]
    return head.endswith(("exports", "imports", "receivable", "prices"))
