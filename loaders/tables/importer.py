"""Load an exported CSV folder back into an empty store.

Shape: ``bulletins.csv`` (one row per bulletin, in the order they were added, as
``loaders.tables.export`` writes it) -> one stored bulletin per row, with the same sha256,
period, title, source, source_url (a file from before that column reads as none),
parser_version, added_at, added_by and publisher, and an empty text (the
exports carry no source texts); ``observations.csv`` rows with ``derived`` false -> the facts
of the bulletin their ``bulletin`` column names, with an empty ``printed`` (the exports carry
values, not the figures as printed). Derived rows are skipped: they are computed from the
facts whenever the tables are built, so exporting the imported store gives the same files.

The rows are validated as ``loaders.bulletin.models.Bulletin``/``Observation`` (codes, units,
periods) and written in one transaction through the store's tables (SQLAlchemy Core: the same
code for SQLite and PostgreSQL). The provenance columns are written as they are in the file,
which ``Store.add`` would not do (it stamps its own parser version and publisher).

A store that already holds bulletins is refused (``ImportRefused``) unless it holds exactly
the file's sha256s, in which case nothing changes (status ``unchanged``).
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from pydantic import ValidationError
from sqlalchemy import select

from loaders.bulletin.models import Bulletin, Observation
from loaders.errors import EimError
from loaders.schema import BULLETINS, KEY_COLUMNS, OBSERVATIONS, Table
from loaders.source_url import SourceUrlError
from loaders.source_url import source_url as source_url_of
from loaders.store.adding import insert_bulletin
from loaders.store.tables import bulletins as bulletins_db

if TYPE_CHECKING:
    from loaders.store import Store

Row = dict[str, str]
ENCODING = "utf-8-sig"
#: Optional columns added to a table after exports were first made: a file without them is
#: read as if they were empty.
LATER_COLUMNS: dict[str, tuple[str, ...]] = {"bulletins": ("source_url",)}


class ImportRefused(EimError):
    """The store already holds other bulletins; the message says which and what to do."""


class TableError(EimError, ValueError):
    """An exported file cannot be read back; the message names the file and row."""


@dataclass(frozen=True)
class ImportResult:
    """What ``import_tables`` did: ``bulletins`` and ``facts`` stored (0 when unchanged),
    ``derived_skipped`` derived rows left to be computed again."""

    status: Literal["imported", "unchanged"]
    bulletins: int
    facts: int
    derived_skipped: int


def restore(text: str) -> str:
    """A text cell as it was before ``loaders.tables.export.neutralise``: one leading
    apostrophe off."""
    return text[1:] if text.startswith("'") else text


def read_table(directory: Path, table: Table) -> list[Row]:
    """``directory/<table>.csv`` as dicts of text, text cells restored; loud on a wrong header."""
    path = directory / f"{table.name}.csv"
    if not path.is_file():
        raise TableError(f"{path}: no such file (an `eim export --format csv` folder holds it)")
    text_columns = {c.name for c in table.columns if c.type == "string"}
    with path.open(encoding=ENCODING, newline="") as handle:
        reader = csv.DictReader(handle)
        header = tuple(reader.fieldnames or ())
        if header not in (table.column_names, _before_later_columns(table)):
            raise TableError(
                f"{path}: the header is {reader.fieldnames}, expected {list(table.column_names)}"
            )
        return [
            {
                **{name: "" for name in LATER_COLUMNS.get(table.name, ())},
                **{k: restore(v) if k in text_columns else v for k, v in row.items()},
            }
            for row in reader
        ]


def _before_later_columns(table: Table) -> tuple[str, ...]:
    """The header of ``table`` as exports made before ``LATER_COLUMNS`` wrote it."""
    return tuple(c for c in table.column_names if c not in LATER_COLUMNS.get(table.name, ()))


def _utc(text: str, where: str) -> datetime:
    """``2023-12-01T00:00:00Z`` -> a naive UTC datetime, as the store keeps it."""
    try:
        moment = datetime.fromisoformat(text)
    except ValueError as error:
        raise TableError(f"{where}: added_at {text!r} is not an ISO 8601 time") from error
    if moment.tzinfo is not None:
        moment = moment.astimezone(UTC).replace(tzinfo=None)
    return moment


def _observation(row: Row, where: str) -> Observation:
    try:
        return Observation.model_validate(
            {
                **{c: row[c] for c in KEY_COLUMNS},
                "value": float(row["value"]),
                "unit": row["unit"],
                "text": row["text"],
                # not in the exported columns today; read when loaders.schema carries it
                "printed": row.get("printed", ""),
            }
        )
    except (ValidationError, ValueError) as error:
        raise TableError(f"{where}: {error}") from error


def bulletins_of(bulletin_rows: list[Row], observation_rows: list[Row]) -> list[Bulletin]:
    """One validated ``Bulletin`` per bulletin row, in file order, with its reported facts."""
    facts: dict[str, list[Observation]] = {row["sha256"]: [] for row in bulletin_rows}
    for number, row in enumerate(observation_rows, start=2):
        if row["derived"] == "true":
            continue
        where = f"observations.csv line {number}"
        if row["derived"] != "false":
            raise TableError(f"{where}: derived is {row['derived']!r}, expected true or false")
        if row["bulletin"] not in facts:
            raise TableError(f"{where}: bulletin {row['bulletin'][:12]} is not in bulletins.csv")
        facts[row["bulletin"]].append(_observation(row, where))
    seen: dict[str, int] = {}
    result: list[Bulletin] = []
    for number, row in enumerate(bulletin_rows, start=2):
        where = f"bulletins.csv line {number}"
        seen[row["period"]] = seen.get(row["period"], 0) + 1
        if str(seen[row["period"]]) != row["vintage"]:
            raise TableError(
                f"{where}: vintage {row['vintage']} but it is bulletin {seen[row['period']]} "
                f"of {row['period']} in file order; keep the rows in the order they were added"
            )
        try:
            source_url_of(row["source_url"])
        except SourceUrlError as error:
            raise TableError(f"{where}: {error}") from error
        try:
            result.append(
                Bulletin(
                    source=row["source"],
                    period=row["period"],
                    title=row["title"],
                    sha256=row["sha256"],
                    observations=facts[row["sha256"]],
                    issues=[],
                )
            )
        except ValidationError as error:
            raise TableError(f"{where}: {error}") from error
    return result


def import_tables(store: Store, directory: Path) -> ImportResult:
    """Load ``directory`` (``observations.csv`` and ``bulletins.csv``) into ``store``; see the
    module docstring. Raises ``ImportRefused`` or ``TableError``."""
    bulletin_rows = read_table(directory, BULLETINS)
    observation_rows = read_table(directory, OBSERVATIONS)
    parsed = bulletins_of(bulletin_rows, observation_rows)
    skipped = sum(row["derived"] == "true" for row in observation_rows)
    with store.write() as connection:
        stored = set(connection.scalars(select(bulletins_db.c.sha256)))
        if stored:
            if stored == {b.sha256 for b in parsed}:
                return ImportResult("unchanged", 0, 0, skipped)
            raise ImportRefused(
                f"the store already holds {len(stored)} bulletins and {directory} holds "
                f"{len(parsed)}, not the same ones; import into an empty store "
                "(a new EIM_DATABASE_PATH or EIM_DATABASE_URL)"
            )
        facts = 0
        for row, bulletin in zip(bulletin_rows, parsed, strict=True):
            insert_bulletin(
                connection,
                bulletin,
                text="",
                source=bulletin.source,
                source_url=row["source_url"] or None,
                parser_version=row["parser_version"],
                added_at=_utc(row["added_at"], f"bulletin {bulletin.sha256[:12]}"),
                added_by=row["added_by"],
                publisher=row["publisher"],
            )
            facts += len(bulletin.observations)
    return ImportResult("imported", len(parsed), facts, skipped)
