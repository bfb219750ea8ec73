"""Numbers, units and signs (``loaders.bulletin.numbers``): the words that sign a figure, exact
unit scaling of levels, and the damage that makes a printed figure untrustworthy."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

import pytest

from loaders.bulletin.numbers import (
    change_sign,
    damage,
    gap_sign,
    half_step,
    level_value,
    rate_sign,
)


@pytest.mark.parametrize(
    ("verb", "sign"),
    [
        ("增长", 1),
        ("增加", 1),
        ("上升", 1),
        ("下降", -1),
        ("减少", -1),
        ("下滑", -1),
        ("持平", 0),
        ("基本持平", 0),
    ],
)
def test_rate_sign(verb: str, sign: int) -> None:
    assert rate_sign(verb) == sign


@pytest.mark.parametrize(
    ("verb", "subject", "sign"),
    [
        pytest.param("提高", "", 1, id="tigao"),
        pytest.param("提高", "增速", 1, id="zengsu-tigao"),
        pytest.param("上升", "", 1, id="shangsheng"),
        pytest.param("加快", "", 1, id="jiakuai"),
        pytest.param("回升", "", 1, id="huisheng"),
        pytest.param("回落", "", -1, id="huiluo"),
        pytest.param("回落", "增速", -1, id="zengsu-huiluo"),
        pytest.param("放缓", "", -1, id="fanghuan"),
        pytest.param("下降", "", -1, id="xiajiang"),
        pytest.param("收窄", "降幅", 1, id="jiangfu-shouzhai"),
        pytest.param("缩小", "降幅", 1, id="jiangfu-suoxiao"),
        pytest.param("收窄", "跌幅", 1, id="diefu-shouzhai"),
        pytest.param("加深", "降幅", -1, id="jiangfu-jiashen"),
        pytest.param("加深", "", -1, id="jiashen-alone"),
        pytest.param("扩大", "降幅", -1, id="jiangfu-kuoda"),
        pytest.param("收窄", "增速", -1, id="zengsu-shouzhai"),
        pytest.param("扩大", "增速", 1, id="zengsu-kuoda"),
        pytest.param("持平", "", 0, id="chiping"),
        pytest.param("持平", "降幅", 0, id="jiangfu-chiping"),
        pytest.param("基本持平", "增速", 0, id="jiben-chiping"),
    ],
)
def test_change_sign(verb: str, subject: str, sign: int) -> None:
    assert change_sign(verb, subject) == sign


@pytest.mark.parametrize(
    ("comparative", "sign"),
    [
        ("高", 1),
        ("高于", 1),
        ("快", 1),
        ("超出", 1),
        ("高出", 1),
        ("超过", 1),
        ("降幅浅", 1),
        ("低", -1),
        ("低于", -1),
        ("慢", -1),
        ("降幅深", -1),
        ("降幅多", -1),
        ("持平", 0),
    ],
)
def test_gap_sign(comparative: str, sign: int) -> None:
    assert gap_sign(comparative) == sign


@pytest.mark.parametrize(
    ("function", "word"),
    [(rate_sign, "提速"), (change_sign, "变化"), (gap_sign, "差")],
)
def test_unknown_sign_words_raise(function: Callable[[str], int], word: str) -> None:
    with pytest.raises(ValueError, match=word):
        function(word)


@pytest.mark.parametrize(
    ("printed", "unit", "value", "family"),
    [
        pytest.param("13.5", "万亿元", Decimal(135000), "money", id="wanyi-yuan"),
        pytest.param("9.33", "万亿", Decimal(93300), "money", id="wanyi-cut"),
        pytest.param("5736", "亿元", Decimal(5736), "money", id="yi-yuan"),
        pytest.param("418.1", "亿元", Decimal("418.1"), "money", id="yi-yuan-decimal"),
        pytest.param("10.15", "亿台", Decimal(101500), "count", id="yi-tai"),
        pytest.param("0.79", "亿台", Decimal(7900), "count", id="yi-tai-below-one"),
        pytest.param("4.6", "亿部", Decimal(46000), "count", id="yi-bu"),
        pytest.param("722.0", "亿块", Decimal(7220000), "count", id="yi-kuai"),
        pytest.param("2446", "亿个", Decimal(24460000), "count", id="yi-ge"),
        pytest.param("12849", "万台", Decimal(12849), "count", id="wan-tai"),
        pytest.param("4107.8", "万台", Decimal("4107.8"), "count", id="wan-tai-decimal"),
        pytest.param("128490000", "台", Decimal(12849), "count", id="plain-tai"),
    ],
)
def test_level_value_is_exact(printed: str, unit: str, value: Decimal, family: str) -> None:
    scaled, found_family = level_value(printed, unit)
    assert scaled == value
    assert found_family == family


def test_level_value_float_is_the_printed_figure() -> None:
    """No binary rounding creeps in: 10.15亿台 is exactly 101500 万台 as a float too."""
    scaled, _ = level_value("10.15", "亿台")
    assert float(scaled) == 101500.0
    assert float(level_value("0.07", "万亿元")[0]) == 700.0


@pytest.mark.parametrize(
    ("text", "figure", "reason"),
    [
        pytest.param("同比增长9。3%", "9", "full stop", id="full-stop-after"),
        pytest.param("同比增长9。3%", "3", "full stop", id="full-stop-before"),
        pytest.param("比同期工业高2.", "2", "decimal point", id="cut-after-point"),
        pytest.param("营业成本09万亿元", "09", "zero", id="leading-zero"),
    ],
)
def test_damage_is_found(text: str, figure: str, reason: str) -> None:
    start = text.rindex(figure) if figure == "3" else text.index(figure)
    why = damage(text, start, start + len(figure))
    assert why is not None
    assert reason in why


@pytest.mark.parametrize(
    ("text", "figure"),
    [
        pytest.param("同比增长9.3%", "9.3", id="decimal"),
        pytest.param("同比增长0.9%", "0.9", id="below-one"),
        pytest.param("同比持平,增长0%", "0", id="zero"),
        pytest.param("同比增长9%。3月份", "9", id="full-stop-after-percent"),
        pytest.param("营业收入利润率为4.2%", "4.2", id="margin"),
        pytest.param("比同期工业高2.3个百分点", "2.3", id="gap"),
        pytest.param("营业成本9.33万亿", "9.33", id="cut-after-unit"),
    ],
)
def test_intact_figures_are_not_damaged(text: str, figure: str) -> None:
    start = text.index(figure)
    assert damage(text, start, start + len(figure)) is None


@pytest.mark.parametrize(
    ("printed", "half"),
    [("13.5", Decimal("0.05")), ("5736", Decimal("0.5")), ("4.25", Decimal("0.005"))],
)
def test_half_step(printed: str, half: Decimal) -> None:
    assert half_step(printed) == half
