"""The writer's output: a bulletin as paragraphs of text and figures.

Shape: a ``Document`` has a title, paragraphs and the facts it could not write. A
``Paragraph`` is a list of pieces, each either plain text (``str``) or a ``Figure``: the
written number with its unit (``13.5万亿元``, ``2.6%``, ``13.5 trillion yuan``) and the
``Fact`` it states, so a page can link each number to its source bulletin. A heading
paragraph (``一、生产情况``) holds text only.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from loaders.writer.facts import Fact


@dataclass(frozen=True)
class Figure:
    """One written number: its text as it stands in the sentence and the fact it states."""

    text: str
    fact: Fact


Piece = str | Figure


@dataclass
class Paragraph:
    """A paragraph: text and figures in reading order."""

    pieces: list[Piece] = field(default_factory=list)
    heading: bool = False

    def add(self, *pieces: Piece) -> None:
        """Append pieces; empty strings are dropped."""
        self.pieces.extend(piece for piece in pieces if piece != "")

    def text(self) -> str:
        """The paragraph as plain text."""
        return "".join(piece if isinstance(piece, str) else piece.text for piece in self.pieces)

    def figures(self) -> list[Figure]:
        """The figures of the paragraph, in reading order."""
        return [piece for piece in self.pieces if isinstance(piece, Figure)]


@dataclass
class Document:
    """A written bulletin: ``title``, ``paragraphs``, and ``unwritten`` facts (those no
    sentence of the writer can state; the writer never drops one silently)."""

    title: str
    lang: str
    period: str
    paragraphs: list[Paragraph] = field(default_factory=list)
    unwritten: list[Fact] = field(default_factory=list)

    def text(self) -> str:
        """The whole bulletin as plain text: the title, then one paragraph per line."""
        lines = [self.title, *(paragraph.text() for paragraph in self.paragraphs)]
        return "\n\n".join(line for line in lines if line) + "\n"

    def figures(self) -> list[Figure]:
        """Every figure of the document, in reading order."""
        return [figure for paragraph in self.paragraphs for figure in paragraph.figures()]
