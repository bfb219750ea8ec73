"""Numbers as the command line and the messages print them: in full, never ``1.703e+07``.

    full(17030000.0) -> "17030000"     full(3.4) -> "3.4"     full(-0.9) -> "-0.9"
    full(2.4999999999999996) -> "2.5"  (rounded to 6 decimals, as no bulletin prints more)
    signed(0.9) -> "+0.9"              a change, with its sign always written

Plain decimal digits, no thousands separator, no trailing zeros, no exponent.
"""

from __future__ import annotations

import math
from decimal import Decimal
from typing import Final

#: Decimals kept: more than any bulletin prints, fewer than float noise.
DECIMALS: Final = 6


def full(value: float) -> str:
    """``value`` in plain decimal digits (see the module); ``nan``/``inf`` as Python writes them."""
    number = float(value)
    if not math.isfinite(number):
        return str(number)
    text = format(Decimal(repr(round(number, DECIMALS))), "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def signed(value: float) -> str:
    """``full(value)`` with a ``+`` before a value that is not negative (as ``:+g``)."""
    text = full(value)
    return text if text.startswith("-") else "+" + text
