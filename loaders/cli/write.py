"""``eim write PERIOD --lang zh|en``: the stored facts of a period as a bulletin.

Prints the bulletin to standard output: printed figures in the bulletin's sections,
computed (derived) ones apart at the end unless ``--printed-only``. Exit status 0; 1 when
nothing is stored for the period, or when a fact could not be written (each is named on
standard error, and the rest is printed); 2 for unusable arguments.
"""

from __future__ import annotations

import argparse
import sys
from contextlib import closing

from loaders.cli import exits
from loaders.cli.arguments import period_or_none
from loaders.number_text import full


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``eim write`` to ``eim``."""
    write = commands.add_parser(
        "write",
        help="print a period's stored facts as a bulletin, in Chinese or English",
        description="Write the stored facts of PERIOD (the latest vintage of each) as a "
        "bulletin in the MIIT's structure: in Chinese (zh) or in English (en). Figures "
        "EIM Monitor computed are written apart, after the printed ones, and marked.",
    )
    write.add_argument("period", metavar="PERIOD", help="YYYY-MM, e.g. 2023-11")
    write.add_argument("--lang", choices=("zh", "en"), default="zh", help="zh (default) or en")
    write.add_argument(
        "--printed-only", action="store_true", help="leave out the computed (derived) figures"
    )
    write.set_defaults(run=write_command)


def write_command(args: argparse.Namespace) -> int:
    """Run ``eim write``; return the exit status."""
    from loaders.api import default_store
    from loaders.writer import period_facts, write

    period = period_or_none(args.period, "write")
    if period is None:
        return exits.USAGE
    with closing(default_store()) as store:
        rows = store.facts()
    facts = [f for f in period_facts(rows, period) if not (args.printed_only and f.derived)]
    if not any(not fact.derived for fact in facts):
        print(
            f"eim write: no bulletin figures are stored for {period}; `eim list` shows "
            "the stored periods",
            file=sys.stderr,
        )
        return exits.FAILED
    document = write(facts, period, args.lang)
    sys.stdout.write(document.text())
    for fact in document.unwritten:
        print(
            f"eim write: not written (no sentence states it): {' '.join(fact.key())} "
            f"= {full(fact.value)}",
            file=sys.stderr,
        )
    return exits.FAILED if document.unwritten else exits.OK
