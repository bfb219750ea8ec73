"""Numbers as people read them: the one place that writes a figure, in either language.

    figure_text(value, unit, lang, printed=..., derived=..., decimals=..., scale=...)
        -> ``13.5万亿元`` / ``¥13.5 trillion``, ``1.27亿台`` / ``127 million units``,
           ``-14.1%``, ``+0.9个百分点`` / ``+0.9 pp``, ``70.8%（推算值）`` / ``70.8% (derived)``
    chart_scale(unit, values, lang) -> Scale   the unit one chart's axis and labels share
    scaled_number(value, unit, scale)           a level's digits alone in that unit (bar labels)
    printed_decimals(printed, unit) -> int      the precision a printed figure was given in

Values are in the tidy table's units (``unit`` of the observations: ``%``, ``pp``, ``亿元``,
``万台``, ``万块``, ``万个``, ``万只``). ``decimals`` is always counted in that unit, so it
may be negative: ``13.5万亿元`` is 135000 亿元 to the thousand, ``decimals`` -3. Rules:

- a printed figure (``printed``, the observations' column, e.g. ``13.5万亿元``, ``2.1倍``,
  ``11.2%``) is shown as printed on Chinese pages, with the sign its words gave (``下降14.1%``
  is printed ``14.1%``, shown ``-14.1%``) and its unit written out (``0.5pp`` ->
  ``+0.5个百分点``); in English it is the value at the printed precision;
- a derived figure is rounded to ``decimals`` (the precision of the figures it comes from)
  and marked ``（推算值）`` / `` (derived)``, the one mark used everywhere;
- levels are scaled by magnitude, money to 亿元 or 万亿元 (``¥… billion`` / ``trillion``),
  counts to 万 or 亿 (``… million`` / ``billion units``), unless a chart's ``scale`` is
  given, so that its labels read in its axis' unit.

Pure and cheap (no pandas): hovers of thousands of points call it once per point and
data version.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Final

#: Level units: (how many of the base thing one unit is, zh noun, en noun).
LEVEL_UNITS: Final[dict[str, tuple[float, str, str]]] = {
    "亿元": (1e8, "元", "yuan"),
    "万台": (1e4, "台", "units"),
    "万块": (1e4, "块", "chips"),
    "万个": (1e4, "个", "chips"),
    "万只": (1e4, "只", "pieces"),
}
MONEY: Final = "亿元"
#: The scales a level is read in, largest first: (size in base things, zh word, en word).
_ZH_MONEY: Final = ((1e12, "万亿"), (1e8, "亿"))
_ZH_COUNT: Final = ((1e8, "亿"), (1e4, "万"))
_EN_MONEY: Final = ((1e12, "trillion"), (1e9, "billion"), (1e6, "million"))
_EN_COUNT: Final = ((1e9, "billion"), (1e6, "million"), (1e3, "thousand"), (1.0, ""))
#: The words of a printed level and what they multiply by.
_PRINTED_SCALES: Final = (("万亿", 1e12), ("亿", 1e8), ("万", 1e4))
DERIVED_MARK: Final = {"zh": "（推算值）", "en": " (derived)"}
#: Decimals when none are known: as stored, trailing zeros dropped.
_STORED_DECIMALS: Final = 4
_PRINTED: Final = re.compile(r"([+-]?)(\d+(?:\.\d+)?)(.*)")


def _en(lang: str) -> bool:
    return lang == "en"


@dataclass(frozen=True)
class Scale:
    """How one level reads: values in the data's unit × ``factor`` are numbers of
    ``label`` (``万亿元`` / ``¥ trillion``, ``亿台`` / ``billion units``); ``prefix`` and
    ``suffix`` wrap such a number in text (``¥`` … `` trillion``)."""

    factor: float
    label: str
    prefix: str = ""
    suffix: str = ""

    def text(self, number: str) -> str:
        if number.startswith("-"):
            return f"-{self.prefix}{number[1:]}{self.suffix}"
        return f"{self.prefix}{number}{self.suffix}"


def _scales(unit: str, lang: str) -> tuple[tuple[float, str], ...]:
    if unit == MONEY:
        return _EN_MONEY if _en(lang) else _ZH_MONEY
    return _EN_COUNT if _en(lang) else _ZH_COUNT


def _scale(unit: str, size: float, word: str, lang: str) -> Scale:
    base, zh_noun, en_noun = LEVEL_UNITS[unit]
    factor = base / size
    if not _en(lang):
        return Scale(factor, f"{word}{zh_noun}", suffix=f"{word}{zh_noun}")
    if unit == MONEY:
        return Scale(factor, f"¥ {word}", prefix="¥", suffix=f" {word}")
    label = f"{word} {en_noun}".strip()
    return Scale(factor, label, suffix=f" {label}")


def scale_for(unit: str, magnitude: float, lang: str) -> Scale | None:
    """The scale a level of ``magnitude`` (in ``unit``) reads in: the largest it reaches
    (``12708 亿元`` -> 万亿元, ``980 亿元`` -> 亿元); None for a unit that is no level."""
    if unit not in LEVEL_UNITS:
        return None
    amount = abs(magnitude) * LEVEL_UNITS[unit][0]
    scales = _scales(unit, lang)
    size, word = next(((s, w) for s, w in scales if amount >= s), scales[-1])
    return _scale(unit, size, word, lang)


def chart_scale(unit: str, values: object, lang: str) -> Scale | None:
    """The one scale of a chart's levels (axis and labels alike), from its largest value;
    None for a unit that is no level. ``values`` an iterable of numbers (None, NaN
    skipped)."""
    numbers = [abs(float(v)) for v in values or () if v is not None and not math.isnan(float(v))]  # type: ignore[attr-defined]
    return scale_for(unit, max(numbers, default=0.0), lang)


def _multiplier(words: str, unit: str) -> float:
    """What a printed figure's words multiply its digits by, in ``unit``: ``万亿元`` in
    亿元 -> 10000, ``亿台`` in 万台 -> 10000, ``倍`` in % -> 100, else 1."""
    if unit in LEVEL_UNITS:
        for word, size in _PRINTED_SCALES:
            if words.startswith(word):
                return size / LEVEL_UNITS[unit][0]
        return 1.0
    return 100.0 if words.startswith("倍") else 1.0


def printed_decimals(printed: object, unit: str) -> int | None:
    """The decimals (in ``unit``, so maybe negative) a printed figure was given to:
    ``11.2%`` -> 1, ``4个百分点`` -> 0, ``13.5万亿元`` in 亿元 -> -3, ``1.55亿台`` in 万台
    -> -2, ``2.1倍`` in % -> -1; None for none or no digits (``持平``)."""
    found = _PRINTED.fullmatch(str(printed or "").strip())
    if found is None:
        return None
    digits, words = found.group(2), found.group(3).strip()
    places = len(digits.split(".")[1]) if "." in digits else 0
    return places - round(math.log10(_multiplier(words, unit)))


def _digits(number: float, decimals: int) -> str:
    """``number`` to ``decimals`` places (none when negative, the number then rounded to
    tens, hundreds …), thousands grouped (``5,736``), never ``-0``."""
    rounded = round(number, decimals)
    text = f"{rounded:,.{max(decimals, 0)}f}"
    return text[1:] if text.startswith("-") and float(text[1:].replace(",", "")) == 0 else text


def _trimmed(number: float, decimals: int) -> str:
    text = _digits(number, decimals)
    return text.rstrip("0").rstrip(".") if "." in text else text


def _number(value: float, decimals: int | None) -> str:
    return _trimmed(value, _STORED_DECIMALS) if decimals is None else _digits(value, decimals)


def _printed_text(printed: str, value: float, unit: str) -> str | None:
    """A printed figure as a Chinese page shows it: its digits and words, its sign, its
    unit written out; None when it cannot be read or does not match ``value``."""
    text = printed.strip()
    if "持平" in text:
        return text.rstrip("%p") if value == 0 else None
    found = _PRINTED.fullmatch(text)
    if found is None:
        return None
    sign, digits, words = found.groups()
    words = words.strip()
    if not math.isclose(float(digits) * _multiplier(words, unit), abs(value), rel_tol=1e-6):
        return None
    if unit == "%" and words in ("", "%"):
        words = "%"
    elif unit == "pp" and words in ("", "pp", "百分点", "个百分点"):
        words = "个百分点"
    elif unit in LEVEL_UNITS and (not words or words in ("万亿", "亿", "万")):
        words += LEVEL_UNITS[unit][1] if words else unit
    if value < 0:
        sign = "-"
    elif unit == "pp" and value > 0:
        sign = "+"
    return f"{sign}{digits}{words}"


def marked_derived(text: str, lang: str) -> str:
    """``text`` marked as derived: ``70.8%（推算值）`` / ``70.8% (derived)``."""
    return text + DERIVED_MARK["en" if _en(lang) else "zh"]


def figure_text(
    value: float,
    unit: str,
    lang: str,
    printed: object = None,
    derived: bool = False,
    decimals: int | None = None,
    *,
    scale: Scale | None = None,
    marked: bool = True,
) -> str:
    """``value`` (in ``unit``) as a page in ``lang`` shows it (see the module's rules);
    ``marked=False`` leaves a derived figure's mark to the caller (a hover that says
    printed or derived beside every figure). ``—`` for a missing value."""
    if value is None or math.isnan(value):
        return "—"
    if printed and not derived and not _en(lang) and scale is None:
        shown = _printed_text(str(printed), value, unit)
        if shown is not None:
            return shown
    if decimals is None and printed:
        decimals = printed_decimals(printed, unit)
    if decimals is None and derived and unit in ("%", "pp"):
        decimals = 1
    text = _plain(value, unit, lang, decimals, scale)
    return marked_derived(text, lang) if derived and marked else text


def scaled_number(value: float, unit: str, scale: Scale, decimals: int | None = None) -> str:
    """A level's digits alone in a chart's ``scale`` (``0.3835`` for 3835 亿元 on an axis of
    万亿元): a bar's label, where the axis already says the unit. ``decimals`` counts in
    ``unit``, as for ``figure_text``."""
    shifted = None if decimals is None else decimals - round(math.log10(scale.factor))
    return _number(value * scale.factor, shifted)


def _plain(value: float, unit: str, lang: str, decimals: int | None, scale: Scale | None) -> str:
    if unit == "%":
        return f"{_number(value, decimals)}%"
    if unit == "pp":
        sign = "+" if round(value, decimals if decimals is not None else 4) > 0 else ""
        return f"{sign}{_number(value, decimals)}{' pp' if _en(lang) else '个百分点'}"
    if unit not in LEVEL_UNITS:
        return f"{_number(value, decimals)} {unit}"
    chosen = scale or scale_for(unit, value, lang)
    assert chosen is not None
    shifted = None if decimals is None else decimals - round(math.log10(chosen.factor))
    return chosen.text(_number(value * chosen.factor, shifted))
