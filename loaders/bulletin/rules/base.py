"""The shapes of the rule tables: subjects (what a figure is about) and measures.

A *subject* rule names a phrase that sets what the following figures describe
(``营业收入`` -> revenue, ``东部地区`` -> east, ``通信设备制造业`` -> a segment).
A *measure* rule names a phrase that holds a figure and says what it measures
(``同比下降1.8%`` -> a year-on-year rate of -1.8); its function turns the match
into facts through the ``Reader`` (``loaders.bulletin.reader``), which knows the
period, indicator, region and segment in force.

Each section's module (``production``, ``exports`` …) is a table of these;
``loaders.bulletin.scanner`` joins every table into one pattern and scans the text with it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

from loaders.bulletin.notes import Note
from loaders.bulletin.periods import Month


@dataclass(frozen=True)
class Figure:
    """A printed figure: its digits and where they stand in the normalised text."""

    printed: str
    start: int
    end: int


class Match(Protocol):
    """A rule's match, its named groups addressed by their short names."""

    @property
    def text(self) -> str: ...

    @property
    def start(self) -> int: ...

    @property
    def end(self) -> int: ...

    def __getitem__(self, name: str) -> str: ...

    def figure(self, name: str) -> Figure: ...


class Reader(Protocol):
    """What a measure rule may ask of the reader while it scans a bulletin."""

    period: Month | None
    indicator: str | None
    region: str
    four_regions: bool

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
    ) -> None: ...

    def set_indicator(self, indicator: str) -> None: ...

    def unread(self, figure: Figure, why: Note) -> None: ...

    def in_decline(self) -> bool: ...


@dataclass(frozen=True)
class Subject:
    """A phrase that sets what the following figures are about.

    ``pattern`` is a regex over normalised text; ``reads`` an example of it.
    ``blocks`` marks a subject outside our codes (``工业生产者出厂价格``): figures
    after it are reported as unread rather than given to the previous indicator.
    """

    pattern: str
    reads: str
    indicator: str | None = None
    region: str | None = None
    segment: str | None = None
    four_regions: bool = False
    blocks: bool = False


MeasureFunction = Callable[[Match, Reader], None]


@dataclass(frozen=True)
class MeasureRule:
    """A phrase holding a figure; ``build`` (whose docstring shows the sentences it
    reads) turns a match into facts."""

    pattern: str
    build: MeasureFunction

    @property
    def reads(self) -> str:
        return (self.build.__doc__ or "").strip()


def measure(pattern: str, table: list[MeasureRule]) -> Callable[[MeasureFunction], MeasureFunction]:
    """Register ``build`` with ``pattern`` in ``table``; the order of registration is
    the order of preference where two rules match at the same place."""

    def register(build: MeasureFunction) -> MeasureFunction:
        table.append(MeasureRule(pattern, build))
        return build

    return register
