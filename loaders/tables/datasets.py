"""Build the shipped datasets (``datasets/``) from a corpus of bulletin copies.

Shape: ``<corpus>/bulletins/*.txt`` (clean web copies, several per period) and
``<corpus>/robustness/*.txt`` (damaged copies, named ``robustness/<file>``) -> every copy
parsed -> reconciled period by period (``loaders.tables.reconcile``: one value per fact, a
``Conflict`` per disagreement) -> one bulletin per period in a fresh temporary SQLite store,
added in period order, each at midnight UTC of the first day after its period (the 2023-11
bulletin at 2023-12-01T00:00:00Z) -> the CSV export (``loaders.tables.export``):
observations.csv, wide.csv, indicators.csv, bulletins.csv, conflicts.csv, coverage.csv and
datapackage.json in ``out_dir``.

A shipped bulletin's ``source`` lists its copies (``2024-06__1.txt+robustness/…``), its
sha256 is made of theirs, and each fact's ``text`` names the copies that print it (the
corpus's sentences are not ours to ship: the figures are).

Deterministic: the same corpus and loader give byte-identical files (fixed times and names,
no clock, no random order). A file the loader refuses is left out and reported.
"""

from __future__ import annotations

import tempfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import cast

import pandas as pd

from loaders.bulletin.parse import BulletinError, parse_bulletin
from loaders.bulletin.periods import Month
from loaders.schema import CONFLICTS, COVERAGE
from loaders.tables.frames import TABLE_NAMES, build_tables
from loaders.tables.reconcile import Conflict, Copy, reconcile

#: Who ``bulletins.added_by`` says stored the shipped bulletins.
ADDED_BY = "eim datasets"
#: The corpus folders read, with whether their copies are clean (intact by the corpus's
#: account) and the prefix their names carry.
FOLDERS: tuple[tuple[str, bool, str], ...] = (
    ("bulletins", True, ""),
    ("robustness", False, "robustness/"),
)
#: The folder that must exist.
BULLETIN_FOLDER = FOLDERS[0][0]
#: The tables the datasets ship, in the order they are written (then datapackage.json).
SHIPPED_TABLES: tuple[str, ...] = (*TABLE_NAMES, "conflicts", "coverage")


@dataclass(frozen=True)
class DatasetsResult:
    """The files written, the copies behind each period, the files left out (with why), the
    conflicts, and the figures withheld (key, copy, why)."""

    files: list[Path]
    chosen: dict[str, tuple[str, ...]]
    skipped: dict[str, str] = field(default_factory=dict)
    conflicts: list[Conflict] = field(default_factory=list)
    withheld: list[tuple[tuple[str, ...], str, str]] = field(default_factory=list)


def added_at(period: str) -> datetime:
    """Midnight UTC (naive, as the store keeps it) of the first day after ``period``."""
    after = Month.parse(period).shifted(1)
    return datetime(after.year, after.month, 1)


def read_copies(corpus_dir: Path) -> tuple[list[Copy], dict[str, str]]:
    """Every copy of the corpus's folders, parsed; and the files the loader refused."""
    copies: list[Copy] = []
    skipped: dict[str, str] = {}
    for folder, clean, prefix in FOLDERS:
        for path in sorted((corpus_dir / folder).glob("*.txt"), key=lambda p: p.name):
            name = prefix + path.name
            try:
                copies.append(Copy(name, clean, parse_bulletin(path, name=name)))
            except BulletinError as error:
                skipped[name] = str(error)
    return copies, skipped


def table_frame(rows: Sequence[Mapping[str, object]], columns: tuple[str, ...]) -> pd.DataFrame:
    """Rows as a DataFrame of Python objects (None stays empty), columns in schema order."""
    return pd.DataFrame(rows, columns=list(columns), dtype=object)


def build_datasets(corpus_dir: Path, out_dir: Path) -> DatasetsResult:
    """Parse and reconcile every copy of ``corpus_dir`` and write the CSV datasets into
    ``out_dir``."""
    from loaders.store import Store
    from loaders.tables.coverage import coverage, coverage_rows
    from loaders.tables.export import export_tables

    folder = corpus_dir / BULLETIN_FOLDER
    if not any(folder.glob("*.txt")):
        raise FileNotFoundError(f"{folder}: no bulletins (*.txt) to build the datasets from")
    copies, skipped = read_copies(corpus_dir)
    reconciled = reconcile(copies)
    with tempfile.TemporaryDirectory(prefix="eim-datasets-") as scratch:
        store = Store(f"sqlite:///{Path(scratch) / 'eim.sqlite'}")
        try:
            for bulletin, _ in reconciled.bulletins:
                store.add(
                    bulletin,
                    "",
                    source=bulletin.source,
                    added_by=ADDED_BY,
                    added_at=added_at(bulletin.period),
                )
            tables = build_tables(store)
        finally:
            store.close()
    conflict_rows = [conflict.row() for conflict in reconciled.conflicts]
    observations = cast("list[dict[str, object]]", tables["observations"].to_dict("records"))
    found = coverage(observations, conflict_rows)
    tables["conflicts"] = table_frame(conflict_rows, CONFLICTS.column_names)
    tables["coverage"] = table_frame(coverage_rows(found), COVERAGE.column_names)
    files = export_tables({name: tables[name] for name in SHIPPED_TABLES}, "csv", out_dir)
    chosen = {b.period: names for b, names in reconciled.bulletins}
    return DatasetsResult(files, chosen, skipped, reconciled.conflicts, reconciled.withheld)
