"""Write the export tables (``loaders.tables.frames``) as files, with a ``datapackage.json``.

    export(store, "csv", Path("out"))  ->  [out/observations.csv, out/wide.csv,
                                            out/indicators.csv, out/bulletins.csv,
                                            out/datapackage.json]

Formats, one file per table unless noted:
    csv      UTF-8 with a BOM (``utf-8-sig``: Excel on Chinese Windows reads BOM-less UTF-8
             as GBK), ``\\n`` line ends; numbers as plain decimals (``135000``, ``-2.2``),
             booleans ``true``/``false``, ``added_at`` as ``YYYY-MM-DDTHH:MM:SS[.ffffff]Z``,
             a missing figure of the wide table empty. Plus ``datapackage.json``.
    xlsx     one workbook ``eim.xlsx``, one sheet per table, header row frozen, units in the
             header (``value (unit column)``, ``revenue.national.all.ytd.level [亿元]``,
             ``added_at (UTC)``). No ``datapackage.json``: Frictionless describes no workbook
             sheets the way the CSV files are described.
    json     a JSON array of records per table (UTF-8, non-ASCII kept), numbers as numbers, a
             missing figure ``null``, ``added_at`` as in CSV.
    parquet  one Parquet file per table with typed columns (``added_at`` a UTC timestamp).

``datapackage.json`` is written for CSV only. Frictionless reads JSON and Parquet resources
only with its ``json`` and ``parquet`` extras (ijson, fastparquet), which the project does not
install, so a descriptor of those files could not be validated here; the CSV export is the one
to publish.

In CSV and XLSX a text cell starting with ``= + - @``, a tab, a carriage return or an
apostrophe gets one apostrophe in front, so no spreadsheet runs it as a formula (pandas and
openpyxl would write ``=HYPERLINK(...)`` live); numbers are never touched, so a negative growth
rate stays a number. ``loaders.tables.importer`` removes that apostrophe again.

``datapackage.json`` (Frictionless Data Package v1) is generated from ``loaders.schema``: one
resource per file with its Table Schema (types, descriptions with units, required, patterns,
the catalog's codes as enums, primary and foreign keys), plus sources and licence.
"""

from __future__ import annotations

import csv
import json
import math
from collections.abc import Iterable, Mapping
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final, Literal, get_args

import numpy as np
import pandas as pd

from loaders.catalog import BASES, INDICATORS, MEASURES, PCT, PP, REGIONS, SEGMENTS
from loaders.extras import require
from loaders.schema import OBSERVATIONS, TABLES, Column, Table
from loaders.tables.frames import build_tables, series_parts, units_of_wide

if TYPE_CHECKING:
    from loaders.store import Store

Format = Literal["csv", "xlsx", "json", "parquet"]
FORMATS: Final[tuple[str, ...]] = get_args(Format)
CSV_ENCODING: Final = "utf-8-sig"
WORKBOOK: Final = "eim.xlsx"
DATAPACKAGE: Final = "datapackage.json"
#: The formats whose files ``datapackage.json`` describes, with their media type and
#: encoding (see the module docstring for why only CSV).
DESCRIBED: Final[dict[str, tuple[str, str]]] = {"csv": ("text/csv", CSV_ENCODING)}

#: First characters that make a spreadsheet read a cell as a formula, and the apostrophe
#: itself, so that removing one leading apostrophe on import is always right.
FORMULA_STARTS: Final = ("=", "+", "-", "@", "\t", "\r", "'")

#: Every unit a value may be in: the level units of the catalog, % and pp.
_UNITS: Final = sorted({i.level_unit for i in INDICATORS.values() if i.level_unit} | {PCT, PP})
#: (table, column) -> the fixed codes a column may hold, from the catalog.
ENUMS: Final[dict[tuple[str, str], list[str]]] = {
    **{
        (table, column): codes
        for table in ("observations", "conflicts", "coverage")
        for column, codes in (
            ("indicator", list(INDICATORS)),
            ("region", list(REGIONS)),
            ("segment", list(SEGMENTS)),
            ("basis", list(BASES)),
            ("measure", list(MEASURES)),
            ("unit", _UNITS),
        )
        if not (table == "coverage" and column == "unit")
    },
    ("indicators", "code"): list(INDICATORS),
    ("indicators", "section"): sorted({i.section for i in INDICATORS.values()}),
    ("conflicts", "resolution"): ["kept", "none"],
    ("coverage", "state"): ["printed", "derived", "conflict", "missing"],
}

#: Title and description of the wide table (the schema defines the others).
WIDE_TEXT: Final = (
    "Wide table",
    "One row per period, one column per series "
    "(indicator.region.segment.basis.measure[.ref_period][.derived]); the same figures as "
    "the observations table.",
)

PACKAGE: Final[dict[str, Any]] = {
    "profile": "tabular-data-package",
    "name": "eim-monitor",
    "title": "EIM Monitor: China's electronic-information manufacturing, month by month",
    "description": "Every figure of the monthly bulletins 电子信息制造业运行情况 of MIIT's "
    "运行监测协调局 as tidy data: one row per printed figure (latest vintage) and the series "
    "computed from them (flagged derived), a wide table with one row per period, the "
    "indicator catalog and the provenance of every bulletin (sha256, vintage, when added); "
    "the shipped datasets add the conflicts between copies and the months each series covers. "
    "Built by EIM Monitor's loader (code under the MIT licence).",
    # The figures are facts published by a state organ as public government information.
    # Facts, and 单纯事实消息, are outside copyright in China (Copyright Law of the PRC,
    # art. 5), so nobody, EIM Monitor included, holds rights in them to license: a CC-BY or
    # ODbL entry would claim rights the project does not have. "other-pd" states that the
    # data are free to reuse; attribution to the publisher is given by `sources`. The MIT
    # licence of the project's code does not apply to the data and is not listed here.
    "licenses": [
        {
            "name": "other-pd",
            "title": "Public domain: facts from public government information of MIIT",
            "path": "https://opendefinition.org/licenses/other-pd/",
        }
    ],
    "sources": [
        {
            "title": "工业和信息化部运行监测协调局 (Department of Operation Monitoring and "
            "Coordination, Ministry of Industry and Information Technology, MIIT)",
            "path": "https://www.miit.gov.cn/",
        }
    ],
}

# -- cells ------------------------------------------------------------------------------------


def neutralise(text: str) -> str:
    """``text`` with an apostrophe in front when a spreadsheet could run it as a formula."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def plain_number(value: float) -> str:
    """A float as a plain decimal that reads back exactly: 135000.0 -> ``135000``,
    -2.2 -> ``-2.2``; NaN -> empty."""
    if math.isnan(value):
        return ""
    if value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    return repr(value)


def iso_utc(moment: datetime) -> str:
    """A UTC moment as ``YYYY-MM-DDTHH:MM:SSZ``, with ``.ffffff`` when it has microseconds."""
    text = moment.strftime("%Y-%m-%dT%H:%M:%S")
    return text + (f".{moment.microsecond:06d}" if moment.microsecond else "") + "Z"


def _csv_cell(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return plain_number(value)
    if isinstance(value, datetime):
        return iso_utc(value)
    if value is None:
        return ""
    return neutralise(str(value))


def _json_value(value: Any) -> Any:
    if isinstance(value, float) and math.isnan(value):
        return None
    if isinstance(value, datetime):
        return iso_utc(value)
    return value


def _records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    """Rows as dicts of Python scalars (``bool``, ``int``, ``float``, ``str``, datetime)."""
    return [
        {str(k): (v.item() if isinstance(v, np.generic) else v) for k, v in row.items()}
        for row in frame.astype(object).to_dict("records")
    ]


# -- writers ----------------------------------------------------------------------------------


def write_csv(frame: pd.DataFrame, path: Path) -> Path:
    """One table as UTF-8-with-BOM CSV (see the module docstring)."""
    with path.open("w", encoding=CSV_ENCODING, newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(list(frame.columns))
        for row in _records(frame):
            writer.writerow([_csv_cell(value) for value in row.values()])
    return path


def write_json(frame: pd.DataFrame, path: Path) -> Path:
    """One table as a JSON array of records."""
    records = [{k: _json_value(v) for k, v in row.items()} for row in _records(frame)]
    text = json.dumps(records, ensure_ascii=False, indent=1, allow_nan=False)
    path.write_text(text + "\n", encoding="utf-8")
    return path


def write_parquet(frame: pd.DataFrame, path: Path) -> Path:
    """One table as Parquet (pyarrow), without the index."""
    frame.to_parquet(path, index=False, engine="pyarrow")
    return path


def excel_headers(name: str, columns: Iterable[str]) -> list[str]:
    """The header row of a sheet: column names with their units where they have one."""
    columns = list(columns)
    if name == "wide":
        units = units_of_wide(columns)
        return [f"{c} [{units[c]}]" if units.get(c) else c for c in columns]
    extra = {("observations", "value"): " (unit column)", ("bulletins", "added_at"): " (UTC)"}
    return [c + extra.get((name, c), "") for c in columns]


def _excel_frame(name: str, frame: pd.DataFrame) -> pd.DataFrame:
    frame = frame.copy()
    for column in frame.columns:
        series = frame[column]
        if isinstance(series.dtype, pd.DatetimeTZDtype):
            frame[column] = series.dt.tz_convert("UTC").dt.tz_localize(None)  # Excel has no tz
        elif pd.api.types.is_string_dtype(series.dtype) or series.dtype == object:
            frame[column] = series.map(lambda v: neutralise(v) if isinstance(v, str) else v)
    frame.columns = pd.Index(excel_headers(name, frame.columns))
    return frame


def write_xlsx(tables: Mapping[str, pd.DataFrame], path: Path) -> Path:
    """One workbook, one sheet per table, header row frozen, units in the header."""
    with pd.ExcelWriter(path, engine="openpyxl") as writer:
        for name, frame in tables.items():
            _excel_frame(name, frame).to_excel(writer, sheet_name=name, index=False)
            writer.sheets[name].freeze_panes = "A2"
    return path


# -- datapackage.json -------------------------------------------------------------------------


def table_schema_pattern(pattern: str) -> str:
    """A Python regex as Table Schema wants it: XML Schema style, implicitly anchored, so
    without ``^``/``$`` (``^\\d{4}$`` -> ``\\d{4}``; frictionless anchors it itself)."""
    return pattern.removeprefix("^").removesuffix("$")


def _field(table: str, column: Column) -> dict[str, Any]:
    field: dict[str, Any] = {
        "name": column.name,
        "type": column.type,
        "description": column.description,
    }
    if column.type == "boolean":
        field.update(trueValues=["true"], falseValues=["false"])
    constraints: dict[str, Any] = {}
    if column.required:
        constraints["required"] = True
    if column.pattern:
        constraints["pattern"] = table_schema_pattern(column.pattern)
    if (table, column.name) in ENUMS:
        constraints["enum"] = ENUMS[(table, column.name)]
    if constraints:
        field["constraints"] = constraints
    return field


def _schema(table: Table) -> dict[str, Any]:
    schema: dict[str, Any] = {
        "fields": [_field(table.name, column) for column in table.columns],
        "missingValues": [""],
        "primaryKey": list(table.primary_key),
    }
    if table.foreign_keys:
        schema["foreignKeys"] = [
            {"fields": column, "reference": {"resource": target, "fields": target_column}}
            for column, target, target_column in table.foreign_keys
        ]
    return schema


def describe_series(column: str) -> str:
    """What a wide column holds, in words, with its unit."""
    parts = series_parts(column)
    indicator = INDICATORS[parts["indicator"]]
    unit = units_of_wide([column])[column]
    words = [
        f"{indicator.name_en} ({indicator.name_zh})",
        REGIONS[parts["region"]][1],
        SEGMENTS[parts["segment"]][1],
        BASES[parts["basis"]][1],
        MEASURES[parts["measure"]][1],
    ]
    if parts["ref_period"]:
        words.append(f"against {parts['ref_period']}")
    text = ", ".join(words) + f"; in {unit}"
    return text + (
        "; derived (computed from printed figures)" if parts["derived"] == "true" else ""
    )


def _wide_schema(columns: Iterable[str]) -> dict[str, Any]:
    period = next(c for c in OBSERVATIONS.columns if c.name == "period")
    fields = [_field("wide", period)]
    fields += [
        {"name": c, "type": "number", "description": describe_series(c)}
        for c in columns
        if c != "period"
    ]
    return {"fields": fields, "missingValues": [""], "primaryKey": ["period"]}


def datapackage(tables: Mapping[str, pd.DataFrame], fmt: str) -> dict[str, Any]:
    """The Data Package descriptor of ``tables`` written as ``fmt`` (a ``DESCRIBED`` one)."""
    mediatype, encoding = DESCRIBED[fmt]
    by_name = {table.name: table for table in TABLES}
    resources: list[dict[str, Any]] = []
    for name, frame in tables.items():
        if name == "wide":
            title, description = WIDE_TEXT
            schema = _wide_schema(frame.columns)
        else:
            table = by_name[name]
            title, description, schema = table.title, table.description, _schema(table)
        resources.append(
            {
                "profile": "tabular-data-resource",
                "name": name,
                "path": f"{name}.{fmt}",
                "title": title,
                "description": description,
                "format": fmt,
                "mediatype": mediatype,
                "encoding": encoding,
                "schema": schema,
            }
        )
    return {**PACKAGE, "resources": resources}


def write_datapackage(tables: Mapping[str, pd.DataFrame], fmt: str, out_dir: Path) -> Path:
    """``out_dir/datapackage.json`` for ``tables`` written as ``fmt``."""
    path = out_dir / DATAPACKAGE
    text = json.dumps(datapackage(tables, fmt), ensure_ascii=False, indent=2)
    path.write_text(text + "\n", encoding="utf-8")
    return path


# -- entry points -----------------------------------------------------------------------------


def check_format(fmt: str) -> None:
    """Raise ``ValueError`` for an unknown format, ``loaders.extras.MissingExtra`` for
    Parquet without pyarrow (the ``parquet`` extra)."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}: choose one of {', '.join(FORMATS)}")
    if fmt == "parquet":
        require("parquet", "Parquet export")


def export_tables(tables: Mapping[str, pd.DataFrame], fmt: str, out_dir: Path) -> list[Path]:
    """Write ``tables`` (``loaders.tables.frames.build_tables``) as ``fmt`` into ``out_dir``."""
    check_format(fmt)
    out_dir.mkdir(parents=True, exist_ok=True)
    if fmt == "xlsx":
        return [write_xlsx(tables, out_dir / WORKBOOK)]
    writer = {"csv": write_csv, "json": write_json, "parquet": write_parquet}[fmt]
    written = [writer(frame, out_dir / f"{name}.{fmt}") for name, frame in tables.items()]
    if fmt in DESCRIBED:
        written.append(write_datapackage(tables, fmt, out_dir))
    return written


def export(store: Store, fmt: str, out_dir: Path) -> list[Path]:
    """Export every table of ``store`` as ``fmt`` into ``out_dir``; return the files written
    (the tables in ``loaders.tables.frames.TABLE_NAMES`` order, then ``datapackage.json``)."""
    check_format(fmt)  # before building the tables
    return export_tables(build_tables(store), fmt, out_dir)
