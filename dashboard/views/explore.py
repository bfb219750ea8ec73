"""The chart builder's query: which series it draws.

    series_text(key)            ``value_added.national.all.ytd.yoy_pct``: a series as the
                                query, ``eim coverage --series`` and the coverage table name
                                it (indicator.region.segment.basis.measure)
    key_of(text)                the text back to a ``data.series_keys`` key, or None
    chosen_series(value, available)
                                the series asked for that the store has, each once, in the
                                order asked, at most ``MAX_SERIES``; none: ``DEFAULT_SERIES``
                                (those the store has)
    series_label(key, lang)     ``营业收入 · 东部地区 · 累计 · 同比增速`` / ``Operating revenue ·
                                East · year to date · growth y/y``

A key is ``data.series_keys``' tuple (indicator, measure, basis, region, segment). Changes
in percentage points (``change_pp``) are not offered: their reference period varies.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence

from dashboard.i18n import basis_name, indicator_name, measure_name, region_name, segment_name
from loaders.tables.coverage import parse_series_key

SeriesKey = tuple[str, str, str, str, str]
#: At most this many series are drawn together.
MAX_SERIES = 6
#: What the builder draws when the query names nothing the store has.
DEFAULT_SERIES: tuple[str, ...] = (
    "value_added.national.all.ytd.yoy_pct",
    "export_delivery_value.national.all.ytd.yoy_pct",
)
#: Measures the builder does not offer.
NOT_OFFERED: frozenset[str] = frozenset({"change_pp"})


def series_text(key: SeriesKey) -> str:
    """indicator.region.segment.basis.measure of a key."""
    indicator, measure, basis, region, segment = key
    return ".".join((indicator, region, segment, basis, measure))


def key_of(text: str) -> SeriesKey | None:
    """The key a series text names (not checked against the store), or None."""
    try:
        indicator, region, segment, basis, measure = parse_series_key(text)
    except ValueError:
        return None
    return indicator, measure, basis, region, segment


def offered(keys: Collection[SeriesKey]) -> list[SeriesKey]:
    """The keys the builder offers, in their order: all but ``NOT_OFFERED`` measures."""
    return [key for key in keys if key[1] not in NOT_OFFERED]


def chosen_series(value: object, available: Collection[SeriesKey]) -> tuple[SeriesKey, ...]:
    """The series a query or the control asks for (``"a,b"``, a list), see the module doc."""
    if isinstance(value, str):
        parts: Sequence[str] = value.split(",")
    elif isinstance(value, list | tuple):
        parts = [piece for item in value for piece in str(item).split(",")]
    else:
        parts = []
    found: list[SeriesKey] = []
    for part in parts:
        key = key_of(part)
        if key is not None and key in available and key not in found and key[1] not in NOT_OFFERED:
            found.append(key)
    if found:
        return tuple(found[:MAX_SERIES])
    defaults = [key_of(text) for text in DEFAULT_SERIES]
    return tuple(key for key in defaults if key is not None and key in available)


def series_label(key: SeriesKey, lang: str) -> str:
    """A series as the builder names it: indicator, region and segment when not the whole
    nation and industry, basis, measure."""
    indicator, measure, basis, region, segment = key
    parts = [indicator_name(indicator, lang)]
    if region != "national":
        parts.append(region_name(region, lang))
    if segment != "all":
        parts.append(segment_name(segment, lang))
    parts += [basis_name(basis, lang), measure_name(measure, lang)]
    return " · ".join(parts)
