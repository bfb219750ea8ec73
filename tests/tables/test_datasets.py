"""The shipped datasets (``datasets/``, built by ``eim datasets`` from ``../shared/corpus``):
building twice gives identical files, the committed files equal a fresh build (so a change to
the loader without a rebuild fails here), and the frictionless CLI validates them.

Reads the corpus in place (see ``corpus_paths``); without it these tests skip, naming it.
To rebuild after a change to the loader: ``eim datasets`` (from the repository root).
"""

from __future__ import annotations

import csv
import filecmp
import subprocess
import sys
from pathlib import Path

import pytest
from corpus_paths import CORPUS, ROOT, require

from loaders.schema import KEY_COLUMNS
from loaders.tables.datasets import SHIPPED_TABLES, added_at, build_datasets

pytestmark = pytest.mark.corpus

SHIPPED = ROOT / "datasets"
FILES = [*(f"{name}.csv" for name in SHIPPED_TABLES), "datapackage.json"]
REBUILD = "the loader changed without a rebuild: run `eim datasets` and commit datasets/"


@pytest.fixture(scope="module")
def fresh(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The datasets built from the corpus into a temporary folder."""
    require(CORPUS / "bulletins")
    out = tmp_path_factory.mktemp("datasets")
    result = build_datasets(CORPUS, out)
    assert [path.name for path in result.files] == FILES
    return out


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def test_building_twice_gives_identical_files(fresh: Path, tmp_path: Path) -> None:
    build_datasets(CORPUS, tmp_path)
    _, mismatch, errors = filecmp.cmpfiles(fresh, tmp_path, FILES, shallow=False)
    assert (mismatch, errors) == ([], [])


def test_committed_datasets_equal_a_fresh_build(fresh: Path) -> None:
    missing = [name for name in FILES if not (SHIPPED / name).is_file()]
    assert not missing, f"datasets/ lacks {missing}: {REBUILD}"
    _, mismatch, errors = filecmp.cmpfiles(fresh, SHIPPED, FILES, shallow=False)
    assert (mismatch, errors) == ([], []), f"{mismatch} differ from a fresh build: {REBUILD}"


def test_one_bulletin_per_period_added_after_it(fresh: Path) -> None:
    bulletins = read_csv(fresh / "bulletins.csv")
    periods = [row["period"] for row in bulletins]
    assert periods == sorted(set(periods))
    assert {row["vintage"] for row in bulletins} == {"1"}
    assert bulletins[0]["added_at"] == added_at(periods[0]).strftime("%Y-%m-%dT%H:%M:%SZ")
    wide = read_csv(fresh / "wide.csv")
    observed = sorted({row["period"] for row in read_csv(fresh / "observations.csv")})
    assert [row["period"] for row in wide] == observed


def test_frictionless_cli_validates_the_shipped_package() -> None:
    require(SHIPPED / "datapackage.json")
    frictionless = Path(sys.executable).with_name("frictionless")
    proc = subprocess.run(
        [str(frictionless), "validate", "datasets/datapackage.json"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=300,
        check=False,
    )
    assert proc.returncode == 0, f"frictionless validate failed:\n{proc.stdout}\n{proc.stderr}"


def test_added_at_is_midnight_after_the_period() -> None:
    assert added_at("2023-11").isoformat() == "2023-12-01T00:00:00"
    assert added_at("2024-12").isoformat() == "2025-01-01T00:00:00"


def test_command_builds_the_same_files(fresh: Path, tmp_path: Path) -> None:
    from loaders.cli import main

    assert main(["datasets", "--corpus", str(CORPUS), "--out", str(tmp_path)]) == 0
    _, mismatch, errors = filecmp.cmpfiles(fresh, tmp_path, FILES, shallow=False)
    assert (mismatch, errors) == ([], [])


def test_the_main_series_cover_three_months_in_five_since_2019(fresh: Path) -> None:
    """Issue 13's bar: value added and export delivery value (cumulative growth) have a
    figure, printed or derived, for at least 60 % of the months from 2019-02 to the last
    period (Januaries left out: no bulletin reports January alone)."""
    last = max(row["period"] for row in read_csv(fresh / "bulletins.csv"))
    rows = read_csv(fresh / "coverage.csv")
    for series in (
        "value_added.national.all.ytd.yoy_pct",
        "export_delivery_value.national.all.ytd.yoy_pct",
    ):
        states = {r["period"]: r["state"] for r in rows if r["series"] == series}
        months = [
            f"{year}-{month:02d}"
            for year in range(2019, int(last[:4]) + 1)
            for month in range(2, 13)
            if "2019-02" <= f"{year}-{month:02d}" <= last
        ]
        covered = sum(states.get(m) in ("printed", "derived") for m in months)
        assert covered / len(months) >= 0.6, f"{series}: {covered} of {len(months)} months"


def test_conflicts_say_what_the_observations_ship(fresh: Path) -> None:
    printed = {
        tuple(row[c] for c in KEY_COLUMNS): row
        for row in read_csv(fresh / "observations.csv")
        if row["derived"] == "false"
    }
    # the loader now refuses what damaged copies garble, so the corpus's copies may all agree;
    # whatever rows there are must say what observations.csv ships (tests/tables/
    # test_reconcile.py makes conflicts of every kind from written copies)
    for row in read_csv(fresh / "conflicts.csv"):
        key = tuple(row[c] for c in KEY_COLUMNS)
        assert row["values"].count("(") >= 2, row
        if row["resolution"] == "kept":
            assert float(printed[key]["value"]) == float(row["value"]), row
        else:
            assert row["resolution"] == "none" and row["value"] == "", row
            assert key not in printed, row


def test_every_shipped_figure_names_the_copies_that_print_it(fresh: Path) -> None:
    sources = {row["sha256"]: row["source"] for row in read_csv(fresh / "bulletins.csv")}
    for row in read_csv(fresh / "observations.csv"):
        if row["derived"] == "true":
            continue
        names = row["text"].removeprefix("copies: ").split(", ")
        assert row["text"].startswith("copies: ") and names, row
        assert set(names) <= set(sources[row["bulletin"]].split("+")), row


def test_damaged_copies_are_read_and_named(fresh: Path) -> None:
    sources = "+".join(row["source"] for row in read_csv(fresh / "bulletins.csv"))
    assert "robustness/" in sources
