"""The one definition of every table EIM Monitor stores and ships.

Each table is a tuple of ``Column`` in order, with its type, whether it may be
empty, its longest value, its meaning and unit in words, and the keys. From this
definition come: the tidy columns of ``loaders.bulletin.models``, the database tables of
``loaders.store.tables``, the DataFrames of ``loaders.tables.frames``, the
CSV/XLSX/JSON/Parquet exports and the Frictionless ``datapackage.json``.

The one definition of a fact's identity is here too, ``KEY_COLUMNS`` and ``fact_key``,
and of a period's form, ``PERIOD`` and ``is_period``.

Tables:
    observations — one row per fact: (period, indicator, region, segment, basis,
                   measure, ref_period, derived) -> value, in ``unit``; ``bulletin``
                   is the sha256 of the bulletin it was read from.
    bulletins    — one row per stored bulletin (a vintage): provenance.
    indicators   — the catalog: codes with Chinese and English names and units.
    conflicts    — (shipped datasets) one row per fact key whose copies print different
                   figures: each value with its copies, what was kept and why.
    coverage     — one row per series and month (Januaries left out): printed, derived,
                   conflict or missing.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Final, Literal, TypeGuard

from loaders.source_url import PATTERN

ColumnType = Literal["string", "number", "boolean", "integer", "datetime"]


@dataclass(frozen=True)
class Column:
    """One column: ``name`` (snake_case), Frictionless ``type``, ``description`` with the
    unit in words, ``required`` (no empty value), ``pattern`` for strings and
    ``max_length``, the longest string the database keeps (None: any length)."""

    name: str
    type: ColumnType
    description: str
    required: bool = True
    pattern: str | None = None
    max_length: int | None = None


@dataclass(frozen=True)
class Table:
    """A table: its columns, primary key and foreign keys (column -> (table, column))."""

    name: str
    title: str
    description: str
    columns: tuple[Column, ...]
    primary_key: tuple[str, ...]
    foreign_keys: tuple[tuple[str, str, str], ...] = ()

    @property
    def column_names(self) -> tuple[str, ...]:
        return tuple(column.name for column in self.columns)


#: A source URL, as ``loaders.source_url`` keeps it.
SOURCE_URL: Final = PATTERN

#: A period: the last month of a reporting period, ``YYYY-MM``.
PERIOD: Final = r"^\d{4}-(0[1-9]|1[0-2])$"
_PERIOD: Final = re.compile(PERIOD)


def is_period(value: object) -> TypeGuard[str]:
    """True when ``value`` is a period string ``YYYY-MM`` with a month 01..12."""
    return isinstance(value, str) and _PERIOD.match(value) is not None


#: The columns that identify one fact (without ``derived``: a fact's identity).
KEY_COLUMNS: Final[tuple[str, ...]] = (
    "period",
    "indicator",
    "region",
    "segment",
    "basis",
    "measure",
    "ref_period",
)
#: The columns that name one series: a fact's key without its period and reference period.
SERIES_COLUMNS: Final[tuple[str, ...]] = tuple(
    name for name in KEY_COLUMNS if name not in ("period", "ref_period")
)


#: A fact's identity, as ``fact_key`` gives it.
FactKey = tuple[str, ...]


def fact_key(row: Mapping[str, object]) -> FactKey:
    """A fact's identity, the values of ``KEY_COLUMNS`` of a row (a dict, a store row or a
    record's fields) as strings, an empty or missing part as ""."""
    return tuple(str(row.get(name) or "") for name in KEY_COLUMNS)


OBSERVATIONS: Final = Table(
    name="observations",
    title="Observations (tidy, long)",
    description="One row per number printed in a bulletin (derived = false) or computed "
    "from printed numbers (derived = true), latest vintage of each.",
    columns=(
        Column(
            "period",
            "string",
            "Last month of the reporting period, YYYY-MM (1—11月份 -> 2023-11).",
            pattern=PERIOD,
            max_length=7,
        ),
        Column(
            "basis",
            "string",
            "ytd: cumulative from January; month: that single month.",
            max_length=8,
        ),
        Column("indicator", "string", "Indicator code, see the indicators table.", max_length=64),
        Column(
            "region",
            "string",
            "national, east, central, west, northeast, jing_jin_ji, yangtze_delta.",
            max_length=32,
        ),
        Column(
            "segment",
            "string",
            "all, or a sub-industry of the 2019-2021 bulletins.",
            max_length=64,
        ),
        Column(
            "measure",
            "string",
            "level, yoy_pct, change_pp, gap_industry_pp, "
            "gap_high_tech_pp, gap_manufacturing_pp, share_pct.",
            max_length=32,
        ),
        Column(
            "value",
            "number",
            "The figure in unit: exactly as printed times the unit "
            "factor (13.5万亿元 -> 135000 亿元).",
        ),
        Column(
            "unit",
            "string",
            "亿元, 万台, 万块, 万个, 万只 for levels; % for rates, shares "
            "and margins; pp (percentage points) for changes and gaps.",
            max_length=8,
        ),
        Column(
            "ref_period",
            "string",
            "For change_pp only: the period compared with, YYYY-MM.",
            required=False,
            max_length=7,
        ),
        Column("derived", "boolean", "true when computed from printed figures, not printed."),
        Column(
            "bulletin",
            "string",
            "sha256 of the bulletin the figure comes from (for a "
            "derived row, of the latest bulletin it uses).",
        ),
        Column(
            "printed",
            "string",
            "The figure as printed, with its unit (13.5万亿元, 2.1倍); its last digit gives "
            "its precision. Empty for derived rows.",
            required=False,
        ),
        Column(
            "text",
            "string",
            "The sentence the figure was read from, or how it was computed; in the shipped "
            "datasets (which carry no sentences) the corpus copies that print it.",
            required=False,
        ),
    ),
    primary_key=(*KEY_COLUMNS, "derived"),
    foreign_keys=(("indicator", "indicators", "code"), ("bulletin", "bulletins", "sha256")),
)

BULLETINS: Final = Table(
    name="bulletins",
    title="Bulletins (provenance)",
    description="Every stored bulletin; several for one period are vintages, the latest "
    "added wins.",
    columns=(
        Column("sha256", "string", "sha256 of the bulletin's text, its identity.", max_length=64),
        Column("period", "string", "Reporting period, YYYY-MM.", pattern=PERIOD, max_length=7),
        Column("title", "string", "Title, as printed or as the period gives it."),
        Column("source", "string", "File name or URL the text came from.", required=False),
        Column(
            "source_url",
            "string",
            "The publisher's page of the bulletin (an http or https URL); empty when not "
            "known (the shipped datasets' corpus copies name none).",
            required=False,
            pattern=SOURCE_URL,
        ),
        Column(
            "vintage", "integer", "1 for the first bulletin stored for its period, 2 for the next …"
        ),
        Column("parser_version", "string", "Version of the loader that read it.", max_length=32),
        Column("added_at", "datetime", "When it was stored (UTC)."),
        Column("added_by", "string", "Who stored it.", required=False, max_length=128),
        Column("publisher", "string", "工业和信息化部运行监测协调局 (MIIT) unless noted."),
    ),
    primary_key=("sha256",),
)

INDICATORS_TABLE: Final = Table(
    name="indicators",
    title="Indicators (catalog)",
    description="The indicator codes with their Chinese and English names and level units.",
    columns=(
        Column("code", "string", "Indicator code."),
        Column("name_zh", "string", "Name in Chinese."),
        Column("name_en", "string", "Name in English."),
        Column(
            "level_unit",
            "string",
            "Unit of its levels; empty when no level is published.",
            required=False,
        ),
        Column(
            "section",
            "string",
            "Bulletin section: production, exports, profits, prices, investment.",
        ),
    ),
    primary_key=("code",),
)

_KEY_FIELDS: Final = tuple(c for c in OBSERVATIONS.columns if c.name in KEY_COLUMNS)

CONFLICTS: Final = Table(
    name="conflicts",
    title="Conflicts between copies",
    description="Every fact whose copies print different figures (several web copies of one "
    "bulletin, or a copy against the figure a later bulletin's change gives): each value with "
    "the copies that print it, what was kept and why. A fact left without value has no row "
    "in observations.",
    columns=(
        *(c for name in KEY_COLUMNS for c in _KEY_FIELDS if c.name == name),
        Column(
            "values",
            "string",
            "Each value with the copies that print it: 9.3 (2022-08__1.txt, 2022-08__2.txt); "
            "9 (2022-08__4.txt). A value a later bulletin fixes names that bulletin.",
        ),
        Column("resolution", "string", "kept: one value is shipped; none: no value is."),
        Column("value", "number", "The value shipped, in unit; empty when none.", required=False),
        Column("unit", "string", "Unit of the values, as in observations.", max_length=8),
        Column("reason", "string", "Why that value, or why none, in words."),
    ),
    primary_key=KEY_COLUMNS,
    foreign_keys=(("indicator", "indicators", "code"),),
)

COVERAGE: Final = Table(
    name="coverage",
    title="Coverage: the months each series has a figure for",
    description="One row per series and month from the series' first figure to its last "
    "(January left out: MIIT reports it with February): printed, derived (computed only), "
    "conflict (copies disagree and no value is shipped) or missing.",
    columns=(
        Column("series", "string", "indicator.region.segment.basis.measure."),
        *(c for name in SERIES_COLUMNS for c in _KEY_FIELDS if c.name == name),
        Column("period", "string", "The month, YYYY-MM.", pattern=PERIOD, max_length=7),
        Column("state", "string", "printed, derived, conflict or missing."),
    ),
    primary_key=("series", "period"),
    foreign_keys=(("indicator", "indicators", "code"),),
)

TABLES: Final[tuple[Table, ...]] = (
    OBSERVATIONS,
    BULLETINS,
    INDICATORS_TABLE,
    CONFLICTS,
    COVERAGE,
)

#: The tidy columns of ``eim parse`` rows (no ``bulletin``: that is the store's; ``printed``
#: is kept on the Observation itself).
TIDY_COLUMNS: Final[tuple[str, ...]] = tuple(
    name for name in OBSERVATIONS.column_names if name not in ("bulletin", "printed")
)
