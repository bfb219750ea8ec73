"""``loaders.tables.frames`` and ``loaders.tables.export``: every format writes its files; CSV
has a BOM, neutralised formula text and negative numbers as numbers; the workbook has one sheet
per table, a frozen header and units in it; ``datapackage.json`` is generated from
``loaders.schema`` and validates with frictionless; the wide table has one row per period.

The bulletins here are written for these tests in the style of MIIT's monthly reports; their
figures are invented (and consistent with each other), not copied from any real bulletin.
``filled_store`` is shared with ``test_roundtrip``.
"""

from __future__ import annotations

import csv
import json
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import frictionless
import openpyxl
import pandas as pd
import pytest
from export_bulletins import FORMULA_SOURCE, PERIODS, fill

from loaders.catalog import INDICATORS, REGIONS
from loaders.schema import BULLETINS, INDICATORS_TABLE, OBSERVATIONS
from loaders.store import Store
from loaders.tables.export import FORMULA_STARTS, datapackage, export, neutralise, plain_number
from loaders.tables.frames import TABLE_NAMES, build_tables, observations_table, units_of_wide


@pytest.fixture
def filled_store(tmp_path: Path) -> Any:
    store = fill(Store(f"sqlite:///{tmp_path / 'filled.sqlite'}"))
    yield store
    store.close()


@pytest.fixture
def exported(filled_store: Store, tmp_path: Path) -> Path:
    out = tmp_path / "csv"
    export(filled_store, "csv", out)
    return out


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def validation_report(descriptor: Path) -> frictionless.Report:
    """frictionless.validate on a package; the whole report is printed when it fails."""
    report = frictionless.validate(str(descriptor))
    if not report.valid:
        print(json.dumps(report.to_dict(), ensure_ascii=False, indent=1)[:20_000])
    return report


# -- the tables -------------------------------------------------------------------------------


def test_tables_have_the_schema_columns_in_order(filled_store: Store) -> None:
    tables = build_tables(filled_store)
    assert tuple(tables) == TABLE_NAMES
    assert tuple(tables["observations"].columns) == OBSERVATIONS.column_names
    assert tuple(tables["bulletins"].columns) == BULLETINS.column_names
    assert tuple(tables["indicators"].columns) == INDICATORS_TABLE.column_names
    assert list(tables["indicators"]["code"]) == list(INDICATORS)


def test_observations_hold_the_latest_vintage_and_derived_rows(filled_store: Store) -> None:
    frame = build_tables(filled_store)["observations"]
    revenue = frame[(frame["indicator"] == "revenue") & (frame["measure"] == "level")]
    by_basis = {(r.period, r.basis, r.derived): r.value for r in revenue.itertuples()}
    assert by_basis[("2023-08", "ytd", False)] == 94600  # the revised vintage wins
    assert by_basis[("2023-08", "month", True)] == 94600 - 82100  # derived single month
    assert not frame.duplicated(list(OBSERVATIONS.primary_key)).any()
    bulletins = build_tables(filled_store)["bulletins"]
    assert list(bulletins["vintage"]) == [1, 1, 2]
    assert set(bulletins["publisher"]) == {"工业和信息化部运行监测协调局 (MIIT)"}


def test_a_repeated_key_is_refused_loudly(filled_store: Store) -> None:
    facts = filled_store.facts()
    with pytest.raises(ValueError, match="share a primary key"):
        observations_table([*facts, facts[0]], derived=False)


def test_wide_has_one_row_per_period_and_sorted_series(filled_store: Store) -> None:
    wide = build_tables(filled_store)["wide"]
    assert list(wide["period"]) == list(PERIODS)
    series = list(wide.columns[1:])
    assert series == sorted(series)
    assert wide.set_index("period").loc["2023-08", "revenue.national.all.ytd.yoy_pct"] == -2.2
    assert "value_added.national.all.ytd.change_pp.2023-07" in series
    assert "revenue.national.all.month.level.derived" in series
    assert all(pd.api.types.is_float_dtype(wide[c]) for c in series)
    units = units_of_wide(list(wide.columns))
    assert units["revenue.national.all.ytd.level"] == "亿元"
    assert units["revenue.national.all.ytd.yoy_pct"] == "%"
    assert units["value_added.national.all.ytd.change_pp.2023-07"] == "pp"
    assert units["industry_value_added.national.all.ytd.yoy_pct.derived"] == "%"
    assert "period" not in units


# -- every format -----------------------------------------------------------------------------

FILES = {
    "csv": [*(f"{name}.csv" for name in TABLE_NAMES), "datapackage.json"],
    "json": [f"{name}.json" for name in TABLE_NAMES],
    "parquet": [f"{name}.parquet" for name in TABLE_NAMES],
    "xlsx": ["eim.xlsx"],
}


@pytest.mark.parametrize("fmt", sorted(FILES))
def test_each_format_writes_its_files(filled_store: Store, tmp_path: Path, fmt: str) -> None:
    written = export(filled_store, fmt, tmp_path / fmt)
    assert [path.name for path in written] == FILES[fmt]
    assert sorted(p.name for p in (tmp_path / fmt).iterdir()) == sorted(FILES[fmt])
    assert all(path.stat().st_size > 0 for path in written)


def test_unknown_format_is_refused(filled_store: Store, tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="unknown format 'ods'"):
        export(filled_store, "ods", tmp_path)


# -- CSV --------------------------------------------------------------------------------------


def test_csv_files_start_with_a_bom(exported: Path) -> None:
    for name in TABLE_NAMES:
        data = (exported / f"{name}.csv").read_bytes()
        assert data.startswith(b"\xef\xbb\xbf"), name
        data.decode("utf-8")  # UTF-8 throughout, not GBK
    assert "电子信息制造业运行情况" in (exported / "bulletins.csv").read_text(encoding="utf-8-sig")
    assert "增加值" in (exported / "indicators.csv").read_text(encoding="utf-8-sig")


def test_csv_neutralises_formula_text(exported: Path) -> None:
    rows = read_csv(exported / "bulletins.csv")
    assert [r["source"] for r in rows] == [
        "'" + FORMULA_SOURCE,
        "'+august.txt",
        "'\taugust-revised.txt",
    ]
    assert [r["added_by"] for r in rows] == ["'@analyst", "'-", "''quoted"]
    text_columns = {c.name for c in BULLETINS.columns if c.type == "string"}
    for row in rows:
        for column in text_columns:
            assert not row[column].startswith(FORMULA_STARTS[:-1]), (column, row[column])


def test_csv_negative_numbers_stay_numbers(exported: Path) -> None:
    rows = read_csv(exported / "observations.csv")
    values = [r["value"] for r in rows]
    assert "-2.2" in values and "-17.6" in values
    assert all(float(v) == float(v) for v in values)  # every one parses as a number
    assert {r["derived"] for r in rows} == {"true", "false"}
    assert "94600" in values  # a level as a plain decimal, no ".0"
    wide = read_csv(exported / "wide.csv")
    assert wide[1]["revenue.national.all.ytd.yoy_pct"] == "-2.2"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("=1+1", "'=1+1"),
        ("+86", "'+86"),
        ("-x", "'-x"),
        ("@sum", "'@sum"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("'x", "''x"),
        ("2023年", "2023年"),
        ("", ""),
    ],
)
def test_neutralise(text: str, expected: str) -> None:
    assert neutralise(text) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [(135000.0, "135000"), (-2.2, "-2.2"), (3.57, "3.57"), (0.1 + 0.2, "0.30000000000000004")],
)
def test_plain_number_reads_back_exactly(value: float, expected: str) -> None:
    assert plain_number(value) == expected
    assert float(plain_number(value)) == value


# -- XLSX -------------------------------------------------------------------------------------


def test_xlsx_has_a_sheet_per_table_frozen_header_and_units(
    filled_store: Store, tmp_path: Path
) -> None:
    (path,) = export(filled_store, "xlsx", tmp_path)
    workbook = openpyxl.load_workbook(path)
    assert workbook.sheetnames == list(TABLE_NAMES)
    for sheet in workbook.worksheets:
        assert sheet.freeze_panes == "A2", sheet.title
    header = {name: [c.value for c in workbook[name][1]] for name in TABLE_NAMES}
    assert "value (unit column)" in header["observations"]
    assert "revenue.national.all.ytd.level [亿元]" in header["wide"]
    assert "revenue.national.all.ytd.yoy_pct [%]" in header["wide"]
    assert header["wide"][0] == "period"
    assert "added_at (UTC)" in header["bulletins"]

    bulletins = workbook["bulletins"]
    source = header["bulletins"].index("source") + 1
    cell = bulletins.cell(row=2, column=source)
    assert cell.value == "'" + FORMULA_SOURCE and cell.data_type == "s"
    added_at = bulletins.cell(row=4, column=header["bulletins"].index("added_at (UTC)") + 1)
    # Excel keeps times to the millisecond
    assert abs(added_at.value - datetime(2023, 9, 25, 8, 0, 1, 123456)) < timedelta(milliseconds=1)

    observations = workbook["observations"]
    value = header["observations"].index("value (unit column)") + 1
    numbers = [observations.cell(row=r, column=value) for r in range(2, observations.max_row + 1)]
    assert all(c.data_type == "n" for c in numbers)
    assert -2.2 in [c.value for c in numbers]


# -- JSON and Parquet -------------------------------------------------------------------------


def test_json_records_keep_chinese_and_numbers(filled_store: Store, tmp_path: Path) -> None:
    export(filled_store, "json", tmp_path)
    raw = (tmp_path / "bulletins.json").read_text(encoding="utf-8")
    assert "工业和信息化部" in raw  # not \\u escapes
    bulletins = json.loads(raw)
    assert bulletins[0]["source"] == FORMULA_SOURCE  # JSON is not opened as a spreadsheet
    assert bulletins[2]["added_at"] == "2023-09-25T08:00:01.123456Z"
    observations = json.loads((tmp_path / "observations.json").read_text(encoding="utf-8"))
    assert -2.2 in [row["value"] for row in observations]
    assert {type(row["derived"]) for row in observations} == {bool}
    wide = json.loads((tmp_path / "wide.json").read_text(encoding="utf-8"))
    assert [row["period"] for row in wide] == list(PERIODS)
    assert None in wide[0].values()  # a series missing in July is null, not NaN


def test_parquet_reads_back_as_the_tables(filled_store: Store, tmp_path: Path) -> None:
    export(filled_store, "parquet", tmp_path)
    tables = build_tables(filled_store)
    for name in TABLE_NAMES:
        back = pd.read_parquet(tmp_path / f"{name}.parquet")
        pd.testing.assert_frame_equal(back, tables[name], check_dtype=False)


# -- datapackage.json -------------------------------------------------------------------------


def test_datapackage_is_generated_from_the_schema(exported: Path) -> None:
    package = json.loads((exported / "datapackage.json").read_text(encoding="utf-8"))
    assert package["name"] == "eim-monitor"
    assert package["licenses"] and package["sources"][0]["path"] == "https://www.miit.gov.cn/"
    assert "工业和信息化部运行监测协调局" in package["sources"][0]["title"]
    resources = {r["name"]: r for r in package["resources"]}
    assert list(resources) == list(TABLE_NAMES)
    observations = resources["observations"]
    assert observations["path"] == "observations.csv"
    assert observations["encoding"] == "utf-8-sig"
    fields = {f["name"]: f for f in observations["schema"]["fields"]}
    assert list(fields) == list(OBSERVATIONS.column_names)
    assert fields["region"]["constraints"]["enum"] == list(REGIONS)
    assert fields["period"]["constraints"]["pattern"] == r"\d{4}-(0[1-9]|1[0-2])"
    assert "required" not in fields["ref_period"].get("constraints", {})
    assert "亿元" in fields["unit"]["description"]
    assert observations["schema"]["primaryKey"] == list(OBSERVATIONS.primary_key)
    assert observations["schema"]["foreignKeys"] == [
        {"fields": "indicator", "reference": {"resource": "indicators", "fields": "code"}},
        {"fields": "bulletin", "reference": {"resource": "bulletins", "fields": "sha256"}},
    ]
    wide = {f["name"]: f for f in resources["wide"]["schema"]["fields"]}
    assert "in 亿元" in wide["revenue.national.all.ytd.level"]["description"]


def test_datapackage_validates_with_frictionless(exported: Path) -> None:
    report = validation_report(exported / "datapackage.json")
    assert report.valid, "frictionless found errors (report printed above)"


def test_frictionless_catches_a_broken_foreign_key(exported: Path) -> None:
    path = exported / "observations.csv"
    text = path.read_text(encoding="utf-8-sig")
    first_sha = read_csv(path)[0]["bulletin"]
    path.write_text(text.replace(first_sha, "0" * 64, 1), encoding="utf-8-sig")
    report = frictionless.validate(str(exported / "datapackage.json"))
    assert not report.valid
    assert "foreign-key" in {error.type for task in report.tasks for error in task.errors}


def test_an_empty_store_exports_valid_empty_tables(tmp_path: Path) -> None:
    store = Store(f"sqlite:///{tmp_path / 'empty.sqlite'}")
    try:
        written = export(store, "csv", tmp_path / "out")
    finally:
        store.close()
    assert [p.name for p in written] == FILES["csv"]
    assert read_csv(tmp_path / "out" / "observations.csv") == []
    assert validation_report(tmp_path / "out" / "datapackage.json").valid


def test_datapackage_describes_csv_only(filled_store: Store) -> None:
    tables = build_tables(filled_store)
    assert {r["format"] for r in datapackage(tables, "csv")["resources"]} == {"csv"}
    for fmt in ("json", "parquet", "xlsx"):
        with pytest.raises(KeyError):
            datapackage(tables, fmt)


def test_frictionless_catches_a_period_off_the_pattern(exported: Path) -> None:
    path = exported / "bulletins.csv"
    text = path.read_text(encoding="utf-8-sig")
    path.write_text(text.replace(",2023-07,", ",2023-13,", 1), encoding="utf-8-sig")
    report = frictionless.validate(str(exported / "datapackage.json"))
    errors = [error for task in report.tasks for error in task.errors]
    assert [error.type for error in errors] == ["constraint-error"], errors


def test_the_command_offers_every_format() -> None:
    from loaders.cli.export import FORMAT_CHOICES
    from loaders.tables.export import FORMATS

    assert FORMAT_CHOICES == FORMATS
