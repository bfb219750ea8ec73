"""``eim coverage`` on the shipped data (a store filled from ``datasets/``), in this process."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from pathlib import Path
from typing import cast

import pytest

from loaders import api
from loaders.cli import main
from loaders.tables.coverage import coverage

VALUE_ADDED = "value_added.national.all.ytd.yoy_pct"


Eim = Callable[..., tuple[int, str, str]]


@pytest.fixture
def eim(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> Eim:
    """``eim(*args) -> (status, stdout, stderr)`` of ``eim coverage ARGS`` on a store of the
    test's own, filled from datasets/ on first use."""
    monkeypatch.setenv("EIM_DATABASE_PATH", str(tmp_path / "eim.sqlite"))
    monkeypatch.delenv("EIM_DATABASE_URL", raising=False)

    def run(*args: str) -> tuple[int, str, str]:
        status = main(["coverage", *args])
        captured = capsys.readouterr()
        return status, captured.out, captured.err

    return run


def test_json_counts_the_months_of_the_shipped_figures(eim: Eim) -> None:
    status, out, _ = eim("--series", VALUE_ADDED, "--since", "2019-02", "--format", "json")
    assert status == 0
    [series] = json.loads(out)
    store = api.default_store()
    try:
        printed = set(
            api.observations(
                "value_added",
                "national",
                basis="ytd",
                measure="yoy_pct",
                segment="all",
                derived=False,
                store=store,
            )["period"]
        )
    finally:
        store.close()
    assert series["first"] == "2019-02" and series["last"] == max(printed)
    assert {p for p, state in series["periods"].items() if state == "printed"} == printed
    assert "2020-01" not in series["periods"]  # January: no bulletin
    assert series["printed"] + series["derived"] + series["missing"] == series["months"]
    assert series["share"] == pytest.approx(
        (series["printed"] + series["derived"]) / series["months"], abs=1e-4
    )


def test_csv_is_one_row_per_series_and_month(eim: Eim) -> None:
    status, out, _ = eim("--format", "csv")
    assert status == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    store = api.default_store()
    try:
        records = api.observations(store=store).to_dict("records")
        expected = coverage(cast("list[dict[str, object]]", records))
    finally:
        store.close()
    assert len(rows) == sum(series.months for series in expected)
    assert {row["state"] for row in rows} <= {"printed", "derived", "missing"}
    first = rows[0]
    assert first["series"] == ".".join(
        first[part] for part in ("indicator", "region", "segment", "basis", "measure")
    )


def test_table_with_one_series_shows_its_months_as_a_grid(eim: Eim) -> None:
    status, out, _ = eim("--series", VALUE_ADDED)
    assert status == 0
    lines = out.splitlines()
    assert lines[0].split()[:2] == ["series", "first"]
    assert lines[1].startswith(VALUE_ADDED)
    assert any(line.startswith("2024 ") and "●" in line for line in lines)


@pytest.mark.parametrize(
    ("args", "status", "message"),
    [
        (("--series", "value_added"), 2, "is not a series key"),
        (("--series", "nothing.national.all.ytd.yoy_pct"), 1, "has no figure of"),
        (("--since", "2024-01"), 2, "no bulletin reports January alone"),
    ],
)
def test_bad_requests_say_why(eim: Eim, args: tuple[str, ...], status: int, message: str) -> None:
    found, out, err = eim(*args)
    assert (found, out) == (status, "")
    assert message in err
