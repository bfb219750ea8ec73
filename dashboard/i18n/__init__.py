"""Chinese first, English one click away: every label, unit and number format.

``t(key, lang, **values)`` gives a label of the one catalogue, ``catalogue.toml``, where
every word the dashboard shows is kept as [Chinese, English]; ``value_text(value, unit,
lang)`` a figure with its unit in the language's own scale (135000 亿元 -> ``13.5万亿元`` /
``13.5 trillion yuan``);
``indicator_name``, ``region_name``, ``measure_name`` the catalog's names. ``lang`` is
``"zh"`` (the default) or ``"en"``; anything else is read as ``"zh"``.
"""

from __future__ import annotations

import calendar
import re
import tomllib
from pathlib import Path
from typing import Any, Final

from loaders.catalog import BASES, INDICATORS, MEASURES, REGIONS, SEGMENTS

LANGS: Final = ("zh", "en")
DEFAULT_LANG: Final = "zh"
CATALOGUE_FILE: Final = Path(__file__).with_name("catalogue.toml")


def _read_catalogue(path: Path) -> dict[str, tuple[str, str]]:
    """``catalogue.toml`` flattened: top-level keys as they are, a section's as
    ``section.key``; every value a pair of non-empty strings (else a ``ValueError``)."""
    found: dict[str, tuple[str, str]] = {}

    def walk(table: dict[str, Any], prefix: str) -> None:
        for key, value in table.items():
            if isinstance(value, dict):
                walk(value, f"{prefix}{key}.")
            elif (
                isinstance(value, list)
                and len(value) == 2
                and all(isinstance(v, str) and v for v in value)
            ):
                found[prefix + key] = (value[0], value[1])
            else:
                raise ValueError(f"{path}: {prefix}{key} is not a pair [Chinese, English]")

    with path.open("rb") as handle:
        walk(tomllib.load(handle), "")
    return found


#: The catalogue: every label of the dashboard, key -> (Chinese, English); a page's own keys
#: are ``<section>.<key>`` (``growth.title``). Read once, at import.
CATALOGUE: Final[dict[str, tuple[str, str]]] = _read_catalogue(CATALOGUE_FILE)


#: Level units: (how many of the base thing one unit is, zh noun, en noun).
LEVEL_UNITS: Final[dict[str, tuple[float, str, str]]] = {
    "亿元": (1e8, "元", "yuan"),
    "万台": (1e4, "台", "units"),
    "万块": (1e4, "块", "chips"),
    "万个": (1e4, "个", "chips"),
    "万只": (1e4, "只", "pieces"),
}
_ZH_SCALES: Final = ((1e12, "万亿"), (1e8, "亿"), (1e4, "万"), (1, ""))
_EN_SCALES: Final = ((1e12, " trillion"), (1e9, " billion"), (1e6, " million"), (1, ""))
_UNIT_NAMES: Final[dict[str, tuple[str, str]]] = {
    "%": ("%", "%"),
    "pp": ("个百分点", " pp"),
    "亿元": ("亿元", "100 million yuan"),
    "万台": ("万台", "10,000 units"),
    "万块": ("万块", "10,000 chips"),
    "万个": ("万个", "10,000 chips"),
    "万只": ("万只", "10,000 pieces"),
}


def lang_of(value: object) -> str:
    """``"en"`` when asked for, else ``"zh"``: any other value falls back to Chinese."""
    return "en" if value == "en" else DEFAULT_LANG


def _pick(pair: tuple[str, str], lang: str) -> str:
    return pair[1] if lang_of(lang) == "en" else pair[0]


def marked_derived(text: str, lang: str) -> str:
    """``text`` marked as derived: ``增加值（推算值）`` / ``Value added (derived)``."""
    return f"{text} ({t('derived', lang)})" if lang_of(lang) == "en" else f"{text}（推算值）"


def t(key: str, lang: str, **values: object) -> str:
    """The catalogue's label ``key`` in ``lang``, its ``{name}`` fields filled from
    ``values`` (a label is used as it is when no values are given)."""
    label = _pick(CATALOGUE[key], lang)
    return label.format(**values) if values else label


def has_text(key: str) -> bool:
    """True when the catalogue has a label ``key``."""
    return key in CATALOGUE


def indicator_name(code: str, lang: str) -> str:
    spec = INDICATORS[code]
    return spec.name_en if lang_of(lang) == "en" else spec.name_zh


def region_name(code: str, lang: str) -> str:
    return _pick(REGIONS[code], lang)


def segment_name(code: str, lang: str) -> str:
    return _pick(SEGMENTS[code], lang)


def measure_name(code: str, lang: str) -> str:
    return _pick(MEASURES[code], lang)


def basis_name(code: str, lang: str) -> str:
    return _pick(BASES[code], lang)


def unit_name(unit: str, lang: str) -> str:
    """The unit as an axis title shows it: ``亿元`` / ``100 million yuan``."""
    return _pick(_UNIT_NAMES.get(unit, (unit, unit)), lang)


def _number(value: float, decimals: int) -> str:
    text = f"{value:,.{decimals}f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def value_text(value: float, unit: str, lang: str, decimals: int = 4) -> str:
    """A figure with its unit, scaled for reading: ``13.5万亿元``, ``13.5 trillion yuan``,
    ``-1.8%``, ``+0.9个百分点`` / ``+0.9 pp``."""
    en = lang_of(lang) == "en"
    if unit == "%":
        return f"{_number(value, decimals)}%"
    if unit == "pp":
        sign = "+" if value > 0 else ""
        return f"{sign}{_number(value, decimals)}{' pp' if en else '个百分点'}"
    if unit in LEVEL_UNITS:
        size, zh_noun, en_noun = LEVEL_UNITS[unit]
        base = value * size
        for threshold, word in _EN_SCALES if en else _ZH_SCALES:
            if abs(base) >= threshold or threshold == 1:
                shown = _number(base / threshold, decimals)
                return f"{shown}{word} {en_noun}" if en else f"{shown}{word}{zh_noun}"
    return f"{_number(value, decimals)} {unit}"


def period_label(period: str, lang: str, basis: str = "ytd") -> str:
    """``2025-02`` -> ``2025年1—2月`` / ``Jan–Feb 2025`` (the cumulative span; ``2024-12``
    the full year, ``2024年`` / ``2024``); with basis ``month``, ``2025年2月`` / ``Feb 2025``.
    Anything else is returned as it is."""
    try:
        year, month = period.split("-")
        number = int(month)
        abbreviation = calendar.month_abbr[number]
    except (ValueError, IndexError):
        return period
    if basis == "ytd" and number == 12:
        return t("full_year", lang, year=year)
    key = "cumulative_span" if number > 1 and basis == "ytd" else "single_month"
    return t(key, lang, year=year, month=number, abbreviation=abbreviation)


def bulletin_name(period: str, lang: str, title: str = "") -> str:
    """A bulletin as people name it: its title in Chinese (``2023年1—11月份电子信息制造业运行
    情况``, the period's when none is given), ``MIIT bulletin, Jan–Nov 2023`` in English."""
    if lang_of(lang) == "en":
        return t("bulletin_of", "en", period=period_label(period, "en"))
    if title:  # the loader keeps 1-11月份 with a hyphen; MIIT prints a dash
        return re.sub(r"年1-(\d{1,2})月", r"年1—\1月", title)
    return t("bulletin_of", "zh", period=period_label(period, "zh"))
