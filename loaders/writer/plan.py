"""The layout of a written bulletin, the same in every language.

Shape: facts in; ``Section``s out, in the bulletin's order (production, prices, exports,
profits, investment, regions, sub-industries, then the derived figures apart). A section
holds paragraphs; a paragraph holds ``Sentence``s; a sentence is every fact of one
(period, basis, segment) and one kind of subject, as ``Item``s (one indicator of one
region each). Languages (``loaders.writer.zh``, ``loaders.writer.en``) only phrase it.

Order inside a paragraph: the document's own period first (cumulative, then its single
month), then earlier periods, latest first. Inside an item: level, growth rate, changes
(latest reference first), gaps, share.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from loaders.bulletin.periods import Month
from loaders.catalog import CLUSTERS, FOUR_REGIONS, INDICATORS, MEASURES, SEGMENTS
from loaders.writer.facts import Fact

#: Paragraph kinds, each with the indicators it writes, in the order it writes them.
PARAGRAPHS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("production", "growth", ("value_added", "sales_output_value")),
    (
        "production",
        "products",
        (
            "output_mobile_phones",
            "output_smartphones",
            "output_microcomputers",
            "output_integrated_circuits",
            "output_electronic_components",
        ),
    ),
    ("prices", "prices", ("producer_prices",)),
    ("exports", "growth", ("export_delivery_value",)),
    (
        "exports",
        "customs",
        (
            "customs_export_laptops",
            "customs_export_mobile_phones",
            "customs_export_integrated_circuits",
            "customs_import_integrated_circuits",
        ),
    ),
    ("profits", "profits", ("revenue", "operating_cost", "total_profit", "profit_margin")),
    ("profits", "stocks", ("receivables",)),
    ("investment", "growth", ("fixed_asset_investment",)),
)
#: Regional paragraphs write revenue only (the bulletins print nothing else by region).
REGIONAL_INDICATORS: tuple[str, ...] = ("revenue",)
SEGMENT_INDICATORS: tuple[str, ...] = (
    "value_added",
    "export_delivery_value",
    "revenue",
    "total_profit",
)
#: The sub-industries, in the catalog's (and the bulletins') order.
SEGMENTS_IN_ORDER: tuple[str, ...] = tuple(code for code in SEGMENTS if code != "all")
#: The comparison industries' rates (derived only): written with the derived figures.
COMPARISON_INDICATORS: tuple[str, ...] = tuple(
    code for code, spec in INDICATORS.items() if not spec.contract
)
#: Measures in the catalog's order: level, rate, changes, gaps, share.
MEASURE_ORDER: tuple[str, ...] = tuple(MEASURES)


@dataclass
class Item:
    """Every fact of one indicator and region in a sentence, in ``MEASURE_ORDER``."""

    indicator: str
    region: str
    facts: list[Fact] = field(default_factory=list)

    def get(self, measure: str) -> Fact | None:
        """The item's fact of ``measure`` (the first, for ``change_pp``), or None."""
        return next((fact for fact in self.facts if fact.measure == measure), None)

    def of(self, measure: str) -> list[Fact]:
        """The item's facts of ``measure``."""
        return [fact for fact in self.facts if fact.measure == measure]


@dataclass
class Sentence:
    """Facts of one period, basis and segment: ``kind`` says how to phrase them
    (``growth``, ``products``, ``prices``, ``customs``, ``profits``, ``regions``,
    ``clusters``, ``segment``, ``comparison``)."""

    kind: str
    period: Month
    basis: str
    segment: str
    items: list[Item]


@dataclass
class Section:
    """One section: ``name`` (a ``PARAGRAPHS`` section, ``regions``, ``segments`` or
    ``derived``) and its paragraphs of sentences."""

    name: str
    paragraphs: list[list[Sentence]]


def _sentence_order(main: Month) -> Callable[[tuple[str, str]], tuple[int, int, int]]:
    """Sort key of (period, basis): the document's period first, then the latest."""

    def order(key: tuple[str, str]) -> tuple[int, int, int]:
        period, basis = Month.parse(key[0]), key[1]
        index = period.year * 12 + period.month
        return (0 if period == main else 1, -index, 0 if basis == "ytd" else 1)

    return order


def _items(facts: list[Fact], indicators: tuple[str, ...], regions: tuple[str, ...]) -> list[Item]:
    items: list[Item] = []
    for region in regions:
        for indicator in indicators:
            chosen = [f for f in facts if f.indicator == indicator and f.region == region]
            if chosen:
                chosen.sort(key=lambda f: (MEASURE_ORDER.index(f.measure), _minus(f.ref_period)))
                items.append(Item(indicator, region, chosen))
    return items


def _minus(ref_period: str) -> int:
    """Latest reference period first."""
    if not ref_period:
        return 0
    month = Month.parse(ref_period)
    return -(month.year * 12 + month.month)


def _sentences(
    facts: list[Fact],
    kind: str,
    indicators: tuple[str, ...],
    regions: tuple[str, ...],
    segment: str,
    main: Month,
) -> list[Sentence]:
    wanted = [
        f
        for f in facts
        if f.indicator in indicators and f.region in regions and f.segment == segment
    ]
    keys = sorted({(f.period, f.basis) for f in wanted}, key=_sentence_order(main))
    sentences = []
    for period, basis in keys:
        group = [f for f in wanted if f.period == period and f.basis == basis]
        items = _items(group, indicators, regions)
        if items:
            sentences.append(Sentence(kind, Month.parse(period), basis, segment, items))
    return sentences


def _sections(facts: list[Fact], main: Month) -> list[Section]:
    sections: dict[str, list[list[Sentence]]] = {}
    for section, kind, indicators in PARAGRAPHS:
        paragraph = _sentences(facts, kind, indicators, ("national",), "all", main)
        if paragraph:
            sections.setdefault(section, []).append(paragraph)
    four = _sentences(facts, "regions", REGIONAL_INDICATORS, FOUR_REGIONS, "all", main)
    clusters = _sentences(facts, "clusters", REGIONAL_INDICATORS, CLUSTERS, "all", main)
    regional = [paragraph for paragraph in (four, clusters) if paragraph]
    if regional:
        sections["regions"] = regional
    segment_paragraphs = [
        paragraph
        for segment in SEGMENTS_IN_ORDER
        if (
            paragraph := _sentences(
                facts, "segment", SEGMENT_INDICATORS, ("national",), segment, main
            )
        )
    ]
    if segment_paragraphs:
        sections["segments"] = segment_paragraphs
    return [Section(name, paragraphs) for name, paragraphs in sections.items()]


def layout(facts: Iterable[Fact], period: str) -> tuple[list[Section], list[Fact]]:
    """(sections, facts no section places) of ``facts`` for a document of ``period``.

    Printed facts fill the bulletin's sections; derived ones (``Fact.derived``) a last
    section ``derived`` with the same layout, so no computed number stands among the
    printed ones.
    """
    main = Month.parse(period)
    every = list(facts)
    printed = [f for f in every if not f.derived]
    derived = [f for f in every if f.derived]
    sections = _sections(printed, main)
    if derived:
        derived_sections = _sections(derived, main)
        comparison = _sentences(
            derived, "comparison", COMPARISON_INDICATORS, ("national",), "all", main
        )
        paragraphs = [p for s in derived_sections for p in s.paragraphs]
        if comparison:
            paragraphs.append(comparison)
        if paragraphs:
            sections.append(Section("derived", paragraphs))
    placed = {
        id(fact)
        for section in sections
        for paragraph in section.paragraphs
        for sentence in paragraph
        for item in sentence.items
        for fact in item.facts
    }
    return sections, [fact for fact in every if id(fact) not in placed]
