"""Figures as the writer prints them: exact decimals, never rounded.

Shapes: a ``Fact``'s value (a float that came from a printed decimal) in, strings out.
``magnitude`` is the figure without its sign (signs are words: 增长/下降, up/down);
``zh_level`` and ``en_level`` a level with the unit a reader expects (``13.5万亿元`` /
``13.5 trillion yuan`` for 135000 亿元). Where the fact keeps the figure as printed and it
agrees with the value, its digits are kept (``2.60%`` stays ``2.60``).
"""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal
from typing import Final

from loaders.bulletin.numbers import LEVEL_UNITS, NUMBER
from loaders.writer.facts import Fact

_LEADING_NUMBER = re.compile(NUMBER)
#: The Chinese count word of each level unit, for 亿/万 scaling.
_COUNT_WORD = {"万台": "台", "万块": "块", "万个": "个", "万只": "只"}
#: English nouns of counted things, per indicator (what a reader calls one of them).
_EN_COUNTED = {
    "output_integrated_circuits": "chips",
    "customs_export_integrated_circuits": "chips",
    "customs_import_integrated_circuits": "chips",
    "output_electronic_components": "components",
}
_TEN_THOUSAND = Decimal(10000)


def exact(value: float) -> Decimal:
    """The decimal a float was made from: ``2.6`` -> Decimal('2.6'), not its binary noise."""
    return Decimal(repr(float(value)))


def plain(number: Decimal) -> str:
    """A decimal without exponent or trailing zeros: Decimal('1.4100E+5') -> ``141000``."""
    text = format(number, "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def _printed_number(fact: Fact) -> tuple[str, str] | None:
    """(digits, what follows them) of the fact's printed figure, or None."""
    match = _LEADING_NUMBER.match(fact.printed)
    if not match:
        return None
    return match.group(0), fact.printed[match.end() :]


def is_multiple(fact: Fact) -> bool:
    """True when a growth rate was printed as a multiple (``增长2.1倍`` = 210 %)."""
    printed = _printed_number(fact)
    return (
        fact.measure == "yoy_pct"
        and printed is not None
        and printed[1] == "倍"
        and Decimal(printed[0]) * 100 == abs(exact(fact.value))
    )


#: A computed figure with more decimals than this (a share computed from two levels) is
#: written to ``ROUNDED_TO`` and said to be approximate (约 / about).
COMPUTED_DECIMALS: Final = 2
ROUNDED_TO: Final = Decimal("0.1")


def is_approximate(fact: Fact) -> bool:
    """True for a derived figure written rounded (``70.349095`` -> ``约70.3``)."""
    exponent = exact(fact.value).as_tuple().exponent
    return fact.derived and isinstance(exponent, int) and -exponent > COMPUTED_DECIMALS


def magnitude(fact: Fact) -> str:
    """The unsigned figure of a rate, change, gap, share or margin, in its own unit
    (for a multiple, the multiple: ``2.1`` of ``增长2.1倍``); a long computed one rounded
    (``is_approximate``)."""
    value = abs(exact(fact.value))
    if is_approximate(fact):  # its one decimal kept: ``16.0`` says how it was rounded
        return format(value.quantize(ROUNDED_TO, rounding=ROUND_HALF_UP), "f")
    printed = _printed_number(fact)
    if printed is not None:
        digits, rest = printed
        if is_multiple(fact) or (rest != "倍" and Decimal(digits) == value):
            return digits
    return plain(value)


def zh_level(fact: Fact) -> tuple[str, str]:
    """(digits, unit) of a level as a Chinese bulletin prints it: ``("13.5", "万亿元")``,
    ``("14.1", "亿台")``, ``("5736", "亿元")``; the printed unit when it is exact."""
    value = exact(fact.value)
    printed = _printed_number(fact)
    if printed is not None:
        digits, unit = printed
        unit = "万亿元" if unit == "万亿" else unit
        if unit in LEVEL_UNITS and Decimal(digits) * LEVEL_UNITS[unit][0] == value:
            return digits, unit
    if fact.unit == "%":
        return plain(value), "%"
    if fact.unit == "亿元":
        if value >= _TEN_THOUSAND:
            return plain(value / _TEN_THOUSAND), "万亿元"
        return plain(value), "亿元"
    word = _COUNT_WORD[fact.unit]
    if value >= _TEN_THOUSAND:
        return plain(value / _TEN_THOUSAND), f"亿{word}"
    return plain(value), f"万{word}"


def _grouped(number: Decimal) -> str:
    """``1234.5`` -> ``1,234.5``."""
    whole, _, fraction = plain(number).partition(".")
    grouped = f"{int(whole):,}"
    return f"{grouped}.{fraction}" if fraction else grouped


def en_level(fact: Fact) -> str:
    """A level as an English reader expects it: 135000 亿元 -> ``13.5 trillion yuan``,
    5736 亿元 -> ``573.6 billion yuan``, 141000 万台 -> ``1.41 billion units``,
    12849 万台 -> ``128.49 million units``
    (1 万台 is ten thousand units, 1 亿台 a hundred million); a margin -> ``4.2%``."""
    value = exact(fact.value)
    if fact.unit == "%":
        return f"{magnitude(fact)}%"
    if fact.unit == "亿元":
        if value >= _TEN_THOUSAND:
            return f"{_grouped(value / _TEN_THOUSAND)} trillion yuan"
        return f"{_grouped(value / 10)} billion yuan"
    noun = _EN_COUNTED.get(fact.indicator, "units")
    if value >= _TEN_THOUSAND * 10:  # 1 亿 of 万: ten figures, a billion
        return f"{_grouped(value / (_TEN_THOUSAND * 10))} billion {noun}"
    return f"{_grouped(value / 100)} million {noun}"
