"""The shipped bulletins whose printed rows give synthetic bulletins their keys.

In: the shipped ``datasets/`` (``printed_rows``: the bulletins and their printed, not derived,
observation rows, as text). Out: month (2..12) -> ``Template`` (``select_templates``), whose
keys move to any synthetic period (``Template.keys_for``), and the pattern every bulletin made
from it prints (``key_pattern``: periods as offsets in bulletins).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from benchmarks.synthetic.periods import FIRST_MONTH, Key, bulletin_index, bulletin_period
from loaders.bulletin.periods import Month
from loaders.schema import BULLETINS, OBSERVATIONS
from loaders.tables.importer import read_table

ROOT = Path(__file__).resolve().parents[2]
SHIPPED = ROOT / "datasets"
Shape = Literal["month", "richest"]
Row = dict[str, str]


@dataclass(frozen=True)
class Template:
    """A shipped bulletin whose printed rows give a synthetic bulletin its keys."""

    period: Month
    sha256: str
    rows: tuple[Row, ...]

    def keys_for(self, period: Month) -> list[Key]:
        """The template's keys moved to the bulletin of ``period`` (see the module docstring)."""
        shift = bulletin_index(period) - bulletin_index(self.period)

        def moved(text: str) -> str:
            return str(bulletin_period(bulletin_index(Month.parse(text)) + shift)) if text else ""

        return [
            Key(
                moved(row["period"]),
                row["indicator"],
                row["region"],
                row["segment"],
                row["basis"],
                row["measure"],
                moved(row["ref_period"]),
            )
            for row in self.rows
        ]

    def pattern(self) -> set[tuple[str, ...]]:
        """The template's keys and units with periods as offsets (in bulletins) from its own
        period: what every synthetic bulletin made from it must print."""
        return key_pattern(self.period, self.rows)


def key_pattern(period: Month, rows: Iterable[Mapping[str, str]]) -> set[tuple[str, ...]]:
    """(period offset, indicator, region, segment, basis, measure, unit, ref_period offset)
    of each row, the offsets counted in bulletins from ``period`` ('' for no ref_period)."""
    base = bulletin_index(period)

    def offset(text: str) -> str:
        return str(bulletin_index(Month.parse(text)) - base) if text else ""

    return {
        (
            offset(row["period"]),
            *(row[c] for c in ("indicator", "region", "segment", "basis", "measure", "unit")),
            offset(row["ref_period"] or ""),
        )
        for row in rows
    }


def printed_rows(datasets: Path = SHIPPED) -> tuple[list[Row], list[Row]]:
    """The shipped bulletins and their printed (not derived) observation rows."""
    observations = [row for row in read_table(datasets, OBSERVATIONS) if row["derived"] == "false"]
    return read_table(datasets, BULLETINS), observations


def select_templates(
    bulletins: list[Row], observations: list[Row], shape: Shape = "month"
) -> dict[int, Template]:
    """Month (2..12) -> the template of its bulletins: the shipped bulletin with the most
    printed rows among those of that month (``shape="month"``; the richest overall when the
    month has none) or among all (``shape="richest"``); ties go to the later period."""
    rows: dict[str, list[Row]] = defaultdict(list)
    for row in observations:
        rows[row["bulletin"]].append(row)
    templates = [
        Template(Month.parse(b["period"]), b["sha256"], tuple(rows[b["sha256"]]))
        for b in bulletins
        if rows[b["sha256"]]
    ]
    if not templates:
        raise ValueError("the shipped datasets hold no printed observations to copy shapes from")

    def richest(candidates: list[Template]) -> Template:
        return max(candidates, key=lambda t: (len(t.rows), t.period))

    overall = richest(templates)
    chosen: dict[int, Template] = {}
    for month in range(FIRST_MONTH, 13):
        same = [t for t in templates if t.period.month == month]
        chosen[month] = richest(same) if same and shape == "month" else overall
    return chosen
