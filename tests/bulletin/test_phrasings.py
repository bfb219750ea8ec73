"""The loader against prose it was not built from (``tests/support/phrasings.py``): one
month's facts stated in 300 of the ways MIIT's bulletins and their web copies state them
(period words, verbs, 为/达/实现, 亿元 or 万亿元 or thousands separators, four ways of saying
the gaps, single-month sentences before or after, headings or none, a news wrapper, a copy
cut after a paragraph), and each must give exactly its facts: none missing, none extra, no
other period or basis."""

from __future__ import annotations

import pytest
from phrasings import Facts, Phrasing, bulletin, phrasings

from loaders import parse_bulletin

CASES = list(phrasings(300, seed=13))


def read(text: str) -> set[tuple[object, ...]]:
    """The facts the loader reads in ``text``: key and value (rounded to drop float noise)."""
    parsed = parse_bulletin(text)
    return {(*o.key(), round(o.value, 6)) for o in parsed.observations}


@pytest.mark.parametrize("phrasing", CASES, ids=[f"p{i:03d}" for i in range(len(CASES))])
def test_every_phrasing_gives_exactly_its_facts(phrasing: Phrasing) -> None:
    text, expected = bulletin(Facts(), phrasing)
    found = read(text)
    assert found == {(*key, round(value, 6)) for *key, value in expected}, (
        f"missing {sorted(expected - found)}\nextra {sorted(found - expected)}\n{text}"
    )


@pytest.mark.parametrize(
    "facts",
    [
        Facts(year=2026, month=3),  # 一季度
        Facts(year=2030, month=6, edv=5.0, va_gap_high_tech=-0.8),  # 上半年, a negative gap
        Facts(year=2042, month=9, va_change=-0.6, fai=-3.2),  # 前三季度, falls
    ],
    ids=["2026-q1", "2030-h1", "2042-q3"],
)
def test_quarter_words_and_years_after_the_corpus(facts: Facts) -> None:
    for phrasing in (Phrasing(period_words=2), Phrasing(period_words=0, gaps=1, verbs=1)):
        text, expected = bulletin(facts, phrasing)
        assert read(text) == {(*key, round(value, 6)) for *key, value in expected}, text
