"""One scanner over a bulletin: every rule table joined into a single regex.

Shape: normalised text in, a stream of ``Token`` out, left to right. A token is
a sentence or paragraph boundary, a period marker (``1-11月份``), a subject
(``营业收入``) or a measure (``同比下降1.8%``). Where several rules match at the
same place the first listed wins: measures, then subjects, then periods.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

from loaders.bulletin.periods import BROKEN_MONTH, CUMULATIVE, FULL_YEAR, SINGLE, THIS_MONTH
from loaders.bulletin.rules import (
    exports,
    investment,
    prices,
    production,
    profits,
    regions,
    segments,
)
from loaders.bulletin.rules.base import Figure, MeasureRule, Subject
from loaders.bulletin.rules.measures import MEASURES

SUBJECT_TABLES: tuple[tuple[Subject, ...], ...] = (
    profits.SUBJECTS,
    production.SUBJECTS,
    exports.SUBJECTS,
    prices.SUBJECTS,
    investment.SUBJECTS,
    regions.SUBJECTS,
    segments.SUBJECTS,
)
PERIOD_MARKERS: dict[str, str] = {
    "cumulative": CUMULATIVE,
    "single": SINGLE,
    "this_month": THIS_MONTH,
    "year": FULL_YEAR,
    "broken": BROKEN_MONTH,
}
#: ``。`` between two digits is a damaged decimal point (``9。3``), not a sentence end.
#: ``;`` ends an item of a list (``营业成本…;实现利润总额…``) unless what follows goes on
#: about the same item (``;增速比同期工业低1.7个百分点``).
BOUNDARIES = {
    "paragraph": r"\n",
    "sentence": r"[!?]|。(?!\d)|(?<!\d)。",
    # a ; that continues the same figure's comparisons (增速…；高于同期工业…) is no boundary
    "clause": r";(?!增速|增幅|降幅|涨幅|跌幅|同比|比|较|分别|但|且|并"
    r"|高于|低于|快于|慢于|超出|超过|高出)",
}

Kind = Literal["boundary", "period", "subject", "measure"]
_GROUP = re.compile(r"\(\?P<(\w+)>")


@dataclass(frozen=True)
class Token:
    """One match of the scanner; ``groups`` by the rule's own group names."""

    kind: Kind
    name: str
    start: int
    end: int
    groups: dict[str, str]
    spans: dict[str, tuple[int, int]]
    text: str
    rule: MeasureRule | Subject | None = None

    def __getitem__(self, name: str) -> str:
        return self.groups.get(name) or ""

    def figure(self, name: str) -> Figure:
        start, end = self.spans[name]
        return Figure(self.text[start:end], start, end)


@dataclass(frozen=True)
class _Alternative:
    kind: Kind
    name: str
    rule: MeasureRule | Subject | None
    groups: tuple[tuple[str, str], ...]  # (name in the joined regex, the rule's own name)


@lru_cache(maxsize=1)
def _compiled() -> tuple[re.Pattern[str], dict[str, _Alternative]]:
    parts: list[str] = []
    alternatives: dict[str, _Alternative] = {}

    def add(kind: Kind, name: str, pattern: str, rule: MeasureRule | Subject | None) -> None:
        index = len(alternatives)
        prefix = f"a{index}_"
        renamed = _GROUP.sub(lambda m: f"(?P<{prefix}{m[1]}>", pattern)
        groups = tuple((prefix + short, short) for short in _GROUP.findall(pattern))
        alternatives[f"a{index}"] = _Alternative(kind, name, rule, groups)
        parts.append(f"(?P<a{index}>{renamed})")

    for rule in MEASURES:
        add("measure", rule.build.__name__, rule.pattern, rule)
    for table in SUBJECT_TABLES:
        for subject in table:
            add("subject", subject.pattern, f"(?:{subject.pattern})", subject)
    for name, pattern in PERIOD_MARKERS.items():
        add("period", name, pattern, None)
    for name, pattern in BOUNDARIES.items():
        add("boundary", name, pattern, None)
    return re.compile("|".join(parts)), alternatives


def scan(text: str) -> Iterator[Token]:
    """The tokens of ``text``, left to right, none overlapping."""
    pattern, alternatives = _compiled()
    for match in pattern.finditer(text):
        key = match.lastgroup or ""
        alternative = alternatives[key]
        groups: dict[str, str] = {}
        spans: dict[str, tuple[int, int]] = {}
        for full_name, short in alternative.groups:
            value = match.group(full_name)
            if value is not None:
                groups[short] = value
                spans[short] = match.span(full_name)
        yield Token(
            alternative.kind,
            alternative.name,
            match.start(),
            match.end(),
            groups,
            spans,
            text,
            alternative.rule,
        )
