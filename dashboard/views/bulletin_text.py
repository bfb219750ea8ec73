"""A bulletin's text cut into sentences where the reader cuts them, with the figures of its
facts located in them (for the Bulletins page, ``dashboard.pages.bulletins``).

In: the normalised text of a bulletin (``loaders.bulletin.text.normalize`` of the stored
raw text) and its facts as dicts (``text``: the sentence a fact was read from, ``printed``:
its figure as printed, e.g. ``13.5万亿元``). Out: paragraphs (lines) of ``Marked``
sentences, numbered from 1 through the whole text, each with the character spans of its
facts' figures and the indices (into the facts) of the facts each span shows; the indices of
the facts that could not be located. Pure: no Dash, no data reading.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, Final

#: Where the reader ends a sentence (besides a line's end).
SENTENCE_END: Final = "。!?"


def split_sentences(text: str) -> list[list[str]]:
    """Paragraphs (lines) of sentences, each ending at ``。 ! ?`` or the line's end, as
    ``loaders.bulletin.reader`` cuts them (so a fact's ``text`` equals one of them)."""
    paragraphs = []
    for line in text.split("\n"):
        pieces = re.findall(rf"[^{SENTENCE_END}]+[{SENTENCE_END}]?|[{SENTENCE_END}]", line)
        sentences = [piece.strip() for piece in pieces if piece.strip()]
        if sentences:
            paragraphs.append(sentences)
    return paragraphs


def figure_spans(sentence: str, printed: str) -> list[tuple[int, int]]:
    """Where ``printed`` stands in ``sentence`` as a whole figure (``2%`` not in ``12%``,
    ``8.4`` not in ``8.45``)."""
    if not printed:
        return []
    pattern = re.compile(rf"(?<![\d.]){re.escape(printed)}(?!\.?\d)")
    return [(m.start(), m.end()) for m in pattern.finditer(sentence)]


@dataclass
class Marked:
    """A sentence with the spans of its facts' figures: (start, end, fact indices)."""

    number: int
    text: str
    spans: list[tuple[int, int, list[int]]] = field(default_factory=list)

    @property
    def facts(self) -> set[int]:
        return {index for *_, found in self.spans for index in found}


def mark_text(text: str, facts: Sequence[dict[str, Any]]) -> tuple[list[list[Marked]], list[int]]:
    """The sentences of ``text`` (paragraphs of ``Marked``), each with its facts' figures
    located, and the indices of the facts that could not be located."""
    paragraphs: list[list[Marked]] = []
    by_text: dict[str, Marked] = {}
    number = 0
    for sentences in split_sentences(text):
        row = []
        for sentence in sentences:
            number += 1
            marked = Marked(number, sentence)
            row.append(marked)
            by_text.setdefault(sentence, marked)
        paragraphs.append(row)
    wanted: dict[int, list[tuple[int, int, int]]] = {}  # sentence number -> (start, end, fact)
    unlocated = []
    for index, fact in enumerate(facts):
        fact_text = str(fact.get("text") or "").strip()
        marked_or_none = by_text.get(fact_text) or next(
            (m for m in by_text.values() if fact_text and fact_text in m.text), None
        )
        spans = (
            figure_spans(marked_or_none.text, str(fact.get("printed") or ""))
            if (marked_or_none is not None)
            else []
        )
        if marked_or_none is None or not spans:
            unlocated.append(index)
            continue
        wanted.setdefault(marked_or_none.number, []).extend((s, e, index) for s, e in spans)
    for row in paragraphs:
        for marked in row:
            marked.spans = _merged(wanted.get(marked.number, []))
    return paragraphs, unlocated


def _merged(spans: Iterable[tuple[int, int, int]]) -> list[tuple[int, int, list[int]]]:
    """Non-overlapping spans, longest first where two overlap; the facts of a dropped span
    join the span that covers it."""
    kept: list[tuple[int, int, list[int]]] = []
    for start, end, fact in sorted(spans, key=lambda s: (-(s[1] - s[0]), s[0])):
        for kept_start, kept_end, facts in kept:
            if start < kept_end and kept_start < end:
                if fact not in facts:
                    facts.append(fact)
                break
        else:
            kept.append((start, end, [fact]))
    return sorted(kept)


def focused_sentences(
    paragraphs: Sequence[Sequence[Marked]], sentence: str, focus_facts: set[int]
) -> tuple[set[int], bool]:
    """The numbers of the sentences to mark — those showing a fact of ``focus_facts`` and
    the one ``sentence`` asks for (its 1-based number, or its text) — and whether
    ``sentence`` (if asked) was found."""
    every = [m for row in paragraphs for m in row]
    numbers = {m.number for m in every if focus_facts & m.facts}
    if not sentence:
        return numbers, True
    if sentence.isdigit():
        number = int(sentence)
        found = any(m.number == number for m in every)
        return numbers | ({number} if found else set()), found
    wanted = sentence.strip()
    hits = {m.number for m in every if m.text == wanted} or {
        m.number for m in every if wanted in m.text or (len(m.text) > 8 and m.text in wanted)
    }
    return numbers | hits, bool(hits)
