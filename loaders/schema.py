"""The one definition of every table EIM Monitor stores and ships.

Each table is a tuple of ``Column`` in order, with its type, whether it may be
empty, its meaning and unit in words, and the keys. From this definition come:
the tidy columns of ``loaders.bulletin.models``, the database tables of ``loaders.store``,
the CSV/XLSX/JSON/Parquet exports and the Frictionless ``datapackage.json``.

Tables:
    observations — one row per fact: (period, indicator, region, segment, basis,
                   measure, ref_period, derived) -> value, in ``unit``; ``bulletin``
                   is the sha256 of the bulletin it was read from.
    bulletins    — one row per stored bulletin (a vintage): provenance.
    indicators   — the catalog: codes with Chinese and English names and units.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final, Literal

ColumnType = Literal["string", "number", "boolean", "integer", "datetime"]


@dataclass(frozen=True)
class Column:
    """One column: ``name`` (snake_case), Frictionless ``type``, ``description`` with the
    unit in words, ``required`` (no empty value), ``pattern`` for strings."""

    name: str
    type: ColumnType
    description: str
    required: bool = True
    pattern: str | None = None


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


PERIOD: Final = r"^\d{4}-(0[1-9]|1[0-2])$"

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
        ),
        Column("basis", "string", "ytd: cumulative from January; month: that single month."),
        Column("indicator", "string", "Indicator code, see the indicators table."),
        Column(
            "region",
            "string",
            "national, east, central, west, northeast, jing_jin_ji, yangtze_delta.",
        ),
        Column("segment", "string", "all, or a sub-industry of the 2019-2021 bulletins."),
        Column(
            "measure",
            "string",
            "level, yoy_pct, change_pp, gap_industry_pp, "
            "gap_high_tech_pp, gap_manufacturing_pp, share_pct.",
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
        ),
        Column(
            "ref_period",
            "string",
            "For change_pp only: the period compared with, YYYY-MM.",
            required=False,
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
            "The sentence the figure was read from, or how it was computed.",
            required=False,
        ),
    ),
    primary_key=(
        "period",
        "indicator",
        "region",
        "segment",
        "basis",
        "measure",
        "ref_period",
        "derived",
    ),
    foreign_keys=(("indicator", "indicators", "code"), ("bulletin", "bulletins", "sha256")),
)

BULLETINS: Final = Table(
    name="bulletins",
    title="Bulletins (provenance)",
    description="Every stored bulletin; several for one period are vintages, the latest "
    "added wins.",
    columns=(
        Column("sha256", "string", "sha256 of the bulletin's text, its identity."),
        Column("period", "string", "Reporting period, YYYY-MM.", pattern=PERIOD),
        Column("title", "string", "Title, as printed or as the period gives it."),
        Column("source", "string", "File name or URL the text came from.", required=False),
        Column(
            "vintage", "integer", "1 for the first bulletin stored for its period, 2 for the next …"
        ),
        Column("parser_version", "string", "Version of the loader that read it."),
        Column("added_at", "datetime", "When it was stored (UTC)."),
        Column("added_by", "string", "Who stored it.", required=False),
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

TABLES: Final[tuple[Table, ...]] = (OBSERVATIONS, BULLETINS, INDICATORS_TABLE)

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
#: The tidy columns of ``eim parse`` rows (no ``bulletin``: that is the store's; ``printed``
#: is kept on the Observation itself).
TIDY_COLUMNS: Final[tuple[str, ...]] = tuple(
    name for name in OBSERVATIONS.column_names if name not in ("bulletin", "printed")
)
