"""``eim coverage``: which months each series of the store has a figure for.

    eim coverage [--series KEY] [--since YYYY-MM] [--format table|csv|json]

``table`` (the default) lists every series (or the one ``--series`` names, with its months
as a year × month grid): its first and last month, the months between them (Januaries left
out: no bulletin reports January alone), how many are printed, derived, in conflict (the
changes of several bulletins give different figures, so none is derived) or missing, and
the share covered. ``csv`` is the long form (one row per series and month: the series key, its
codes, ``period``, ``state``); ``json`` one object per series with its counts and a
``periods`` mapping. ``--since`` counts from that month instead of the series' first figure.
The store is the one the environment names (see ``eim list``).
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from typing import TYPE_CHECKING, Any, cast

from loaders.cli import exits
from loaders.cli.arguments import period_argument

if TYPE_CHECKING:
    from loaders.tables.coverage import SeriesCoverage

FORMATS = ("table", "csv", "json")
#: How the grid of ``--series`` marks a month.
MARKS = {"printed": "●", "derived": "○", "conflict": "×", "missing": "·"}


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``eim coverage`` to ``eim``."""
    command = commands.add_parser(
        "coverage",
        help="the months each series has a figure for (printed, derived, missing)",
        description="Which months each series of the store has a figure for: printed, "
        "derived or missing, from its first figure to its last (Januaries left out: no "
        "bulletin reports January alone), and the share covered.",
    )
    command.add_argument(
        "--series",
        metavar="KEY",
        help="one series: indicator.region.segment.basis.measure, "
        "e.g. value_added.national.all.ytd.yoy_pct",
    )
    command.add_argument(
        "--since",
        metavar="YYYY-MM",
        type=period_argument,
        help="count from this month (default: each series' first)",
    )
    command.add_argument("--format", choices=FORMATS, default="table")
    command.set_defaults(run=coverage_command)


def coverage_command(args: argparse.Namespace) -> int:
    from loaders import api
    from loaders.tables.coverage import coverage, parse_series_key

    try:
        wanted = parse_series_key(args.series) if args.series else None
    except ValueError as error:
        print(f"eim coverage: {error}", file=sys.stderr)
        return exits.USAGE
    since: str | None = args.since
    if since is not None and since.endswith("-01"):
        print(f"eim coverage: --since {since}: no bulletin reports January alone", file=sys.stderr)
        return exits.USAGE
    from loaders.schema import KEY_COLUMNS
    from loaders.tables.recover import recovered

    store = api.default_store()
    try:
        rows = cast("list[dict[str, object]]", api.observations(store=store).to_dict("records"))
        # a figure that printed changes give differently is a conflict: none is derived
        conflicts = [
            {**dict(zip(KEY_COLUMNS, key, strict=True)), "resolution": "none"}
            for key in recovered(store.facts()).disagreements
        ]
    finally:
        store.close()
    found = coverage(rows, conflicts)
    if wanted is not None:
        found = [series for series in found if series.codes == wanted]
        if not found:
            print(
                f"eim coverage: the store has no figure of {args.series}; "
                "`eim coverage` lists its series",
                file=sys.stderr,
            )
            return exits.FAILED
    if since is not None:
        found = [series.since(since) for series in found if series.last >= since]
    {"table": _table, "csv": _csv, "json": _json}[args.format](found)
    if args.format == "table" and wanted is not None:
        for series in found:
            _grid(series)
    return exits.OK


def _table(found: list[SeriesCoverage]) -> None:
    width = max([len(series.key) for series in found] + [6])
    print(f"{'series':<{width}}  first    last     months printed derived conflict missing covered")
    for series in found:
        print(
            f"{series.key:<{width}}  {series.first}  {series.last}  {series.months:>6} "
            f"{series.count('printed'):>7} {series.count('derived'):>7} "
            f"{series.count('conflict'):>8} {series.count('missing'):>7} {series.share:>7.0%}"
        )


def _grid(series: SeriesCoverage) -> None:
    """The series' months as years down, months across (● printed, ○ derived, · missing)."""
    states = dict(series.states)
    print()
    print("year  " + " ".join(f"{month:>2}" for month in range(1, 13)))
    for year in range(int(series.first[:4]), int(series.last[:4]) + 1):
        months = [states.get(f"{year:04d}-{month:02d}", "") for month in range(1, 13)]
        marks = [MARKS.get(state, " ") for state in months]
        print(f"{year}  " + " ".join(f"{mark:>2}" for mark in marks))
    print("● printed  ○ derived  × conflict  · missing  (January: no bulletin)")


def _csv(found: list[SeriesCoverage]) -> None:
    from loaders.schema import COVERAGE
    from loaders.tables.coverage import coverage_rows

    writer = csv.DictWriter(sys.stdout, COVERAGE.column_names, lineterminator="\n")
    writer.writeheader()
    writer.writerows(coverage_rows(found))


def _json(found: list[SeriesCoverage]) -> None:
    from loaders.tables.coverage import SERIES_KEY_PARTS, STATES

    out: list[dict[str, Any]] = [
        {
            "series": series.key,
            **dict(zip(SERIES_KEY_PARTS, series.codes, strict=True)),
            "first": series.first,
            "last": series.last,
            "months": series.months,
            **{state: series.count(state) for state in STATES},
            "share": round(series.share, 4),
            "periods": dict(series.states),
        }
        for series in found
    ]
    json.dump(out, sys.stdout, ensure_ascii=False, indent=1)
    print()
