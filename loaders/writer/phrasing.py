"""What the Chinese and English writers share: the assembly of a document from the
layout, and the facts a phrase depends on.

Shape: a ``Phrasing`` turns ``plan.Section``s into a ``Document``: title, lead, one
heading per section (the derived figures under their own), one paragraph per list of
sentences. A language says how each part reads (``title``, ``lead``, ``heading``,
``sentence``) and collects in ``unwritten`` any fact it has no phrase for.
"""

from __future__ import annotations

from abc import ABC, abstractmethod

from loaders.bulletin.periods import Month
from loaders.writer.document import Document, Paragraph, Piece
from loaders.writer.facts import Fact
from loaders.writer.plan import Item, Section, Sentence

#: The indicators the lead sentence speaks of, in its order.
LEAD_INDICATORS: tuple[str, ...] = (
    "value_added",
    "export_delivery_value",
    "revenue",
    "total_profit",
    "fixed_asset_investment",
)


class Phrasing(ABC):
    """One language's phrasing of a document of ``main`` (see the module docstring)."""

    lang: str
    #: What stands between two sentences of a paragraph, two items of a sentence, and
    #: what ends a sentence.
    sentence_gap: str = ""
    item_separator: str
    full_stop: str

    def __init__(self, main: Month) -> None:
        self.main = main
        self.unwritten: list[Fact] = []

    @abstractmethod
    def title(self) -> str: ...

    @abstractmethod
    def lead(self, directions: dict[str, int]) -> str: ...

    @abstractmethod
    def heading(self, section: str, number: int) -> str:
        """A section's heading; ``number`` counts from 1 (the derived section has none)."""

    @abstractmethod
    def opening(self, sentence: Sentence) -> str:
        """What a sentence opens with: its period (and ``据海关统计`` for customs)."""

    @abstractmethod
    def item(self, item: Item, sentence: Sentence, first: bool) -> list[Piece]:
        """One item's clauses (empty when it has none the language can write)."""

    def sentence(self, sentence: Sentence) -> list[Piece]:
        """The opening, the items one after another, the full stop; empty without items."""
        items = [
            pieces
            for index, item in enumerate(sentence.items)
            if (pieces := self.item(item, sentence, index == 0))
        ]
        if not items:
            return []
        return [self.opening(sentence), *joined(items, self.item_separator), self.full_stop]

    def finish(self, document: Document) -> None:  # noqa: B027 (a hook: most need none)
        """A last pass over the whole document (the Chinese one converts the script)."""

    def document(self, sections: list[Section], facts: list[Fact]) -> Document:
        """The whole bulletin: title, lead, numbered sections, the derived figures apart."""
        document = Document(title=self.title(), lang=self.lang, period=str(self.main))
        directions = lead_directions(facts, self.main)
        if directions:
            document.paragraphs.append(Paragraph([self.lead(directions)]))
        number = 0
        for section in sections:
            if section.name != "derived":
                number += 1
            heading = self.heading(section.name, number)
            document.paragraphs.append(Paragraph([heading], heading=True))
            for sentences in section.paragraphs:
                paragraph = Paragraph()
                for sentence in sentences:
                    pieces = self.sentence(sentence)
                    if pieces and paragraph.pieces:
                        paragraph.add(self.sentence_gap)
                    paragraph.add(*pieces)
                if paragraph.pieces:
                    document.paragraphs.append(paragraph)
        self.finish(document)
        return document


def lead_directions(facts: list[Fact], main: Month) -> dict[str, int]:
    """The sign (1, -1, 0) of the printed year-on-year rate of each lead indicator in the
    document's own cumulative period, for the whole industry; in ``LEAD_INDICATORS`` order."""
    found: dict[str, int] = {}
    for fact in facts:
        ours = fact.period == str(main) and fact.basis == "ytd" and not fact.derived
        national = fact.region == "national" and fact.segment == "all"
        if ours and national and fact.measure == "yoy_pct" and fact.indicator in LEAD_INDICATORS:
            found[fact.indicator] = (fact.value > 0) - (fact.value < 0)
    return {code: found[code] for code in LEAD_INDICATORS if code in found}


def rate_of(item: Item, fact: Fact) -> float | None:
    """The item's year-on-year rate of the fact's period, or None."""
    found = item.get("yoy_pct")
    return found.value if found is not None and found.period == fact.period else None


def in_decline(item: Item, fact: Fact) -> bool:
    """True when the item's rate and the rate ``fact`` (a change or a gap, in pp) compares
    it with are both declines: then bulletins speak of the decline (降幅收窄, 降幅深)."""
    rate = rate_of(item, fact)
    return rate is not None and rate < 0 and rate - fact.value < 0


def joined(groups: list[list[Piece]], separator: str) -> list[Piece]:
    """The groups' pieces with ``separator`` between two groups."""
    pieces: list[Piece] = []
    for index, group in enumerate(groups):
        if index:
            pieces.append(separator)
        pieces.extend(group)
    return pieces
