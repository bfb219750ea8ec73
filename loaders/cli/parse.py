"""``eim parse FILE... [--format json|csv|table] [--period YYYY-MM]``: read bulletins and
print their facts; stores nothing.

JSON: one array, one object per file (``file``, ``period``, ``title``, ``sha256``,
``observations``, ``issues``), or ``{"file", "error"}`` for a file that is not a
bulletin (larger than 1 MB, not read within ``PARSE_SECONDS``, or giving no figure: then the
object also keeps the period, title and issues that were read). In every format each error
is also one line on standard error, ``eim parse: <file>: <why>``. Exit status
(``loaders.cli.exits``): OK when every file gave facts, FAILED when one was not a bulletin,
USAGE when the arguments are unusable (a missing file, a directory, a bad --period).
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from loaders.bulletin.limits import PARSE_SECONDS
from loaders.bulletin.models import Bulletin
from loaders.bulletin.parse import BulletinError, parse_bulletin, require_facts
from loaders.cli import exits
from loaders.cli.arguments import period_argument
from loaders.cli.inputs import file_problem, time_limit
from loaders.number_text import full
from loaders.schema import TIDY_COLUMNS


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``parse`` to ``eim``."""
    parse = commands.add_parser(
        "parse",
        help="read bulletins and print their facts (stores nothing)",
        description="Read bulletins (.txt or saved .html; UTF-8 or GB18030) and print "
        "their facts and what could not be read.",
    )
    parse.add_argument("files", nargs="+", type=Path, metavar="FILE")
    parse.add_argument(
        "--format",
        choices=("json", "csv", "table"),
        default="json",
        help="json (default): the contract's array; csv: tidy rows; table: for reading",
    )
    parse.add_argument(
        "--period",
        type=period_argument,
        metavar="YYYY-MM",
        help="the reporting period, when the text names no year",
    )
    parse.set_defaults(run=lambda args: parse_command(args.files, args.format, args.period))


def _result(path: Path, period: str | None) -> tuple[dict[str, Any], Bulletin | None, int]:
    problem = file_problem(path)
    if problem:
        return {"file": str(path), "error": problem}, None, exits.USAGE
    try:
        with time_limit(PARSE_SECONDS, str(path)):
            bulletin = parse_bulletin(path, period=period)
    except BulletinError as error:
        return {"file": str(path), "error": str(error)}, None, exits.FAILED
    result = {
        "file": str(path),
        "period": bulletin.period,
        "title": bulletin.title,
        "sha256": bulletin.sha256,
        "observations": [o.row() for o in bulletin.observations],
        "issues": [i.model_dump() for i in bulletin.issues],
    }
    try:
        require_facts(bulletin)
    except BulletinError as error:
        return {**result, "error": str(error)}, bulletin, exits.FAILED
    return result, bulletin, exits.OK


def _csv(results: list[dict[str, Any]]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=["file", *TIDY_COLUMNS], lineterminator="\n")
    writer.writeheader()
    for result in results:
        for row in result.get("observations", []):
            writer.writerow({"file": result["file"], **row})
    return out.getvalue()


def _table(results: list[dict[str, Any]]) -> str:
    lines: list[str] = []
    for result in results:
        lines.append(f"== {result['file']}")
        if "error" in result:
            lines.append(f"   error: {result['error']}")
        if "issues" not in result:  # not read at all
            continue
        lines.append(
            f"   {result['title']} ({result['period']}), {len(result['observations'])} facts"
        )
        for row in result["observations"]:
            where = "" if row["region"] == "national" else f" {row['region']}"
            where += "" if row["segment"] == "all" else f" [{row['segment']}]"
            ref = f" vs {row['ref_period']}" if row["ref_period"] else ""
            lines.append(
                f"   {row['period']} {row['basis']:<5} {row['indicator']:<36}{where} "
                f"{row['measure']:<20} {full(row['value']):>12} {row['unit']}{ref}"
            )
        if result["issues"]:
            lines.append("   issues:")
            for issue in result["issues"]:
                text = f" — {issue['text']}" if issue["text"] else ""
                lines.append(f"   - [{issue['severity']}] {issue['message']}{text}")
    return "\n".join(lines) + "\n"


def parse_command(files: Sequence[Path], output_format: str, period: str | None) -> int:
    """Run ``eim parse``; print to standard output; return the exit status."""
    results: list[dict[str, Any]] = []
    status = exits.OK
    for path in files:
        result, _, code = _result(path, period)
        results.append(result)
        status = max(status, code)
        if "error" in result:
            print(f"eim parse: {result['error']}", file=sys.stderr)
    if output_format == "json":
        sys.stdout.write(json.dumps(results, ensure_ascii=False, indent=1) + "\n")
    elif output_format == "csv":
        sys.stdout.write(_csv(results))
    else:
        sys.stdout.write(_table(results))
    return status
