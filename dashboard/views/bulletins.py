"""The Bulletins page's query and facts (``dashboard.pages.bulletins``): which bulletin the
URL names, which of its facts a chart click points at, what each fact measures.

Shapes: the bulletins table (``dashboard.data.bulletins()``: one row per bulletin vintage,
``sha256``, ``period``, ``vintage`` …) in, one row (a ``pd.Series``) out; a bulletin's facts
as dicts of ``FACT_COLUMNS`` (``value`` a float in ``unit``, ``printed`` the figure as
printed, ``text`` the sentence it was read from); query values as Dash passes them (a
string, or a list for a repeated key), read leniently — anything unreadable is left out or
falls back to the default. Pure: no Dash, no data reading.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, Final, cast

import pandas as pd

from dashboard.i18n import (
    basis_name,
    indicator_name,
    measure_name,
    region_name,
    segment_name,
    t,
    value_text,
)
from loaders.schema import KEY_COLUMNS, fact_key

#: A sha256, or a prefix of one long enough to name a bulletin.
SHA_PREFIX: Final = re.compile(r"^[0-9a-f]{6,64}$")
#: At most this many values are read from ``?value=`` (a hand-made URL may hold thousands).
MAX_VALUES: Final = 20
#: At most this many characters of a query value are read.
MAX_QUERY_TEXT: Final = 2000
#: What the page shows of a fact: its key, its value and unit, its printed figure and the
#: sentence it was read from.
FACT_COLUMNS: Final[tuple[str, ...]] = (*KEY_COLUMNS, "value", "unit", "printed", "text")


def first_text(value: object) -> str:
    """A query value as one string: Dash passes repeated keys as a list."""
    if isinstance(value, list | tuple):
        value = value[0] if value else ""
    return value if isinstance(value, str) else ""


# -- the bulletin the URL names --------------------------------------------------------------


def newest_first(bulletins: pd.DataFrame) -> pd.DataFrame:
    """The bulletins table, latest period first and, within a period, latest vintage first."""
    if bulletins.empty:
        return bulletins
    return bulletins.sort_values(["period", "vintage"], ascending=False, ignore_index=True)


def chosen_bulletin(bulletins: pd.DataFrame, asked: object) -> tuple[pd.Series | None, bool]:
    """The bulletin ``asked`` names (its sha256 or a unique prefix of at least 6 digits) and
    True; else the first row (None for no bulletins) and False."""
    if bulletins.empty:
        return None, False
    wanted = first_text(asked).strip().lower()
    if SHA_PREFIX.match(wanted):
        found = bulletins[bulletins["sha256"].str.startswith(wanted)]
        if len(found) == 1:
            return found.iloc[0], True
    return bulletins.iloc[0], False


# -- its facts -------------------------------------------------------------------------------


def _shown(record: Mapping[str, Any]) -> dict[str, Any]:
    return {column: record.get(column) for column in FACT_COLUMNS}


def facts_of_bulletin(
    stored: Iterable[Mapping[str, Any]], current: pd.DataFrame, sha256: str
) -> tuple[dict[str, Any], ...]:
    """The facts of the bulletin ``sha256``: those of ``stored`` (the store's facts as of
    the bulletin's ``added_at``, so a revised vintage keeps its own figures) that come from
    it, and any printed fact of ``current`` (the observations now) from it — a bulletin
    added at the very same moment by a later writer cannot hide those. By period,
    indicator and region."""
    found = {fact_key(row): _shown(row) for row in stored if row["bulletin"] == sha256}
    current = current[(current["bulletin"] == sha256) & ~current["derived"]]
    for record in cast("list[dict[str, Any]]", current.to_dict("records")):
        found.setdefault(fact_key(record), _shown(record))
    return tuple(sorted(found.values(), key=lambda f: (f["period"], f["indicator"], f["region"])))


# -- which facts a click points at -----------------------------------------------------------


def parse_values(value: object) -> list[float]:
    """``?value=-2.7,68.5`` -> [-2.7, 68.5]; unreadable parts are left out."""
    found = []
    for part in first_text(value)[:MAX_QUERY_TEXT].split(",")[:MAX_VALUES]:
        try:
            number = float(part)
        except ValueError:
            continue
        if math.isfinite(number):
            found.append(number)
    return found


def same_value(a: float, b: float) -> bool:
    """Equal up to the float noise of a round trip through JSON and the URL."""
    return abs(a - b) <= 1e-6 * max(1.0, abs(a), abs(b))


def matching(facts: Sequence[dict[str, Any]], period: str, values: Sequence[float]) -> list[int]:
    """Indices of the facts of ``period`` (any, when empty) equal to one of ``values``."""
    return [
        index
        for index, fact in enumerate(facts)
        if (not period or fact.get("period") == period)
        and any(same_value(float(fact["value"]), v) for v in values)
    ]


def derived_texts(
    observations: pd.DataFrame, sha256: str, period: str, values: Sequence[float]
) -> list[str]:
    """How the derived figures of ``period`` (any, when empty) equal to one of ``values``
    were computed from the bulletin ``sha256``'s figures (their ``text``)."""
    rows = observations[(observations["bulletin"] == sha256) & observations["derived"]]
    if period:
        rows = rows[rows["period"] == period]
    return [
        str(r["text"])
        for r in rows.to_dict("records")
        if any(same_value(float(r["value"]), v) for v in values)
    ]


# -- what a fact measures --------------------------------------------------------------------


def fact_name(fact: dict[str, Any], lang: str) -> str:
    """``营业收入 · 东部地区 · 累计 · 同比增速``: what a fact measures."""
    parts = [indicator_name(str(fact["indicator"]), lang)]
    if fact.get("region") not in (None, "", "national"):
        parts.append(region_name(str(fact["region"]), lang))
    if fact.get("segment") not in (None, "", "all"):
        parts.append(segment_name(str(fact["segment"]), lang))
    parts += [basis_name(str(fact["basis"]), lang), measure_name(str(fact["measure"]), lang)]
    reference = f" ({t('change_vs', lang)} {fact['ref_period']})" if fact.get("ref_period") else ""
    return " · ".join(parts) + reference


def describe(fact: dict[str, Any], lang: str) -> str:
    """``营业收入 · 东部地区 · 累计 · 同比增速 2023-11: -2%``: a mark's tooltip."""
    value = value_text(float(fact["value"]), str(fact["unit"]), lang)
    return f"{fact_name(fact, lang)} {fact['period']}: {value}"
