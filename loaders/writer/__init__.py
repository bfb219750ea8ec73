"""The bulletin writer: the facts of one period as a bulletin in Chinese or English.

    from loaders.writer import write
    from loaders.writer.facts import period_facts
    document = write(period_facts(store.facts(), "2023-11"), "2023-11", "en")
    print(document.text())

``write`` is the loader's inverse: the Chinese text of a bulletin's printed facts parses
back (``loaders.parse_bulletin``) to exactly those facts, in every ``Style`` the loader
reads. Derived figures are written apart, after ``loaders.bulletin.marks.DERIVED_MARK``, which the
loader does not read past. A fact no sentence can state is in ``Document.unwritten``;
nothing is invented and nothing is dropped silently.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Literal

from loaders.bulletin.periods import Month
from loaders.writer.document import Document, Figure, Paragraph
from loaders.writer.en import EnglishWriter
from loaders.writer.facts import Fact, period_facts
from loaders.writer.plan import layout
from loaders.writer.style import HOUSE_STYLE, Style
from loaders.writer.zh import ChineseWriter

Lang = Literal["zh", "en"]
LANGS: tuple[Lang, ...] = ("zh", "en")

__all__ = [
    "LANGS",
    "Document",
    "Fact",
    "Figure",
    "Lang",
    "Paragraph",
    "Style",
    "period_facts",
    "write",
]


def write(
    facts: Iterable[Fact], period: str, lang: Lang = "zh", style: Style = HOUSE_STYLE
) -> Document:
    """The bulletin of ``period`` (YYYY-MM, the last month of its span) from ``facts``;
    ``style`` applies to Chinese only."""
    if lang not in LANGS:
        raise ValueError(f"no writer for language {lang!r}: choose zh or en")
    every = list(facts)
    sections, unplaced = layout(every, period)
    main = Month.parse(period)
    writer = ChineseWriter(main, style) if lang == "zh" else EnglishWriter(main)
    document = writer.document(sections, every)
    document.unwritten = [*unplaced, *writer.unwritten]
    return document
