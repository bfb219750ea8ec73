"""Chinese first, English one click away: every label, unit and number format.

``t(key, lang)`` gives a label; ``value_text(value, unit, lang)`` a figure with its unit in
the language's own scale (135000 亿元 -> ``13.5万亿元`` / ``13.5 trillion yuan``);
``indicator_name``, ``region_name``, ``measure_name`` the catalog's names. ``lang`` is
``"zh"`` (the default) or ``"en"``; anything else is read as ``"zh"``.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Final

from loaders.catalog import BASES, INDICATORS, MEASURES, REGIONS, SEGMENTS

LANGS: Final = ("zh", "en")
DEFAULT_LANG: Final = "zh"

TEXT: Final[dict[str, tuple[str, str]]] = {
    "app_title": (
        "电子信息制造业运行监测",
        "EIM Monitor: China's electronic-information manufacturing",
    ),
    "overview": ("概览", "Overview"),
    "growth": ("增长", "Growth"),
    "products": ("产品与贸易", "Products and trade"),
    "regions": ("地区", "Regions"),
    "data": ("数据", "Data"),
    "bulletins": ("公报", "Bulletins"),
    "add": ("添加公报", "Add bulletin"),
    "period": ("报告期", "Period"),
    "latest_period": ("最新报告期", "Latest period"),
    "source_footer": (
        "数据来源：工业和信息化部运行监测协调局《电子信息制造业运行情况》",
        "Source: MIIT Operation Monitoring and Coordination Bureau, "
        "monthly bulletins on electronic-information manufacturing",
    ),
    "licence_footer": (
        "数据为公开政府信息；代码采用 MIT 许可",
        "Data: public government information; code: MIT licence",
    ),
    "derived": ("推算值", "derived"),
    "reported": ("公布值", "reported"),
    "ytd": ("累计", "year to date"),
    "month": ("当月", "single month"),
    "no_data": ("暂无数据", "No data"),
    "change_vs": ("较上期", "vs previous period"),
    "language": ("English", "中文"),
    "download": ("下载", "Download"),
    "indicator": ("指标", "Indicator"),
    "region": ("地区", "Region"),
    "segment": ("行业", "Segment"),
    "measure": ("测度", "Measure"),
    "basis": ("口径", "Basis"),
    "years": ("年份", "Years"),
    "value": ("数值", "Value"),
    "unit": ("单位", "Unit"),
    "bulletin": ("公报", "Bulletin"),
    "printed": ("印刷形式", "As printed"),
    "electronics": ("电子信息制造业", "Electronic-information manufacturing"),
}

#: Level units: (how many of the base thing one unit is, zh noun, en noun).
_BASES: Final[dict[str, tuple[float, str, str]]] = {
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


def text(pairs: Mapping[str, tuple[str, str]], key: str, lang: str, **values: object) -> str:
    """The label ``key`` of a page's own (zh, en) table ``pairs`` in ``lang``, formatted with
    ``values``."""
    zh, en = pairs[key]
    return (en if lang_of(lang) == "en" else zh).format(**values)


def t(key: str, lang: str) -> str:
    """The label ``key`` in ``lang``."""
    return _pick(TEXT[key], lang)


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
    if unit in _BASES:
        size, zh_noun, en_noun = _BASES[unit]
        base = value * size
        for threshold, word in _EN_SCALES if en else _ZH_SCALES:
            if abs(base) >= threshold or threshold == 1:
                shown = _number(base / threshold, decimals)
                return f"{shown}{word} {en_noun}" if en else f"{shown}{word}{zh_noun}"
    return f"{_number(value, decimals)} {unit}"
