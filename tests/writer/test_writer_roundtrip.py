"""The writer is the loader's inverse: a bulletin's facts written in Chinese parse back to
exactly those facts.

- Property (hypothesis, a few hundred drawn fact sets in every phrasing the loader reads:
  both comparison words, the dashes, 份 or not, named quarters, 上年/去年同期, paired gaps,
  traditional script, spaces around and inside figures): same keys, same values, the same
  period, nothing unwritten and no figure the loader could not read.
- Every bulletin of the corpus (read in place from ``../shared``), and every bulletin the
  shipped datasets hold, round-trips the same way.
- Derived figures are written apart and never read back as printed ones.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import pytest
from corpus_paths import CORPUS, require
from fact_sets import bulletins, styles
from hypothesis import HealthCheck, given, settings

from loaders import BulletinError, parse_bulletin
from loaders.api import SHIPPED_DATASETS
from loaders.bulletin.periods import Month
from loaders.store import Store
from loaders.tables.importer import import_tables
from loaders.writer import Fact, Style, period_facts, write
from loaders.writer.style import HOUSE_STYLE

pytestmark = pytest.mark.slow  # hundreds of drawn fact sets, written and parsed back

#: Derandomised, as the loader's other properties: CI replays the same examples.
ROUND_TRIP_SETTINGS = settings(
    max_examples=300,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    derandomize=True,
)

Key = tuple[str, ...]


def read_back(facts: list[Fact], period: str, style: Style = HOUSE_STYLE) -> dict[Key, float]:
    """Write ``facts`` in Chinese, parse the text, and return what the loader read.

    Fails the test when the writer left a fact out or the loader met a figure it could not
    read or refused one.
    """
    document = write(facts, period, "zh", style)
    assert not document.unwritten, [fact.key() for fact in document.unwritten]
    text = document.text()
    bulletin = parse_bulletin(text)
    assert bulletin.period == period, text
    troubles = [i for i in bulletin.issues if i.severity in ("unread", "refused")]
    assert not troubles, (troubles, text)
    return {o.key(): o.value for o in bulletin.observations}


def printed_facts(facts: list[Fact]) -> dict[Key, float]:
    return {fact.key(): fact.value for fact in facts if not fact.derived}


def assert_same(got: dict[Key, float], want: dict[Key, float]) -> None:
    assert sorted(got) == sorted(want)
    wrong = {k: (got[k], want[k]) for k in want if got[k] != pytest.approx(want[k], rel=1e-9)}
    assert not wrong


@ROUND_TRIP_SETTINGS
@given(drawn=bulletins(), style=styles())
def test_any_fact_set_in_any_phrasing_reads_back_exactly(
    drawn: tuple[Month, list[Fact]], style: Style
) -> None:
    period, facts = drawn
    assert_same(read_back(facts, str(period), style), printed_facts(facts))


@ROUND_TRIP_SETTINGS
@given(drawn=bulletins())
def test_every_fact_is_one_figure_in_both_languages(drawn: tuple[Month, list[Fact]]) -> None:
    """Each fact, printed or derived, stands in the text exactly once, as a figure that
    names it (what the Overview links to its source)."""
    period, facts = drawn
    for lang in ("zh", "en"):
        document = write(facts, str(period), lang)
        figures = [(*figure.fact.key(), str(figure.fact.derived)) for figure in document.figures()]
        assert sorted(figures) == sorted((*f.key(), str(f.derived)) for f in facts)
        if lang == "en":
            text = document.text()
            assert not [ch for ch in text if "\u4e00" <= ch <= "\u9fff"], text


def corpus_bulletins() -> list[Path]:
    """The corpus's keyed copies and its damaged ones."""
    return sorted((CORPUS / "bulletins").glob("*.txt")) + sorted(
        (CORPUS / "robustness").glob("*.txt")
    )


@pytest.mark.corpus
@pytest.mark.parametrize(
    "style",
    [
        Style(),
        Style(dash="-", fen=False, named=True, compare="比", gap_pair=True),
        Style(traditional=True, spaced=True, split_decimal=True, year_ago="去年同期", dash="至"),
    ],
    ids=["house", "plain", "traditional-spaced"],
)
def test_every_corpus_bulletin_reads_back_exactly(style: Style) -> None:
    require(CORPUS / "bulletins", CORPUS / "robustness")
    written = 0
    for path in corpus_bulletins():
        try:
            bulletin = parse_bulletin(path)
        except BulletinError:  # a copy the loader refuses is stored by nobody
            continue
        facts = [Fact.from_observation(o, bulletin.sha256) for o in bulletin.observations]
        assert facts, path
        got = read_back(facts, bulletin.period, style)
        assert_same(got, printed_facts(facts))
        written += 1
    assert written >= 34  # 27 keyed copies and 7 of the 8 damaged ones


@pytest.fixture(scope="module")
def shipped(tmp_path_factory: pytest.TempPathFactory) -> Store:
    store = Store(f"sqlite:///{tmp_path_factory.mktemp('shipped') / 'eim.sqlite'}")
    import_tables(store, SHIPPED_DATASETS)
    return store


def test_every_shipped_bulletin_reads_back_exactly(shipped: Store) -> None:
    by_bulletin: dict[str, list[Fact]] = defaultdict(list)
    for row in shipped.facts():
        by_bulletin[str(row["bulletin"])].append(Fact.from_row(row))
    periods = {str(row["sha256"]): str(row["period"]) for row in shipped.bulletins()}
    assert len(by_bulletin) >= 20
    for sha, facts in by_bulletin.items():
        assert_same(read_back(facts, periods[sha]), printed_facts(facts))


def test_a_period_with_derived_figures_reads_back_to_its_printed_ones(shipped: Store) -> None:
    """2023-12 has computed single months and comparison rates: they are written after
    the mark, the loader says it did not read them, and only printed figures come back."""
    facts = period_facts(shipped.facts(), "2023-12")
    assert any(f.derived for f in facts) and any(not f.derived for f in facts)
    document = write(facts, "2023-12", "zh")
    bulletin = parse_bulletin(document.text())
    got = {o.key(): o.value for o in bulletin.observations}
    assert_same(got, printed_facts(facts))
    assert any("推算" in issue.message for issue in bulletin.issues)


def test_a_round_trip_can_fail() -> None:
    """The comparison is strict: a fact the text does not state is missed."""
    facts = [
        Fact(
            period="2024-05",
            basis="ytd",
            indicator=indicator,
            measure=measure,
            value=value,
            unit=unit,
        )
        for indicator, measure, value, unit in (
            ("value_added", "yoy_pct", 12.6, "%"),
            ("revenue", "level", 58600.0, "亿元"),
        )
    ]
    got = read_back(facts[:1], "2024-05")
    with pytest.raises(AssertionError):
        assert_same(got, printed_facts(facts))
