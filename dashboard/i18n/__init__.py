"""Chinese first, English one click away: every label, unit and number format.

``t(key, lang, **values)`` gives a label of the one catalogue, ``catalogue.toml``, where
every word the dashboard shows is kept as [Chinese, English]; ``figure_text`` (from
``dashboard.i18n.numbers``, the one writer of numbers) a figure as printed, or derived and
marked, in the language's own scale (135000 亿元 -> ``13.5万亿元`` / ``¥13.5 trillion``);
``indicator_name``, ``region_name``, ``measure_name`` the catalog's names. ``lang`` is
``"zh"`` (the default) or ``"en"``; anything else is read as ``"zh"``.
"""

from __future__ import annotations

import calendar
import re
import tomllib
from pathlib import Path
from typing import Any, Final

from dashboard.i18n.numbers import LEVEL_UNITS as LEVEL_UNITS
from dashboard.i18n.numbers import figure_text as figure_text
from dashboard.i18n.numbers import marked_derived as marked_derived
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


def t(key: str, lang: str, **values: object) -> str:
    """The catalogue's label ``key`` in ``lang``, its ``{name}`` fields filled from
    ``values`` (a label is used as it is when no values are given)."""
    label = _pick(CATALOGUE[key], lang)
    return label.format(**values) if values else label


#: The words of Dash 4's ``dcc.Dropdown`` (its ``labels`` prop), catalogue keys
#: ``dropdown.<name>``.
DROPDOWN_WORDS: Final = (
    "select_all",
    "deselect_all",
    "selected_count",
    "search",
    "clear_search",
    "clear_selection",
    "no_options_found",
)


def dropdown_labels(lang: str) -> Any:
    """``dcc.Dropdown(labels=...)`` in ``lang``: ``已选 3 项`` on a Chinese page, never
    ``3 selected`` (``{num_selected}`` is left for the browser to fill). A dict of str; typed
    ``Any`` because Dash types it as its own ``Dropdown.Labels``, which this module, free of
    Dash, does not import."""
    return {word: _pick(CATALOGUE[f"dropdown.{word}"], lang) for word in DROPDOWN_WORDS}


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


def value_text(value: float, unit: str, lang: str) -> str:
    """A figure with its unit, scaled for reading (``13.5万亿元`` / ``¥13.5 trillion``,
    ``-1.8%``, ``+0.9个百分点`` / ``+0.9 pp``): ``numbers.figure_text`` of a value with no
    printed form; use that for printed and derived figures."""
    return figure_text(value, unit, lang)


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
