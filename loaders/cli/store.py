"""The store's commands: ``eim add``, ``eim list``, ``eim show``, ``eim check``.

    eim add FILE... [--dry-run] [--by NAME] [--period YYYY-MM] [--source-url URL]
                                               parse, check and store; one transaction a file
    eim list                                   the stored bulletins and their vintages (and
                                               each one's source URL, when known)
    eim show PERIOD                            one period's facts (latest vintage) and checks
    eim check                                  every consistency check over the whole store

The database is the one the environment names (``EIM_DATABASE_URL``, else the SQLite
file ``EIM_DATABASE_PATH``); an empty one is first filled from the shipped ``datasets/``, as
the dashboard fills it (``open_store``; not with ``EIM_SHIPPED_DATA=false``). The store and
pandas are imported when a command runs, so ``eim parse`` stays fast.

A FILE that is missing or a directory is an unusable argument (``exits.USAGE``); a file that
is larger than 1 MB, not read within ``PARSE_SECONDS`` or gives no figure is refused
(``exits.FAILED``): each gets its line and the others go on.
"""

from __future__ import annotations

import argparse
import sys
from contextlib import closing
from pathlib import Path
from typing import TYPE_CHECKING, Any

from loaders.bulletin.limits import PARSE_SECONDS
from loaders.cli import exits
from loaders.cli.arguments import period_argument, period_or_none, source_url_argument
from loaders.cli.inputs import file_problem, time_limit
from loaders.errors import StoreFailure
from loaders.number_text import full
from loaders.schema import fact_key

if TYPE_CHECKING:
    from loaders.bulletin.models import Issue
    from loaders.store import AddResult, Store


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the store's subcommands to ``eim``."""
    add = commands.add_parser(
        "add",
        help="parse, check and store bulletins (one transaction per file)",
        description="Parse each file, check it against the store and store it with its "
        "text. A text already stored changes nothing; a new text for a stored period is a "
        "new vintage, and every value it changes is reported. A file that fails stores "
        "nothing and the others go on; the exit status is then 1.",
    )
    add.add_argument("files", nargs="+", type=Path, metavar="FILE")
    add.add_argument("--dry-run", action="store_true", help="do everything but store")
    add.add_argument("--by", default="", help="who adds (default: EIM_ADDED_BY or the login)")
    add.add_argument(
        "--period",
        type=period_argument,
        metavar="YYYY-MM",
        help="the period, for texts that name no year",
    )
    add.add_argument(
        "--source-url",
        metavar="URL",
        type=source_url_argument,
        help="the publisher's page of the bulletin (http or https), kept with it and linked "
        "on the Bulletins page",
    )
    add.set_defaults(run=add_command)

    listing = commands.add_parser("list", help="the stored bulletins and their vintages")
    listing.set_defaults(run=list_command)

    show = commands.add_parser("show", help="one period's facts (latest vintage) and checks")
    show.add_argument("period", metavar="PERIOD", help="YYYY-MM")
    show.set_defaults(run=show_command)

    check = commands.add_parser("check", help="every consistency check over the whole store")
    check.set_defaults(run=check_command)


def open_store(*, shipped: bool = True) -> Store:
    """The store the environment names; unless ``shipped`` is False, an empty one is first
    filled from the shipped ``datasets/`` (``loaders.api.default_store``, as the dashboard
    does), and standard error says so."""
    from loaders.store import Store

    store = Store.from_settings()
    if not shipped or store.version() > 0:
        return store
    store.close()
    from loaders.api import default_store

    store = default_store()
    if store.version() > 0:
        print(
            f"eim: the store was empty: filled it with the shipped data ({len(store.bulletins())} "
            "bulletins from datasets/; EIM_SHIPPED_DATA=false keeps a new store empty)",
            file=sys.stderr,
        )
    return store


class _Progress:
    """A one-line progress bar on standard error, when it is a terminal and files are many."""

    def __init__(self, total: int) -> None:
        self.total = total
        self.shown = total > 3 and sys.stderr.isatty()

    def step(self, done: int, name: str) -> None:
        if self.shown:
            filled = int(30 * done / self.total)
            bar = "#" * filled + "-" * (30 - filled)
            sys.stderr.write(f"\r[{bar}] {done}/{self.total} {name[:40]:<40}")
            sys.stderr.flush()

    def close(self) -> None:
        if self.shown:
            sys.stderr.write("\n")


def _describe(result: AddResult) -> list[str]:
    verb = {"added": "added", "revised": "added as a new vintage", "unchanged": "unchanged"}
    head = f"{result.source}: {verb[result.status]}"
    if result.status == "unchanged":
        return [f"{head} — this text is already stored ({result.sha256[:12]})"]
    lines = [
        f"{head} — {result.period}, vintage {result.vintage}, {result.facts} facts"
        + (" (dry run: nothing stored)" if result.dry_run else "")
    ]
    lines += [f"    changed: {change.describe()}" for change in result.changes]
    lines += [f"    warning: {warning.message}" for warning in result.warnings]
    return lines


def _own_issues(issues: list[Issue], path: Path) -> list[str]:
    """The bulletin's own warnings, and how many figures it did not take."""
    lines = [f"    warning: {i.message}" for i in issues if i.severity == "warning"]
    untaken = sum(1 for i in issues if i.severity != "warning")
    if untaken:
        lines.append(
            f"    {untaken} sentence(s) with figures not read or not trusted: "
            f"`eim parse --format table {path}` lists them"
        )
    return lines


def add_command(args: argparse.Namespace) -> int:
    """``eim add``: see ``register``."""
    from loaders import settings

    with closing(open_store()) as store:
        return _add_files(store, args, args.by or settings.current().who())


def _add_files(store: Store, args: argparse.Namespace, who: str) -> int:
    from loaders.bulletin.parse import BulletinError, parse_bulletin, read_source, require_facts

    counts = {"added": 0, "revised": 0, "unchanged": 0, "failed": 0, "warned": 0}
    progress = _Progress(len(args.files))
    status = exits.OK
    for done, path in enumerate(args.files, start=1):
        progress.step(done, str(path))
        problem = file_problem(path)
        if problem:
            progress.close()
            print(f"{path}: failed — {problem}")
            counts["failed"] += 1
            status = max(status, exits.USAGE)
            continue
        try:
            text, _ = read_source(path)
            with time_limit(PARSE_SECONDS, str(path)):
                bulletin = require_facts(parse_bulletin(path, period=args.period))
            result = store.add(
                bulletin,
                text,
                source=path.name,
                added_by=who,
                dry_run=args.dry_run,
                source_url=args.source_url,
            )
        except (BulletinError, StoreFailure) as error:  # the store's: read-only, full, gone
            progress.close()
            print(f"{path}: failed — {error}")
            counts["failed"] += 1
            status = max(status, exits.FAILED)
            continue
        counts[result.status] += 1
        counts["warned"] += bool(result.warnings)
        if result.status != "unchanged" or not progress.shown:
            progress.close()
            print("\n".join([*_describe(result), *_own_issues(bulletin.issues, path)]))
    progress.close()
    summary = ", ".join(f"{n} {what}" for what, n in counts.items())
    print(f"summary: {summary}" + (" (dry run: nothing stored)" if args.dry_run else ""))
    return status


def list_command(args: argparse.Namespace) -> int:
    """``eim list``: one line per stored bulletin."""
    with closing(open_store()) as store:
        rows = store.bulletins()
    if not rows:
        print("the store is empty: add bulletins with `eim add FILE...`")
        return exits.OK
    print(f"{'period':<8} {'vintage':>7}  {'added at (UTC)':<19}  {'sha256':<12}  title / source")
    for row in rows:
        print(
            f"{row['period']:<8} {row['vintage']:>7}  {row['added_at']:%Y-%m-%d %H:%M:%S}  "
            f"{row['sha256'][:12]}  {row['title']} / {row['source']}"
            + (f" <{row['source_url']}>" if row.get("source_url") else "")
        )
    return exits.OK


def _fact_line(row: dict[str, Any]) -> str:
    where = "" if row["region"] == "national" else f" {row['region']}"
    where += "" if row["segment"] == "all" else f" [{row['segment']}]"
    ref = f" vs {row['ref_period']}" if row["ref_period"] else ""
    return (
        f"  {row['basis']:<5} {row['indicator']:<36}{where} {row['measure']:<20} "
        f"{full(row['value']):>12} {row['unit']}{ref}  ({row['bulletin'][:12]})"
    )


def show_command(args: argparse.Namespace) -> int:
    """``eim show PERIOD``: the period's facts and the checks that concern them."""
    from loaders.bulletin.checks import change_consistency, run_checks
    from loaders.bulletin.models import Observation

    period = period_or_none(args.period, "show")
    if period is None:
        return exits.USAGE
    with closing(open_store()) as store:
        facts = store.facts()
    rows = [row for row in facts if row["period"] == period]
    if not rows:
        print(
            f"eim show: no facts stored for {period}; `eim list` shows what is stored",
            file=sys.stderr,
        )
        return exits.FAILED
    print(f"{period}: {len(rows)} facts (latest vintage of each)")
    for row in rows:
        print(_fact_line(row))
    index = {fact_key(row): row for row in facts}
    observations = [Observation.from_row(row) for row in rows]
    warnings = run_checks(observations) + change_consistency(rows, index)
    for warning in warnings:
        print(f"warning: {warning.message}")
    return exits.OK


def check_command(args: argparse.Namespace) -> int:
    """``eim check``: every check over the whole store, as a report; status 1 on warnings."""
    from loaders.bulletin.checks import store_report
    from loaders.tables.recover import recovered

    with closing(open_store()) as store:
        facts = store.facts()
    report = store_report(facts)
    for key, candidates in recovered(facts).disagreements.items():
        found = "; ".join(f"{full(value)} from bulletin {sha[:12]}" for value, sha in candidates)
        report.append(
            f"warning: {' '.join(part for part in key if part)}: the changes printed in "
            f"several bulletins give different figures ({found}); none is derived"
        )
    for line in report:
        print(line)
    return exits.FAILED if any(line.startswith("warning") for line in report) else exits.OK
