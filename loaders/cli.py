"""The ``eim`` command line. ``eim parse`` reads bulletins and prints their facts.

    eim parse FILE... [--format json|csv|table] [--period YYYY-MM]
    eim add | list | show | check   (the store: loaders.cli_store)
    eim write PERIOD --lang zh|en    (a period as a bulletin: loaders.cli_write)

JSON: one array, one object per file (``file``, ``period``, ``title``, ``sha256``,
``observations``, ``issues``), or ``{"file", "error"}`` for a file that is not a
bulletin. Exit status 0 when every file parsed, 1 when one was not a bulletin,
2 when the arguments are unusable (unknown option, missing file, bad --period).
This module imports nothing of the dashboard, so the command starts fast.
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

from loaders import cli_export, cli_serve, cli_store, cli_write
from loaders.models import Bulletin
from loaders.parse import BulletinError, parse_bulletin
from loaders.periods import Month
from loaders.schema import TIDY_COLUMNS

EXIT_OK, EXIT_NOT_A_BULLETIN, EXIT_USAGE = 0, 1, 2
#: Modules that add subcommands: each has ``register(subparsers)``.
COMMAND_MODULES = (cli_store, cli_export, cli_serve, cli_write)


def _period_argument(value: str) -> str:
    try:
        return str(Month.parse(value))
    except ValueError as error:
        raise argparse.ArgumentTypeError(str(error)) from error


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of ``eim`` and its subcommands."""
    parser = argparse.ArgumentParser(
        prog="eim", description="EIM Monitor: MIIT electronic-information bulletins as data."
    )
    commands = parser.add_subparsers(dest="command", required=True)
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
        type=_period_argument,
        metavar="YYYY-MM",
        help="the reporting period, when the text names no year",
    )
    parse.set_defaults(run=lambda args: parse_command(args.files, args.format, args.period))
    for module in COMMAND_MODULES:
        module.register(commands)
    return parser


def _result(path: Path, period: str | None) -> tuple[dict[str, Any], Bulletin | None, int]:
    if not path.is_file():
        return {"file": str(path), "error": f"{path}: no such file"}, None, EXIT_USAGE
    try:
        bulletin = parse_bulletin(path, period=period)
    except BulletinError as error:
        return {"file": str(path), "error": str(error)}, None, EXIT_NOT_A_BULLETIN
    return (
        {
            "file": str(path),
            "period": bulletin.period,
            "title": bulletin.title,
            "sha256": bulletin.sha256,
            "observations": [o.row() for o in bulletin.observations],
            "issues": [i.model_dump() for i in bulletin.issues],
        },
        bulletin,
        EXIT_OK,
    )


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
                f"{row['measure']:<20} {row['value']:>12g} {row['unit']}{ref}"
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
    status = EXIT_OK
    for path in files:
        result, _, code = _result(path, period)
        results.append(result)
        status = max(status, code)
    if output_format == "json":
        sys.stdout.write(json.dumps(results, ensure_ascii=False, indent=1) + "\n")
    elif output_format == "csv":
        sys.stdout.write(_csv(results))
    else:
        sys.stdout.write(_table(results))
    return status


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``eim`` console script."""
    args = build_parser().parse_args(argv)
    try:
        status: int = args.run(args)
    except BrokenPipeError:  # the reader (``| head``) stopped reading: not an error
        sys.stderr.close()
        return EXIT_OK
    return status


if __name__ == "__main__":
    sys.exit(main())
