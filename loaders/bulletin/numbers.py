"""Numbers, units and signs: the one place where printed figures become values.

A printed figure is a decimal string (``13.5``) with, for levels, a unit
(``万亿元``). ``level_value`` scales it to the contract's level unit exactly
(Decimal arithmetic, ``13.5万亿元`` -> 135000 亿元). ``signed`` applies the sign
that the words around a number give it (``下降1.8%`` -> -1.8; ``降幅收窄1.1个百分点``
-> +1.1; ``比同期工业降幅深2.3个百分点`` -> -2.3).
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Final, Literal

from loaders.bulletin.notes import Note

#: A printed figure: digits with at most one decimal point. Damage (``9。3``,
#: ``2.`` at a cut, ``09``) is detected around the match, see ``damage``.
NUMBER: Final = r"\d+(?:\.\d+)?"

UnitFamily = Literal["money", "count"]

#: Printed unit -> (factor to the contract's level unit, family). Money levels are
#: in 亿元; counts (台 部 块 个 只) in 万 of their kind.
LEVEL_UNITS: Final[dict[str, tuple[Decimal, UnitFamily]]] = {
    "万亿元": (Decimal(10000), "money"),
    "万亿": (Decimal(10000), "money"),
    "亿元": (Decimal(1), "money"),
    "万元": (Decimal("0.0001"), "money"),
    **{f"亿{kind}": (Decimal(10000), "count") for kind in "台部块个只"},
    **{f"万{kind}": (Decimal(1), "count") for kind in "台部块个只"},
    **{kind: (Decimal("0.0001"), "count") for kind in "台部块个只"},
}
#: The units with a 万 or 亿 factor, as a regex alternation, longest first. Plain
#: counts (``台``) are read only for long figures, see ``rules.measures.level``.
SCALED_UNIT_PATTERN: Final = "|".join(
    sorted((unit for unit in LEVEL_UNITS if len(unit) > 1), key=len, reverse=True)
)

#: The family of each contract level unit.
FAMILY_OF_LEVEL_UNIT: Final[dict[str, UnitFamily]] = {
    "亿元": "money",
    "万台": "count",
    "万块": "count",
    "万个": "count",
    "万只": "count",
}

# Words that make a growth rate or a change rise (+) or fall (-).
RISE_WORDS: Final = (
    "提高",
    "上升",
    "加快",
    "回升",
    "提升",
    "增加",
    "增长",
    "上涨",
    "扩大",
    "高出",
    "高",
    "快",
)
FALL_WORDS: Final = (
    "回落",
    "放缓",
    "下降",
    "下滑",
    "降低",
    "减少",
    "下跌",
    "收窄",
    "回调",
    "缩小",
    "低",
    "慢",
)
#: Words for the size of a decline (a negative rate): when it 收窄, the rate rises.
DECLINE_SUBJECTS: Final = ("降幅", "跌幅", "减幅")
#: For a decline, these words grow the decline (-) ...
DEEPEN_WORDS: Final = ("加深", "扩大", "增加", "加大")
#: ... and these shrink it (+).
NARROW_WORDS: Final = ("收窄", "缩小", "减少", "减小")

#: Comparatives in a gap (``比同期工业低1.7个百分点``) that make it negative.
BELOW_WORDS: Final = ("低", "慢", "低于", "慢于", "降幅深", "降幅多", "降幅大", "少", "深")
ABOVE_WORDS: Final = (
    "高",
    "快",
    "高于",
    "快于",
    "超出",
    "超过",
    "高出",
    "降幅浅",
    "降幅小",
    "降幅少",
    "多",
)

Sign = Literal[1, -1, 0]


def change_sign(verb: str, subject: str = "") -> Sign:
    """The sign of a change of a rate: ``verb`` as in ``较1—10月份提高``, ``subject`` as in
    ``降幅`` (a decline) or ``增速``/empty (a growth rate). ``持平`` gives 0.

    Of a decline, ``收窄`` is a rise of the rate (+) and ``加深``/``扩大`` a fall (-);
    of a growth rate, ``收窄`` is a fall and ``扩大`` a rise.
    """
    if verb in ("持平", "基本持平"):
        return 0
    if subject in DECLINE_SUBJECTS or verb == "加深":
        if verb in DEEPEN_WORDS:
            return -1
        if verb in NARROW_WORDS:
            return 1
    if verb in RISE_WORDS:
        return 1
    if verb in FALL_WORDS:
        return -1
    raise ValueError(f"no sign for the change word {verb!r}")


def rate_sign(verb: str) -> Sign:
    """The sign of a growth rate: ``增长``/``增加`` +, ``下降``/``减少`` -, ``持平`` 0."""
    if verb in ("持平", "基本持平"):
        return 0
    if verb in ("增长", "增加", "增", "上升", "提高", "上涨", "长"):
        return 1
    if verb in ("下降", "减少", "降", "降低", "下滑", "回落", "下跌"):
        return -1
    raise ValueError(f"no sign for the growth word {verb!r}")


def gap_sign(comparative: str) -> Sign:
    """The sign of a gap to a reference rate: ``高``/``超出`` +, ``低``/``降幅深`` -."""
    if comparative in ("持平", "基本持平"):
        return 0
    if comparative in BELOW_WORDS:
        return -1
    if comparative in ABOVE_WORDS:
        return 1
    raise ValueError(f"no sign for the comparative {comparative!r}")


def as_float(value: Decimal) -> float:
    """An exact decimal as the float closest to it (``Decimal('101500.00')`` -> 101500.0)."""
    return float(value)


def level_value(printed: str, unit: str) -> tuple[Decimal, UnitFamily]:
    """A printed level and its unit -> (value in the contract's level unit, unit family)."""
    factor, family = LEVEL_UNITS[unit]
    return Decimal(printed) * factor, family


def half_step(printed: str) -> Decimal:
    """Half a unit of the last printed digit: the rounding uncertainty of a figure
    (``13.5`` -> 0.05, ``5736`` -> 0.5)."""
    decimals = len(printed.split(".", 1)[1]) if "." in printed else 0
    return Decimal(5) / (Decimal(10) ** (decimals + 1))


def printed_uncertainty(printed: str) -> float:
    """The rounding uncertainty of a printed figure with its unit, in the contract's unit:
    ``13.5万亿元`` -> 500 (亿元), ``11.8%`` -> 0.05, ``2.1倍`` -> 5 (%)."""
    match = re.match(NUMBER, printed)
    if not match:
        return 0.0
    unit = printed[match.end() :]
    factor = LEVEL_UNITS[unit][0] if unit in LEVEL_UNITS else Decimal(1)
    if unit == "倍":
        factor = Decimal(100)
    return float(half_step(match.group(0)) * factor)


def damage(text: str, start: int, end: int) -> Note | None:
    """Why the figure ``text[start:end]`` cannot be trusted, or None.

    A figure is damaged when a digit or decimal point was lost around it: glued to
    an ideographic full stop and more digits (``9。3``), ending in a bare decimal
    point (``高2.`` where a copy was cut), or written with a leading zero (``09``).
    """
    figure = text[start:end]
    after = text[end : end + 2]
    before = text[start - 1 : start] if start else ""
    if len(figure) > 1 and figure[0] == "0" and figure[1] != ".":
        return Note.of("leading_zero", figure=figure)
    if after[:1] == "。" and after[1:2].isdigit():
        return Note.of("stop_for_point", figure=f"{figure}{after}")
    if after[:1] == "." and not after[1:2].isdigit():
        return Note.of("cut_at_point", figure=figure)
    if before == "。" and start >= 2 and text[start - 2].isdigit():
        return Note.of("stop_for_point", figure=text[start - 2 : end])
    return None
