"""Property tests of the loader: any text gives a ``Bulletin`` or a ``BulletinError``, damage
to a bulletin never crashes it nor (when every figure survives) changes a fact, and the text
normalisation is idempotent.

``BULLETIN`` is a bulletin written for these tests in the style of MIIT's monthly reports; its
figures are invented (and consistent with each other), not copied from any real bulletin.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from loaders import Bulletin, BulletinError, parse_bulletin
from loaders.bulletin.text import normalize

BULLETIN = """2024年1—5月份电子信息制造业运行情况

一、生产平稳增长

1—5月份，规模以上电子信息制造业增加值同比增长12.6%，增速较1—4月份提高0.4个百分点，\
分别比同期工业、高技术制造业高6.4个和2.1个百分点。5月份，规模以上电子信息制造业增加值同比增长13.2%。

1—5月份，主要产品中，手机产量6.12亿台，同比增长9.4%，其中智能手机产量4.55亿台，同比增长11.3%；\
集成电路产量1684亿块，同比增长28.5%。

二、出口持续回暖

1—5月份，规模以上电子信息制造业出口交货值同比增长4.8%。据海关统计，1—5月份，我国出口手机2.87亿台，\
同比下降2.4%。

三、效益稳步改善

1—5月份，规模以上电子信息制造业实现营业收入5.86万亿元，同比增长7.9%；营业成本5.12万亿元，同比增长7.6%；\
实现利润总额2217亿元，同比增长36.4%；营业收入利润率为3.78%。

四、投资增速放缓

1—5月份，电子信息制造业固定资产投资同比增长10.3%，比同期工业投资增速高0.4个百分点。

五、分地区运行情况

1—5月份，东部地区实现营业收入39210亿元，同比增长8.6%；中部地区实现营业收入10315亿元，同比增长6.2%；\
西部地区实现营业收入8684亿元，同比增长6.9%；东北地区实现营业收入391亿元，同比下降3.5%。
"""

#: Derandomised: CI replays the examples that pass here, so a run fails for a change of
#: the loader, never for the luck of the draw. Damage found by wider random searches is kept
#: below as explicit examples.
PROPERTY_SETTINGS = settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
    derandomize=True,
)

Key = tuple[str, ...]


def facts(bulletin: Bulletin) -> dict[Key, float]:
    """A parsed bulletin's facts: key -> value."""
    return {o.key(): o.value for o in bulletin.observations}


CLEAN_FACTS = facts(parse_bulletin(BULLETIN))


def parse_or_refuse(text: str) -> Bulletin | None:
    """The bulletin, or None when the loader refuses the text with a ``BulletinError``.

    Any other exception propagates and fails the calling test.
    """
    try:
        bulletin = parse_bulletin(text)
    except BulletinError as error:
        assert str(error).strip(), "a BulletinError without a message"
        return None
    assert isinstance(bulletin, Bulletin)
    return bulletin


# --- (a) random text ---------------------------------------------------------------------------

#: Characters of the bulletins' vocabulary, damage and markup, so random text reaches the rules.
BULLETIN_CHARACTERS = sorted(
    set(BULLETIN)
    | set("０１２３４５６７８９％，。；：、（）—－～至倍持平降幅收窄加深回落")
    | set("較長業萬臺億\n\r\t \u3000\u00a0")
    | set("图圖?？<>/&;pè()yáwn")
)
FRAGMENTS = (
    "2024年",
    "1—5月份",
    "1-4月",
    "5月份，",
    "5月末，",
    "同比增长",
    "同比下降",
    "增速较1—4月份提高",
    "个百分点",
    "亿元",
    "万亿元",
    "亿台",
    "倍",
    "规模以上电子信息制造业增加值",
    "营业收入",
    "利润总额",
    "营业收入利润率为",
    "手机产量",
    "出口交货值",
    "东部地区",
    "占全国比重分别为",
    "图1",
    "(yè)",
    "1.png",
    "<p>",
    "&nbsp;",
)
CHARACTER = st.one_of(st.sampled_from(BULLETIN_CHARACTERS), st.characters(codec="utf-8"))
RANDOM_TEXT = st.lists(
    st.one_of(
        st.text(CHARACTER, max_size=6),
        st.sampled_from(FRAGMENTS),
        st.decimals(min_value=0, max_value=100_000, places=1, allow_nan=False).map(str),
    ),
    max_size=40,
).map("".join)


@PROPERTY_SETTINGS
@given(st.text(CHARACTER, max_size=300))
def test_random_characters_give_a_bulletin_or_a_bulletin_error(text: str) -> None:
    """Characters of any kind (CJK, digits, %, 。, 、, newlines ...) never crash the loader."""
    parse_or_refuse(text)


@PROPERTY_SETTINGS
@given(RANDOM_TEXT)
def test_random_bulletin_fragments_give_a_bulletin_or_a_bulletin_error(text: str) -> None:
    """Shuffled pieces of bulletin sentences never crash the loader."""
    parse_or_refuse(text)


def test_a_lone_surrogate_gives_a_bulletin_or_a_bulletin_error() -> None:
    """Text decoded with ``surrogateescape`` can hold lone surrogates: no crash."""
    parse_or_refuse(BULLETIN + "\udcff")


# --- (b) random damage to a bulletin -----------------------------------------------------------

PUNCTUATION = "，。；、%,.;:：—-～ \n"
JUNK = ("0", "7", "12", "3.5", "?", "？", "1.png", "(yè)", "(wàn)", "图2", "\u00a0", "【资料图】")


@st.composite
def damaged(draw: st.DrawFn, text: str = BULLETIN) -> str:
    """``text`` after a few random deletions, punctuation swaps and junk insertions, possibly
    truncated at a random point."""
    for _ in range(draw(st.integers(min_value=0, max_value=8))):
        kind = draw(st.sampled_from(("delete", "swap", "insert")))
        where = draw(st.integers(min_value=0, max_value=max(len(text) - 1, 0)))
        if kind == "delete":
            size = draw(st.integers(min_value=1, max_value=4))
            text = text[:where] + text[where + size :]
        elif kind == "swap":
            marks = [i for i, ch in enumerate(text) if ch in PUNCTUATION]
            if marks:
                where = draw(st.sampled_from(marks))
                text = text[:where] + draw(st.sampled_from(PUNCTUATION)) + text[where + 1 :]
        else:
            text = text[:where] + draw(st.sampled_from(JUNK)) + text[where:]
    if draw(st.booleans()):
        text = text[: draw(st.integers(min_value=0, max_value=len(text)))]
    return text


def test_the_clean_bulletin_reads_completely() -> None:
    """The damage properties compare with the clean parse: it must be full and issue-free."""
    bulletin = parse_bulletin(BULLETIN)
    assert bulletin.period == "2024-05"
    assert len(bulletin.observations) == 31, [o.key() for o in bulletin.observations]
    assert bulletin.issues == []


@PROPERTY_SETTINGS
@given(damaged())
def test_damaged_bulletin_gives_a_bulletin_or_a_bulletin_error(text: str) -> None:
    """Deleted characters, swapped punctuation, junk and truncation never crash the loader."""
    parse_or_refuse(text)


# --- (c) deletions that keep every figure never change a fact ---------------------------------

#: Positions whose deletion touches no digit, '%' nor '.'.
DELETABLE = [i for i, ch in enumerate(BULLETIN) if not (ch.isdigit() or ch in "%.")]
#: Of those, punctuation and spaces only (no Chinese character).
DELETABLE_MARKS = [i for i in DELETABLE if not "\u4e00" <= BULLETIN[i] <= "\u9fff"]


def at(anchor: str, character: str) -> int:
    """The position in ``BULLETIN`` of ``character`` inside the first ``anchor``."""
    return BULLETIN.index(anchor) + anchor.index(character)


def without(positions: list[int]) -> str:
    """``BULLETIN`` with the characters at ``positions`` deleted."""
    dropped = set(positions)
    return "".join(ch for i, ch in enumerate(BULLETIN) if i not in dropped)


def changed_facts(positions: list[int]) -> list[str]:
    """Facts of the damaged text whose key the clean text has, with a different value."""
    bulletin = parse_or_refuse(without(positions))
    if bulletin is None:
        return []
    return [
        f"{' '.join(o.key())}: clean {CLEAN_FACTS[o.key()]:g}, damaged {o.value:g} <- {o.text}"
        for o in bulletin.observations
        if o.key() in CLEAN_FACTS and o.value != CLEAN_FACTS[o.key()]
    ]


#: Minimal deletions (two characters each) that made the loader read a wrong value for a key of
#: the clean bulletin; fixed since, kept as regression cases.
FIXED_DELETIONS: dict[str, list[int]] = {
    # '部地区实现营业收入39210亿元' (region name damaged) was read as national revenue
    "region-name": [at("东部地区实现", "东"), at("实现营业收入5.86", "营")],
    # '5份，…增加值同比增长13.2%' (月 lost) was read as the cumulative growth
    "single-month": [
        at("5月份，规模以上电子信息制造业增加值同比增长13", "月"),
        at("以上电子信息制造业增加值同比增长12", "电"),
    ],
    # '其中能手机产量4.55亿台' (智 lost) was read as mobile-phone output
    "smartphones": [at("中，手机产量", "手"), at("智能手机产量", "智")],
    # '实现润总额2217亿元，同比增长36.4%' gave its rate to the previous item, operating cost
    "unknown-item": [at("同比增长7.6%", "增"), at("实现利润总额", "利")],
    # was misread: '营业本5.12万亿元' (成 lost) is read as revenue, 51200 instead of 58600, once
    # '营业收入5.86亿元' (万 lost) is refused
    "operating-cost-name": [at("5.86万亿元", "万"), at("营业成本", "成")],
    # was misread: '营业本5.12万亿元，同比增长7.6%' (成 lost) gave revenue the growth
    # 7.6 instead of 7.9, once '同比长7.9%' (增 lost) was unread
    "operating-cost-rate": [at("同比增长7.9%", "增"), at("营业成本", "成")],
    # was misread: '营业成5.12万亿元' (本 lost) is read as revenue, 51200 instead of 58600, once
    # '营业收入5.86万元' (亿 lost) is refused
    "operating-cost-name-2": [at("5.86万亿元", "亿"), at("营业成本", "本")],
    # was misread: '部区实现营业收入39210亿元，同比增长8.6%' (东, 地 lost) was read as
    # national revenue (39210 instead of 58600, 8.6 instead of 7.9) once '实现业收入'
    # (营 lost) was unread
    # was misread: '部地实现营业收入39210亿元' (东, 区 lost) was read as national revenue
    "region-name-3": [at("东部地区实现", "东"), at("东部地区实现", "区")],
    # was misread: '其中智能手量4.55亿台，同比增长11.3%' (机, 产 lost) gave its rate to phones
    "smartphones-2": [at("智能手机产量", "机"), at("智能手机产量", "产")],
    "region-name-2": [
        at("东部地区实现", "东"),
        at("东部地区实现", "地"),
        at("实现营业收入5.86", "营"),
    ],
    # was misread: '5，规模以上电子信息制造业增加值同比增长13.2%' (月份 lost) was read
    # as the cumulative growth, 13.2 instead of 12.6, once the cumulative sentence was unread
    "single-month-2": [
        at("5月份，规模以上电子信息制造业增加值同比增长13", "月"),
        at("5月份，规模以上电子信息制造业增加值同比增长13", "份"),
        at("以上电子信息制造业增加值同比增长12", "电"),
    ],
}

#: Minimal deletions that still make the loader read a wrong value: loader bugs, each a
#: strict ``xfail`` below. name -> (positions, what goes wrong). None is known now.
KNOWN_BAD_DELETIONS: dict[str, tuple[list[int], str]] = {}


def _with_deletion_examples(test: Callable[..., Any]) -> Callable[..., Any]:
    """The property with every fixed and known-bad deletion as an explicit example."""
    cases = [
        *FIXED_DELETIONS.values(),
        *(positions for positions, _ in KNOWN_BAD_DELETIONS.values()),
    ]
    for positions in cases:
        test = example(positions)(test)
    return test


def test_deleting_a_single_character_never_changes_a_fact() -> None:
    """Exhaustive: no one deleted character (other than digits, '%', '.') changes a fact."""
    changed = {i: changed_facts([i]) for i in DELETABLE}
    bad = {f"{i} ({BULLETIN[i]!r})": facts for i, facts in changed.items() if facts}
    assert not bad, bad


@PROPERTY_SETTINGS
@given(st.lists(st.sampled_from(DELETABLE_MARKS), min_size=1, max_size=12, unique=True))
def test_deleting_punctuation_never_changes_a_fact(positions: list[int]) -> None:
    """Dropped punctuation, dashes, spaces and line breaks never give a key another value."""
    changed = changed_facts(positions)
    assert not changed, "\n".join(changed)


@PROPERTY_SETTINGS
@_with_deletion_examples
@given(st.lists(st.sampled_from(DELETABLE), min_size=1, max_size=12, unique=True))
def test_deleting_characters_never_changes_a_fact(positions: list[int]) -> None:
    """Deletions that touch no digit, '%' or '.' never give a key of the clean parse another
    value: the loader refuses or flags what it cannot trust rather than misreading it."""
    changed = changed_facts(positions)
    assert not changed, "\n".join(changed)


@pytest.mark.parametrize(
    "positions",
    [
        *(pytest.param(positions, id=name) for name, positions in FIXED_DELETIONS.items()),
        *(
            pytest.param(
                positions,
                id=name,
                marks=pytest.mark.xfail(
                    strict=True, raises=AssertionError, reason=f"loader bug: {why}"
                ),
            )
            for name, (positions, why) in KNOWN_BAD_DELETIONS.items()
        ),
    ],
)
def test_minimal_deletions_change_no_fact(positions: list[int]) -> None:
    """Each minimal deletion found to misread a fact, on its own."""
    changed = changed_facts(positions)
    assert not changed, "\n".join(changed)


# --- (d) normalisation is idempotent -----------------------------------------------------------


@PROPERTY_SETTINGS
@example("一 (è)")  # a pinyin gloss that appears once the space is gone
@example("業(yè)(yè)")  # a second gloss that appears once the first is gone
@example("\u00a0图1 电子信息制造业增加值累计增速")  # a caption behind a no-break space
@example("<p>&lt;p&gt;</p>")  # markup that appears once entities are resolved
@given(st.one_of(st.text(CHARACTER, max_size=200), RANDOM_TEXT))
def test_normalize_is_idempotent(text: str) -> None:
    """normalize(normalize(x)) == normalize(x); the examples once failed."""
    once = normalize(text)
    assert normalize(once) == once
