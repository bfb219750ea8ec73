"""Build the shipped datasets (``datasets/``) from a corpus of bulletin copies.

Shape: ``<corpus>/bulletins/*.txt`` (web copies, several per period) -> one bulletin per
period: the copy with the most facts (a tie goes to the first by file name) -> a fresh
temporary SQLite store, added in period order, each at midnight UTC of the first day after
its period (the 2023-11 bulletin at 2023-12-01T00:00:00Z), by ``eim datasets`` -> the CSV
export (``loaders.tables.export``): observations.csv, wide.csv, indicators.csv, bulletins.csv and
datapackage.json in ``out_dir``.

Deterministic: the same corpus and loader give byte-identical files (fixed times and names,
no clock, no random order). A file the loader refuses is left out and reported.
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from loaders.bulletin.models import Bulletin
from loaders.bulletin.parse import BulletinError, parse_bulletin, read_source
from loaders.bulletin.periods import Month

#: Who ``bulletins.added_by`` says stored the shipped bulletins.
ADDED_BY = "eim datasets"
#: The corpus folder of intact copies (``robustness/`` holds damaged ones: never shipped).
BULLETIN_FOLDER = "bulletins"


@dataclass(frozen=True)
class DatasetsResult:
    """The files written, the copy chosen per period and the files left out (with why)."""

    files: list[Path]
    chosen: dict[str, str]
    skipped: dict[str, str] = field(default_factory=dict)


def added_at(period: str) -> datetime:
    """Midnight UTC (naive, as the store keeps it) of the first day after ``period``."""
    after = Month.parse(period).shifted(1)
    return datetime(after.year, after.month, 1)


def most_complete(
    paths: list[Path],
) -> tuple[dict[str, tuple[Path, Bulletin, str]], dict[str, str]]:
    """Per period the copy with the most facts, with its text; and the files refused."""
    best: dict[str, tuple[Path, Bulletin, str]] = {}
    skipped: dict[str, str] = {}
    for path in sorted(paths, key=lambda p: p.name):
        try:
            text, _ = read_source(path)
            bulletin = parse_bulletin(path, name=path.name)
        except BulletinError as error:
            skipped[path.name] = str(error)
            continue
        kept = best.get(bulletin.period)
        if kept is None or len(bulletin.observations) > len(kept[1].observations):
            best[bulletin.period] = (path, bulletin, text)
    return best, skipped


def build_datasets(corpus_dir: Path, out_dir: Path) -> DatasetsResult:
    """Parse ``corpus_dir/bulletins/*.txt`` and write the CSV datasets into ``out_dir``."""
    from loaders.store import Store
    from loaders.tables.export import export

    folder = corpus_dir / BULLETIN_FOLDER
    paths = sorted(folder.glob("*.txt"))
    if not paths:
        raise FileNotFoundError(f"{folder}: no bulletins (*.txt) to build the datasets from")
    best, skipped = most_complete(paths)
    with tempfile.TemporaryDirectory(prefix="eim-datasets-") as scratch:
        store = Store(f"sqlite:///{Path(scratch) / 'eim.sqlite'}")
        try:
            for period in sorted(best):
                path, bulletin, text = best[period]
                # The corpus's sentences are not ours to ship: the figures are, not the text.
                bulletin = bulletin.model_copy(
                    update={
                        "observations": [
                            o.model_copy(update={"text": ""}) for o in bulletin.observations
                        ]
                    }
                )
                store.add(
                    bulletin,
                    text,
                    source=path.name,
                    added_by=ADDED_BY,
                    added_at=added_at(period),
                )
            files = export(store, "csv", out_dir)
        finally:
            store.close()
    return DatasetsResult(files, {p: best[p][0].name for p in sorted(best)}, skipped)
